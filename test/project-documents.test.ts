import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import type { Session } from './support/identity.ts';
import { JPEG, makeSignedPdf } from './support/pdf-fixtures.ts';
import { payslipExpense, projectOrganisations, signInPeople } from './support/project.ts';

type Person = 'pm' | 'auditor';

/** The text of each page of a PDF as `pdftotext` (poppler) reads it, blanks folded. */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-documents-'));
  const file = path.join(dir, 'document.pdf');
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
  await rm(dir, { recursive: true });
  return stdout
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' ').trim());
}

/** Page 1 alone, as `pdftotext -f 1 -l 1` reads it. */
async function firstPage(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-documents-'));
  const file = path.join(dir, 'document.pdf');
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', ['-f', '1', '-l', '1', file, '-']);
  await rm(dir, { recursive: true });
  return stdout.replace(/\s+/g, ' ').trim();
}

// the test clock reads 2 March 2026
const PROJECT = {
  code: 'PROG-3858',
  acronym: 'LO.V.I.T.',
  title: 'Lodi verso l’integrazione territoriale',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F79I22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};
const CHECKED = Object.fromEntries(
  ['allocation', 'eligibility', 'documents', 'payment', 'stamp', 'noDoubleFunding', 'reasonableness'].map(
    (item) => [item, { ok: true }],
  ),
);

for (const backend of BACKENDS) {
  describe(`the documents of the funder's reporting on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let reportId: string;
    let claimId: string;

    const call = async (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const response = await t.app.inject({
        method,
        url,
        headers: sessions[who].headers,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500);
      return response;
    };
    const uploadSigned = async (content: Uint8Array, name = 'verbale-firmato.pdf') => {
      const body = await multipartBody({}, { content, name });
      return t.app.inject({
        method: 'POST',
        url: `/api/project/claims/${claimId}/verbale/signed`,
        headers: { ...sessions.auditor.headers, ...body.headers },
        payload: body.payload,
      });
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const { prefectureId } = await projectOrganisations(t);
      await signInPeople(
        t,
        [
          ['pm', prefectureId, 'project_manager'],
          ['auditor', prefectureId, 'auditor'],
        ],
        sessions,
      );
      const projectId = (await call('pm', 'POST', '/api/project/projects', PROJECT)).json().id as string;
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: prefectureId,
        role: 'LEAD',
      });
      const wp = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP1',
        title: 'Governance',
      });
      const packageId = wp.json().workPackages[0].id as string;
      const item = await call('pm', 'POST', `/api/project/work-packages/${packageId}/items`, {
        kind: 'ACTIVITY',
        code: 'A1.1',
        title: 'Tavoli tematici del Consiglio',
        plannedStart: '2025-11-01',
        plannedEnd: '2026-01-31',
        actualStart: '2025-11-03',
        status: 'IN_PROGRESS',
      });
      expect(item.statusCode, item.body).toBe(201);
      const report = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Prima relazione intermedia',
        kind: 'INTERMEDIATE',
        from: '2026-01-01',
        to: '2026-02-28',
      });
      expect(report.statusCode, report.body).toBe(201);
      reportId = report.json().id;

      const budget = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: [
          { code: 'A', organisationId: prefectureId, amountCents: 6_000_000 },
          { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
        ],
      });
      expect(budget.statusCode, budget.body).toBe(201);
      const expense = payslipExpense(prefectureId);
      const expenseId = (
        await call('pm', 'POST', `/api/project/projects/${projectId}/expenses`, expense)
      ).json().id as string;
      const document = await multipartBody(
        { kind: 'DOCUMENT' },
        { content: await makePdf('Busta paga'), name: 'cedolino.pdf' },
      );
      const attached = await t.app.inject({
        method: 'POST',
        url: `/api/project/expenses/${expenseId}/attachments`,
        headers: { ...sessions.pm.headers, ...document.headers },
        payload: document.payload,
      });
      expect(attached.statusCode, attached.body).toBe(201);
      await call('pm', 'PUT', `/api/project/expenses/${expenseId}`, { ...expense, status: 'COMPLETE' });
      const claim = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        periodStart: '2025-10-01',
        periodEnd: '2026-02-15',
        expenseIds: [expenseId],
      });
      expect(claim.statusCode, claim.body).toBe(201);
      claimId = claim.json().id;
      expect((await call('pm', 'POST', `/api/project/claims/${claimId}/submit`)).statusCode).toBe(200);
      const outcome = await call('auditor', 'PUT', `/api/project/claims/${claimId}/outcomes/${expenseId}`, {
        checklist: CHECKED,
        outcome: 'ADMITTED',
      });
      expect(outcome.statusCode, outcome.body).toBe(200);
      const closed = await call('auditor', 'POST', `/api/project/claims/${claimId}/verification/close`);
      expect(closed.statusCode, closed.body).toBe(200);
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('prints the progress report with a title page alone, then the sections with their tables', async () => {
      const report = await call('pm', 'GET', `/api/project/reports/${reportId}`);
      expect(report.json().facts.project.lead).toBe('Prefettura di Lodi');
      const pdf = await call('pm', 'GET', `/api/project/reports/${reportId}/report.pdf`);
      expect(pdf.statusCode).toBe(200);
      const cover = await firstPage(pdf.rawPayload);
      for (const expected of [
        'Relazione sullo stato di avanzamento – LO.V.I.T.',
        'Prima relazione intermedia – periodo dal 1 gennaio 2026 al 28 febbraio 2026',
        'LO.V.I.T. – Lodi verso l’integrazione territoriale',
        'FAMI 2014-2020',
        'Capofila Prefettura di Lodi',
        'Bozza stampata il 2 marzo 2026',
        'LO.V.I.T. – CUP F79I22002140006 – bozza',
        'Pagina 1 di',
      ])
        expect(cover).toContain(expected);
      for (const section of ['Sintesi del periodo', 'WP1 – Governance', 'Indicatori', 'A1.1'])
        expect(cover).not.toContain(section);

      const pages = await pageTexts(pdf.rawPayload);
      expect(pages[0]).toBe(cover);
      // after the running title, the first section opens page 2
      expect(pages[1]).toMatch(/^Relazione sullo stato di avanzamento – LO\.V\.I\.T\. Sintesi del periodo /);
      const body = pages.slice(1).join(' ');
      expect(body.indexOf('Sintesi del periodo')).toBeLessThan(body.indexOf('WP1 – Governance'));
      expect(body.indexOf('WP1 – Governance')).toBeLessThan(body.indexOf('Indicatori'));
      for (const header of ['Voce', 'Prevista', 'Effettiva', 'Stato alla fine del periodo'])
        expect(body).toContain(header);
      expect(body).toContain('A1.1 Tavoli tematici del Consiglio');
      expect(body).toContain('in ritardo di 28 giorni');
      for (const page of pages) expect(page).toContain('LO.V.I.T. – CUP F79I22002140006 – bozza');
    });

    it('draws up the verbale with each annex from a new page, every page footed by the audit seal', async () => {
      const pdf = await call('auditor', 'GET', `/api/project/claims/${claimId}/verbale.pdf`);
      expect(pdf.statusCode).toBe(200);
      const pages = await pageTexts(pdf.rawPayload);
      expect(pages).toHaveLength(3);
      expect(pages[0]).toContain('Verbale di verifica amministrativo-contabile');
      expect(pages[0]).toContain('Importo ammesso 2.350,00 €');
      expect(pages[1]).toMatch(
        /^Verbale di verifica amministrativo-contabile Allegato 1 – Domanda di rimborso, dettaglio delle spese/,
      );
      expect(pages[1]).toContain('N. Giustificativo Sostenuta da e fornitore Voce Richiesto Esito Ammesso');
      expect(pages[1]).toContain('Busta paga n. CEDOLINO01/26 del 15 gennaio 2026');
      expect(pages[2]).toMatch(
        /^Verbale di verifica amministrativo-contabile Allegato 2 – Risultanze della verifica del revisore /,
      );
      expect(pages[2]).toContain('la verifica non ha rilievi');
      for (const page of pages)
        expect(page).toMatch(/Registro di audit: ultimo sigillo n\. \d+, hash [0-9a-f]{64}/);
    });

    it('refuses a signed verbale that is not a whole PDF, and notes a digital signature in one that is', async () => {
      const whole = await makePdf('Verbale firmato');
      const truncated = await uploadSigned(whole.subarray(0, Math.floor(whole.length / 2)));
      expect(truncated.statusCode).toBe(422);
      expect(truncated.json().errors).toEqual([
        {
          path: 'file',
          message:
            'Il PDF è incompleto: manca la sua parte finale, forse la copia o l’invio si sono interrotti: ' +
            'caricare di nuovo il verbale firmato',
        },
      ]);
      const renamed = await uploadSigned(JPEG);
      expect(renamed.statusCode).toBe(422);
      expect(renamed.json().errors).toEqual([
        {
          path: 'file',
          message: 'Il file è un’immagine JPEG, non un PDF: caricare il verbale firmato in formato PDF',
        },
      ]);
      const refused = await database.db
        .selectFrom('projectClaimVerbale')
        .select(['signedSha256', 'signedDigitally'])
        .where('claimId', '=', claimId)
        .executeTakeFirstOrThrow();
      expect(refused).toEqual({ signedSha256: null, signedDigitally: null });

      const uploaded = await uploadSigned(await makeSignedPdf());
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      expect(uploaded.json().verbale.signed).toMatchObject({ digitallySigned: true });
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('data')
        .where('action', '=', 'project.claim.sign')
        .where('entityId', '=', claimId)
        .executeTakeFirstOrThrow();
      expect(audit.data).toMatchObject({ after: { digitallySigned: true } });
      const again = await uploadSigned(await makePdf('Altra copia'));
      expect(again.statusCode).toBe(409);
    });
  });
}
