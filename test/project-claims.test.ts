import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectClaims } from '../src/cli/demo-project-claims.ts';
import { loadDemoProjectFinance } from '../src/cli/demo-project-finance.ts';
import { loadDemoProjectProcurement } from '../src/cli/demo-project-procurement.ts';
import { loadDemoProjectTime } from '../src/cli/demo-project-time.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { payslipExpense } from './support/project.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'operator' | 'partner';

/** The text of a PDF as `pdftotext` (poppler) reads it. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-claim-'));
  const file = path.join(dir, 'claim.pdf');
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
  await rm(dir, { recursive: true });
  return stdout.replace(/\s+/g, ' ');
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
const PERIOD = { periodStart: '2025-10-01', periodEnd: '2026-02-15' };
const CHECKED = {
  allocation: { ok: true },
  eligibility: { ok: true },
  documents: { ok: true },
  payment: { ok: true },
  stamp: { ok: true },
  noDoubleFunding: { ok: true },
  reasonableness: { ok: true },
};

const messagesOf = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((e) => e.message);

for (const backend of BACKENDS) {
  describe(`reimbursement claims and the auditor's verification on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let partnerEmail: string;
    let prefectureId: string;
    let coopId: string;
    let projectId: string;
    let packageId: string;
    const ids = {} as Record<
      'payslip' | 'invoice' | 'notula' | 'draft' | 'late' | 'unstamped' | 'procured',
      string
    >;
    let claimId: string;
    let sheetId: string;
    let sheetUrl: string;

    const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });
    const count = async (
      table: 'projectClaim' | 'projectClaimExpense' | 'projectClaimOutcome' | 'projectClaimCorrection',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const upload = async (who: Person, url: string, fields: Record<string, string>, content: Uint8Array) => {
      const body = await multipartBody(fields, { content, name: 'documento.pdf' });
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...sessions[who].headers, ...body.headers },
        payload: body.payload,
      });
    };
    const expense = (over: Record<string, unknown>) => payslipExpense(prefectureId, over);
    /** An expense recorded with its document attached and, unless `draft`, marked complete. */
    const record = async (input: Record<string, unknown>, draft = false) => {
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/expenses`, input);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const attached = await upload(
        'pm',
        `/api/project/expenses/${id}/attachments`,
        { kind: 'DOCUMENT' },
        await makePdf('Giustificativo'),
      );
      expect(attached.statusCode, attached.body).toBe(201);
      if (!draft) {
        const done = await call('pm', 'PUT', `/api/project/expenses/${id}`, { ...input, status: 'COMPLETE' });
        expect(done.statusCode, done.body).toBe(200);
      }
      return id;
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      prefectureId = prefecture.id;
      coopId = coop.id;
      const people: [Person, string, Role][] = [
        ['pm', prefecture.id, 'project_manager'],
        ['supervisor', prefecture.id, 'project_supervisor'],
        ['auditor', prefecture.id, 'auditor'],
        ['operator', prefecture.id, 'sui_operator'],
        ['partner', coop.id, 'project_partner'],
      ];
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        if (who === 'partner') partnerEmail = user.email;
        sessions[who] = await signIn(t.app, user.email);
      }
      projectId = (await call('pm', 'POST', '/api/project/projects', PROJECT)).json().id;
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: prefectureId,
        role: 'LEAD',
      });
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: coopId,
        role: 'PARTNER',
      });
      const wp = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP2',
        title: 'Sportello unico',
      });
      packageId = wp.json().workPackages[0].id;
      const budget = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: [
          { code: 'A', organisationId: prefectureId, amountCents: 6_000_000 },
          { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
          { code: 'G2', organisationId: prefectureId, amountCents: 100_000 },
          { code: 'A', organisationId: coopId, amountCents: 2_000_000 },
          { code: 'E', organisationId: coopId, amountCents: 500_000 },
          { code: 'I', organisationId: prefectureId, amountCents: 600_000 },
        ],
      });
      expect(budget.statusCode, budget.body).toBe(201);

      ids.payslip = await record(expense({}));
      const invoice = {
        organisationId: coopId,
        lineCode: 'E',
        description: 'Materiale informativo multilingue',
        documentType: 'INVOICE',
        documentNumber: '12',
        documentDate: '2026-02-03',
        supplierName: 'Tipografia Lodigiana srl',
        supplierTaxCode: '01234567890',
        netCents: 100_000,
        vatCents: 22_000,
        totalCents: 122_000,
        amountCents: 122_000,
        cup: 'F79I22002140006',
        paymentDate: '2026-02-10',
        paymentReference: 'TRN 0306912345',
      };
      ids.invoice = await record(expense(invoice));
      ids.notula = await record(
        expense({
          lineCode: 'G1',
          description: 'Revisione contabile, primo acconto',
          documentType: 'NOTULA',
          documentNumber: '3',
          documentDate: '2026-02-01',
          supplierName: 'Studio Fontana',
          supplierTaxCode: '09876543210',
          netCents: 10_000,
          totalCents: 10_000,
          amountCents: 10_000,
          cup: 'F79I22002140006',
          paymentReference: 'TRN 0306900003',
        }),
      );
      ids.draft = await record(
        expense({ documentNumber: 'CEDOLINO 12/25', documentDate: '2025-12-15' }),
        true,
      );
      ids.late = await record(
        expense({ documentNumber: 'CEDOLINO 02/26', documentDate: '2026-02-27', paymentDate: '2026-02-28' }),
      );
      ids.unstamped = await record(
        expense({
          ...invoice,
          documentNumber: '13',
          netCents: 1_000,
          vatCents: 0,
          totalCents: 1_000,
          amountCents: 1_000,
          annulled: false,
        }),
      );
      ids.procured = await record(
        expense({
          ...invoice,
          documentNumber: '14',
          netCents: 2_000,
          vatCents: 0,
          totalCents: 2_000,
          amountCents: 2_000,
        }),
      );
      const procurement = await call('pm', 'POST', `/api/project/projects/${projectId}/procurements`, {
        organisationId: coopId,
        subject: 'Stampa del materiale informativo',
        kind: 'SUPPLIES',
        procedure: 'DIRECT_AWARD',
        cig: 'B123456789',
        amountCents: 3_000,
        contractorName: 'Tipografia Lodigiana srl',
        decisionOn: '2026-01-10',
      });
      expect(procurement.statusCode, procurement.body).toBe(201);
      const linked = await call('pm', 'POST', `/api/project/procurements/${procurement.json().id}/expenses`, {
        expenseId: ids.procured,
      });
      expect(linked.statusCode, linked.body).toBe(200);

      // the partner's contact works on WP2 in January; the supervisor approves the sheet
      const staff = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        organisationId: coopId,
        userEmail: partnerEmail,
        personName: 'Samira El Amrani',
        kind: 'INTERNAL',
        contractReference: 'Contratto 4/2025',
        contractStartsOn: '2025-10-01',
        contractEndsOn: '2026-12-31',
        monthlyHoursCap: 80,
        annualGrossCostCents: 3_850_000,
        annualHours: 1720,
      });
      expect(staff.statusCode, staff.body).toBe(201);
      sheetUrl = `/api/project/staff/${staff.json().id}/timesheets/2026-01`;
      const sheet = await call('partner', 'PUT', sheetUrl, {
        lines: [{ workPackageId: packageId, hours: 20 }],
      });
      expect(sheet.statusCode, sheet.body).toBe(200);
      sheetId = sheet.json().id;
      expect((await call('partner', 'POST', `${sheetUrl}/submit`)).statusCode).toBe(200);
      expect(
        (await call('supervisor', 'POST', `/api/project/timesheets/${sheetId}/approve`)).statusCode,
      ).toBe(200);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('refuses each expense a claim may not take, naming the rule in Italian, and writes nothing', async () => {
      const refusal = async (expenseId: string) => {
        const response = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
          kind: 'INTERMEDIATE',
          ...PERIOD,
          expenseIds: [ids.payslip, expenseId],
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['expenseIds.1']);
        return messagesOf(response.json())[0];
      };
      expect(await refusal(ids.draft)).toBe('Spesa incompleta: è ancora in bozza');
      expect(await refusal(ids.late)).toBe(
        'Spesa fuori dal periodo della domanda: il documento è del 27 febbraio 2026, il periodo va dal 1 ottobre 2025 al 15 febbraio 2026',
      );
      expect(await refusal(ids.unstamped)).toBe(
        'Controllo di ammissibilità non superato – Annullo del documento: Apporre sul documento originale il timbro di annullo con il riferimento al progetto',
      );
      expect(await refusal(ids.procured)).toMatch(
        /^Procedura d’acquisto non verificata: La procedura «Stampa del materiale informativo» \(CIG B123456789\) non è ancora stata verificata dall’esperto legale/,
      );
      expect(await refusal('0190a1b2-0000-7000-8000-000000000000')).toBe('La spesa non è di questo progetto');
      const outside = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        periodStart: '2025-09-01',
        periodEnd: '2026-02-15',
        expenseIds: [ids.payslip],
      });
      expect(messagesOf(outside.json())).toEqual([
        'L’inizio del periodo è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
      ]);
      const empty = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [],
      });
      expect(messagesOf(empty.json())).toEqual(['Scegliere almeno una spesa']);
      expect(await count('projectClaim')).toBe(0);
      expect(await count('projectClaimExpense')).toBe(0);

      const candidates = await call(
        'pm',
        'GET',
        `/api/project/projects/${projectId}/claims/candidates?periodStart=${PERIOD.periodStart}&periodEnd=${PERIOD.periodEnd}`,
      );
      const blocked = Object.fromEntries(
        candidates
          .json()
          .candidates.map((c: { id: string; blockedBy: string | null }) => [c.id, c.blockedBy]),
      );
      expect(blocked[ids.payslip]).toBeNull();
      expect(blocked[ids.draft]).toBe('Spesa incompleta: è ancora in bozza');
    });

    it('lets only the project manager build a claim, with totals per macro-voce against the budget and its caps', async () => {
      const input = { kind: 'INTERMEDIATE', ...PERIOD, expenseIds: [ids.payslip, ids.invoice, ids.notula] };
      for (const who of ['supervisor', 'auditor', 'partner', 'operator'] as const)
        expect((await call(who, 'POST', `/api/project/projects/${projectId}/claims`, input)).statusCode).toBe(
          403,
        );
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, input);
      expect(created.statusCode, created.body).toBe(201);
      const claim = created.json();
      claimId = claim.id;
      expect(claim).toMatchObject({
        number: 1,
        kind: 'INTERMEDIATE',
        status: 'DRAFT',
        claimedCents: 367_000,
      });
      expect(claim.expenses.map((e: { reference: string }) => e.reference)).toEqual([
        'Busta paga n. CEDOLINO01/26 del 15 gennaio 2026',
        'Fattura n. 12 del 3 febbraio 2026',
        'Notula n. 3 del 1 febbraio 2026',
      ]);
      expect(claim.lines.find((l: { code: string }) => l.code === 'A')).toEqual({
        code: 'A',
        label: 'A – Costi del personale',
        budgetCents: 8_000_000,
        earlierCents: 0,
        claimedCents: 235_000,
        admittedCents: null,
      });
      expect(claim.caps.find((c: { code: string }) => c.code === 'G1')).toMatchObject({
        claimedCents: 10_000,
        ok: true,
      });

      const again = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        ...input,
        expenseIds: [ids.payslip],
      });
      expect(messagesOf(again.json())).toEqual(['Spesa già rendicontata: è nella domanda di rimborso n. 1']);
      const changed = await call('pm', 'PUT', `/api/project/claims/${claimId}`, {
        ...input,
        expenseIds: [ids.payslip, ids.invoice, ids.notula],
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await call('supervisor', 'GET', `/api/project/claims/${claimId}`)).statusCode).toBe(200);
      expect(
        (await call('supervisor', 'GET', `/api/project/projects/${projectId}/claims`)).json().claims,
      ).toHaveLength(1);
      expect((await call('operator', 'GET', `/api/project/claims/${claimId}`)).statusCode).toBe(403);
      expect((await call('partner', 'GET', `/api/project/projects/${projectId}/claims`)).statusCode).toBe(
        403,
      );
      expect(
        (await call('auditor', 'GET', '/api/project/claims/0190a1b2-0000-7000-8000-000000000000')).statusCode,
      ).toBe(404);
      const outcome = await call('auditor', 'PUT', `/api/project/claims/${claimId}/outcomes/${ids.payslip}`, {
        checklist: CHECKED,
        outcome: 'ADMITTED',
      });
      expect(outcome.statusCode).toBe(409);
      expect(outcome.json().detail).toBe(
        'La domanda non è ancora stata presentata: il revisore la verifica dopo.',
      );
    });

    it('locks the claim, its expenses and the timesheets of its months once submitted; corrections are new entries', async () => {
      expect((await call('auditor', 'POST', `/api/project/claims/${claimId}/submit`)).statusCode).toBe(403);
      const submitted = await call('pm', 'POST', `/api/project/claims/${claimId}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'SUBMITTED', budgetVersion: 1, lockedTimesheets: 1 });

      const edit = await call('pm', 'PUT', `/api/project/claims/${claimId}`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [ids.payslip],
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toMatch(/^La domanda di rimborso è stata presentata: non si modifica più/);
      expect((await call('pm', 'POST', `/api/project/claims/${claimId}/submit`)).statusCode).toBe(409);
      const expenseEdit = await call(
        'pm',
        'PUT',
        `/api/project/expenses/${ids.payslip}`,
        expense({ status: 'COMPLETE', amountCents: 1 }),
      );
      expect(expenseEdit.statusCode).toBe(409);
      const stored = await database.db
        .selectFrom('projectExpense')
        .select(['claimId', 'amountCents'])
        .where('id', '=', ids.payslip)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ claimId, amountCents: 235_000 });
      const sheet = await database.db
        .selectFrom('projectTimesheet')
        .select(['status', 'claimId'])
        .where('id', '=', sheetId)
        .executeTakeFirstOrThrow();
      expect(sheet).toEqual({ status: 'LOCKED', claimId });
      const sheetEdit = await call('partner', 'PUT', sheetUrl, {
        lines: [{ workPackageId: packageId, hours: 30 }],
      });
      expect(sheetEdit.statusCode).toBeGreaterThanOrEqual(400);

      const badCorrection = await call('pm', 'POST', `/api/project/claims/${claimId}/corrections`, {
        expenseId: ids.draft,
        amountCents: -1_000,
        reason: 'Errore',
      });
      expect(messagesOf(badCorrection.json())).toEqual(['La spesa non è in questa domanda di rimborso']);
      expect(
        (
          await call('auditor', 'POST', `/api/project/claims/${claimId}/corrections`, {
            amountCents: -1_000,
            reason: 'Errore',
          })
        ).statusCode,
      ).toBe(403);
      const corrected = await call('pm', 'POST', `/api/project/claims/${claimId}/corrections`, {
        expenseId: ids.invoice,
        amountCents: -2_000,
        reason: 'Spese di spedizione comprese per errore nell’importo rendicontato',
      });
      expect(corrected.statusCode, corrected.body).toBe(201);
      expect(corrected.json()).toMatchObject({ claimedCents: 367_000, correctedCents: -2_000 });
      expect(await count('projectClaimCorrection')).toBe(1);
    });

    it('exports the detail of every supporting document in XLSX and a PDF summary', async () => {
      const xlsx = await call('supervisor', 'GET', `/api/project/claims/${claimId}/export.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Giustificativi');
      expect(sheet?.rowCount).toBe(4);
      const header = sheet?.getRow(1).values as string[];
      expect(header).toEqual(
        expect.arrayContaining([
          'Riferimento del giustificativo',
          'Sostenuta da',
          'Data del pagamento',
          'Mezzo di pagamento',
        ]),
      );
      const invoice = sheet?.getRow(3);
      expect(invoice?.getCell(2).value).toBe('Fattura n. 12 del 3 febbraio 2026');
      expect(invoice?.getCell(3).value).toBe('Fattura');
      expect(invoice?.getCell(4).value).toBe('Cooperativa LULE');
      expect(invoice?.getCell(14).value).toBe(1220);
      expect(invoice?.getCell(17).value).toBe('TRN 0306912345');
      expect(invoice?.getCell(19).value).toBe('Bonifico');

      const pdf = await call('auditor', 'GET', `/api/project/claims/${claimId}/summary.pdf`);
      expect(pdf.statusCode).toBe(200);
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain('Domanda di rimborso n. 1 – riepilogo');
      expect(text).toContain('A – Costi del personale');
      expect(text).toContain('3.670,00 €');
      expect(text).toContain('-20,00 €');
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'project_claim.read')
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(3);
    });

    it('records the auditor’s outcomes, one admitted in part, and refuses incomplete ones without writing', async () => {
      const url = (expenseId: string) => `/api/project/claims/${claimId}/outcomes/${expenseId}`;
      expect(
        (await call('pm', 'PUT', url(ids.payslip), { checklist: CHECKED, outcome: 'ADMITTED' })).statusCode,
      ).toBe(403);
      const over = await call('auditor', 'PUT', url(ids.invoice), {
        checklist: CHECKED,
        outcome: 'PARTIAL',
        admittedCents: 122_000,
        reasons: 'x',
      });
      expect(messagesOf(over.json())).toEqual([
        'L’importo ammesso in parte deve essere minore di quello richiesto (1.220,00 €)',
      ]);
      const noReasons = await call('auditor', 'PUT', url(ids.notula), {
        checklist: CHECKED,
        outcome: 'NOT_ADMITTED',
      });
      expect(messagesOf(noReasons.json())).toEqual([
        'Indicare le motivazioni: la spesa non è ammessa per intero',
      ]);
      expect(
        (await call('auditor', 'PUT', url(ids.draft), { checklist: CHECKED, outcome: 'ADMITTED' }))
          .statusCode,
      ).toBe(404);
      expect(await count('projectClaimOutcome')).toBe(0);

      expect(
        (await call('auditor', 'PUT', url(ids.payslip), { checklist: CHECKED, outcome: 'ADMITTED' }))
          .statusCode,
      ).toBe(200);
      const partial = await call('auditor', 'PUT', url(ids.invoice), {
        checklist: { ...CHECKED, reasonableness: { ok: false, note: 'Prezzo unitario sopra il listino' } },
        outcome: 'PARTIAL',
        admittedCents: 100_000,
        reasons: 'Ammesso il solo imponibile: l’IVA è detraibile per l’ente',
      });
      expect(partial.statusCode, partial.body).toBe(200);
      const early = await call('auditor', 'POST', `/api/project/claims/${claimId}/verification/close`);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe(
        'Manca l’esito di una spesa: la verifica si chiude quando ogni spesa ha il suo esito',
      );
      const refused = await call('auditor', 'PUT', url(ids.notula), {
        checklist: { ...CHECKED, documents: { ok: false, note: 'Manca la relazione sull’attività' } },
        outcome: 'NOT_ADMITTED',
        reasons: 'Manca la relazione sull’attività svolta',
      });
      expect(refused.statusCode).toBe(200);
      const outcomes = Object.fromEntries(
        refused
          .json()
          .expenses.map((e: { id: string; outcome: { outcome: string; admittedCents: number } }) => [
            e.id,
            [e.outcome.outcome, e.outcome.admittedCents],
          ]),
      );
      expect(outcomes).toEqual({
        [ids.payslip]: ['ADMITTED', 235_000],
        [ids.invoice]: ['PARTIAL', 100_000],
        [ids.notula]: ['NOT_ADMITTED', 0],
      });
    });

    it('closes the verification with the verbale, footed by the latest seal, and keeps the signed copy with its hash', async () => {
      expect((await call('pm', 'POST', `/api/project/claims/${claimId}/verification/close`)).statusCode).toBe(
        403,
      );
      const closed = await call('auditor', 'POST', `/api/project/claims/${claimId}/verification/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      const { verbale } = closed.json();
      expect(closed.json().status).toBe('VERIFIED');
      expect(verbale).toMatchObject({ claimedCents: 367_000, admittedCents: 335_000, signed: null });
      const seal = await database.db
        .selectFrom('projectClaimVerbale')
        .select(['sealPosition', 'sealHash'])
        .executeTakeFirstOrThrow();
      const chained = await database.db
        .selectFrom('auditSeal')
        .select('hash')
        .where('position', '=', seal.sealPosition ?? 0)
        .executeTakeFirstOrThrow();
      expect(verbale.sealHash).toBe(chained.hash);

      const pdf = await call('supervisor', 'GET', `/api/project/claims/${claimId}/verbale.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(verbale.sha256);
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain('Verbale di verifica amministrativo-contabile');
      expect(text).toContain('Importo ammesso 3.350,00 €');
      expect(text).toContain('Allegato 1 – Domanda di rimborso, dettaglio delle spese verificate');
      expect(text).toContain('Allegato 2 – Risultanze della verifica del revisore');
      expect(text).toContain('Ammesso il solo imponibile');
      expect(text).toContain(verbale.sealHash);

      const late = await call('auditor', 'PUT', `/api/project/claims/${claimId}/outcomes/${ids.payslip}`, {
        checklist: CHECKED,
        outcome: 'NOT_ADMITTED',
        reasons: 'x',
      });
      expect(late.statusCode).toBe(409);

      const signed = await makePdf('Verbale firmato digitalmente');
      expect(
        (await upload('pm', `/api/project/claims/${claimId}/verbale/signed`, {}, signed)).statusCode,
      ).toBe(403);
      const uploaded = await upload('auditor', `/api/project/claims/${claimId}/verbale/signed`, {}, signed);
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      expect(uploaded.json().verbale.signed.sha256).toBe(createHash('sha256').update(signed).digest('hex'));
      const again = await upload(
        'auditor',
        `/api/project/claims/${claimId}/verbale/signed`,
        {},
        await makePdf('Altro'),
      );
      expect(again.statusCode).toBe(409);
      const download = await call('pm', 'GET', `/api/project/claims/${claimId}/verbale/signed`);
      expect(Buffer.compare(download.rawPayload, Buffer.from(signed))).toBe(0);
      const actions = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', claimId)
        .where('kind', '=', 'change')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'project.claim.create',
        'project.claim.update',
        'project.claim.submit',
        'project.claim.correct',
        'project.claim.outcome',
        'project.claim.outcome',
        'project.claim.outcome',
        'project.claim.verify',
        'project.claim.sign',
      ]);
    });

    // once: the demo's users and offices take seconds to create
    it.runIf(backend === BACKENDS.at(-1))(
      'loads the demo claim, submitted and awaiting the auditor',
      async () => {
        const demo = await openTestDatabase(backend);
        try {
          const platform = { database: demo, clock: t.clock, config: t.platform.config };
          await loadDemoData(platform);
          await loadDemoProject(platform);
          await loadDemoProjectFinance(platform);
          await loadDemoProjectProcurement(platform);
          await loadDemoProjectTime(platform);
          await loadDemoProjectClaims(platform);
          const claims = await demo.db
            .selectFrom('projectClaim as c')
            .innerJoin('project as p', 'p.id', 'c.projectId')
            .select(['p.code', 'c.number', 'c.kind', 'c.status'])
            .execute();
          expect(claims).toEqual([{ code: 'LOVIT-2', number: 1, kind: 'INTERMEDIATE', status: 'SUBMITTED' }]);
          const claimed = await demo.db
            .selectFrom('projectExpense')
            .select('id')
            .where('claimId', 'is not', null)
            .execute();
          expect(claimed.length).toBeGreaterThanOrEqual(3);
        } finally {
          await demo.dispose();
        }
      },
    );
  });
}
