import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'outsider';

/** The text of a PDF as `pdftotext` (poppler) reads it. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-report-'));
  const file = path.join(dir, 'report.pdf');
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

const PERIOD = { from: '2026-01-01', to: '2026-02-28' };

const LATE = {
  kind: 'ACTIVITY',
  code: 'A1.1',
  title: 'Tavoli tematici del Consiglio',
  plannedStart: '2025-11-01',
  plannedEnd: '2026-01-31',
  actualStart: '2025-11-03',
  status: 'IN_PROGRESS',
};
const EARLY = {
  kind: 'DELIVERABLE',
  code: 'D1.1',
  title: 'Analisi dei fabbisogni',
  plannedStart: '2025-12-01',
  plannedEnd: '2026-02-15',
  actualStart: '2025-12-01',
  actualEnd: '2026-02-10',
  status: 'DONE',
};
const LATER = {
  kind: 'MILESTONE',
  code: 'M1.1',
  title: 'Piano delle iniziative',
  plannedStart: '2026-05-01',
  plannedEnd: '2026-05-01',
  status: 'PLANNED',
};

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

type Report = {
  id: string;
  status: string;
  facts: {
    project: { cup: string | null };
    packages: {
      code: string;
      items: { code: string; state: string; days: number }[];
      notes: { month: string; text: string }[];
    }[];
    snapshot: {
      label: string;
      values: { code: string; value: number | null; target: number; share: number | null }[];
    } | null;
  };
  sections: { key: string; heading: string; body: string; updatedByName: string }[];
  can: { edit: boolean };
};

for (const backend of BACKENDS) {
  describe(`the progress report on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let projectId: string;
    let lateItemId: string;
    let snapshotId: string;
    let reportId: string;

    const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });

    const reportCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('projectReport')
            .select(({ fn }) => fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const people: [Person, 'project_manager' | 'project_supervisor' | 'auditor' | 'questura_officer'][] = [
        ['pm', 'project_manager'],
        ['supervisor', 'project_supervisor'],
        ['auditor', 'auditor'],
        ['outsider', 'questura_officer'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
      }
      const project = await call('pm', 'POST', '/api/project/projects', PROJECT);
      expect(project.statusCode, project.body).toBe(201);
      projectId = project.json().id;
      const wp = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP1',
        title: 'Governance',
      });
      expect(wp.statusCode, wp.body).toBe(201);
      const packageId = (wp.json() as { workPackages: { id: string }[] }).workPackages[0]?.id ?? '';
      for (const item of [LATE, EARLY, LATER]) {
        const created = await call('pm', 'POST', `/api/project/work-packages/${packageId}/items`, item);
        expect(created.statusCode, created.body).toBe(201);
      }
      const items = (
        (await call('pm', 'GET', `/api/project/projects/${projectId}`)).json() as {
          workPackages: { items: { id: string; code: string }[] }[];
        }
      ).workPackages[0]?.items;
      lateItemId = items?.find((i) => i.code === 'A1.1')?.id ?? '';
      for (const [month, text] of [
        ['2026-02', 'Convocati due tavoli tematici; il terzo slitta a marzo.'],
        ['2025-11', 'Avvio delle attività.'],
      ]) {
        const note = await call('supervisor', 'PUT', `/api/project/work-packages/${packageId}/notes`, {
          month,
          text,
        });
        expect(note.statusCode, note.body).toBe(200);
      }
      const indicator = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        code: 'O1.1',
        name: 'Incontri dei tavoli tematici',
        kind: 'OUTPUT',
        unit: 'incontri',
        baseline: 0,
        target: 10,
        source: 'MANUAL',
      });
      expect(indicator.statusCode, indicator.body).toBe(201);
      const indicatorId = (indicator.json() as { indicators: { id: string }[] }).indicators[0]?.id;
      const value = await call('pm', 'POST', `/api/project/indicators/${indicatorId}/values`, {
        value: 4,
        measuredOn: '2026-02-20',
        note: 'Verbali dei tavoli',
      });
      expect(value.statusCode, value.body).toBe(201);
      const snapshot = await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, {
        label: 'Primo bimestre 2026',
        ...PERIOD,
      });
      expect(snapshot.statusCode, snapshot.body).toBe(201);
      snapshotId = snapshot.json().id;
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('assembles the draft: items of the period with their state, the period’s notes, the snapshot’s values', async () => {
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Prima relazione intermedia',
        kind: 'INTERMEDIATE',
        ...PERIOD,
      });
      expect(created.statusCode, created.body).toBe(201);
      const report = created.json() as Report;
      reportId = report.id;
      expect(report.status).toBe('DRAFT');
      expect(report.can.edit).toBe(true);
      expect(report.facts.project.cup).toBe('F79I22002140006');
      const wp = report.facts.packages[0];
      expect(wp?.items.map((i) => [i.code, i.state, i.days])).toEqual([
        ['A1.1', 'LATE', 28],
        ['D1.1', 'AHEAD', 5],
      ]);
      expect(wp?.notes.map((n) => n.month)).toEqual(['2026-02']);
      expect(report.facts.snapshot?.label).toBe('Primo bimestre 2026');
      expect(report.facts.snapshot?.values).toEqual([
        {
          code: 'O1.1',
          name: 'Incontri dei tavoli tematici',
          unit: 'incontri',
          target: 10,
          value: 4,
          share: 0.4,
        },
      ]);
      expect(report.sections.map((s) => s.key)).toEqual(['summary', 'wp1', 'indicators', 'outlook']);
      const wpText = report.sections.find((s) => s.key === 'wp1')?.body ?? '';
      expect(wpText).toContain('A1.1 Tavoli tematici del Consiglio: in ritardo di 28 giorni.');
      expect(wpText).toContain('Nota di febbraio 2026');
      expect(wpText).toContain('il terzo slitta a marzo');
      expect(wpText).not.toContain('Avvio delle attività');
      expect(report.sections.find((s) => s.key === 'indicators')?.body).toContain('«Primo bimestre 2026»');
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', reportId)
        .execute();
      expect(audit.map((a) => a.action)).toContain('project.report.create');
    });

    it('keeps the assembled figures when the plan changes later', async () => {
      const done = await call('pm', 'PUT', `/api/project/items/${lateItemId}`, {
        ...LATE,
        actualEnd: '2026-03-01',
        status: 'DONE',
      });
      expect(done.statusCode, done.body).toBe(200);
      const again = (await call('auditor', 'GET', `/api/project/reports/${reportId}`)).json() as Report;
      expect(again.facts.packages[0]?.items[0]).toMatchObject({ code: 'A1.1', state: 'LATE', days: 28 });
    });

    it('says so when no snapshot falls in the period, and takes a chosen one', async () => {
      const without = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Relazione del primo trimestre',
        kind: 'INTERMEDIATE',
        from: '2025-10-01',
        to: '2025-12-31',
      });
      expect(without.statusCode, without.body).toBe(201);
      const report = without.json() as Report;
      expect(report.facts.snapshot).toBeNull();
      expect(report.sections.find((s) => s.key === 'indicators')?.body).toContain(
        'non è stata fatta alcuna rilevazione degli indicatori',
      );
      const chosen = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Relazione con rilevazione scelta',
        kind: 'INTERMEDIATE',
        from: '2025-10-01',
        to: '2025-12-31',
        snapshotId,
      });
      expect((chosen.json() as Report).facts.snapshot?.label).toBe('Primo bimestre 2026');
    });

    it('refuses a period outside the project, a reversed one and a snapshot of no project, writing nothing', async () => {
      const before = await reportCount();
      const outside = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Fuori periodo',
        kind: 'FINAL',
        from: '2025-01-01',
        to: '2027-12-31',
      });
      expect(outside.statusCode).toBe(422);
      expect(outside.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(outside.json())).toEqual(['from', 'to']);
      expect(outside.body).toContain(
        'L’inizio è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
      );
      const reversed = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Al contrario',
        kind: 'INTERMEDIATE',
        from: '2026-02-01',
        to: '2026-01-01',
      });
      expect(reversed.statusCode).toBe(422);
      expect(reversed.body).toContain('La fine del periodo precede l’inizio');
      const strange = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Rilevazione sconosciuta',
        kind: 'INTERMEDIATE',
        ...PERIOD,
        snapshotId: '0190a0a0-0000-7000-8000-000000000000',
      });
      expect(strange.statusCode).toBe(422);
      expect(fieldsOf(strange.json())).toEqual(['snapshotId']);
      const empty = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: '',
        kind: 'ANNUAL',
        ...PERIOD,
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('Campo obbligatorio');
      expect(empty.body).toContain('Scegliere il tipo dall’elenco');
      expect(await reportCount()).toBe(before);
    });

    it('lets the manager edit a section as plain text, refusing markup and unknown sections', async () => {
      const url = `/api/project/reports/${reportId}/sections/summary`;
      const text = 'Il periodo ha visto la ripresa dei tavoli.\n\nLe attività di WP1 recuperano il ritardo.';
      const saved = await call('pm', 'PUT', url, { body: text });
      expect(saved.statusCode, saved.body).toBe(200);
      const section = (saved.json() as Report).sections.find((s) => s.key === 'summary');
      expect(section?.body).toBe(text);
      expect(section?.updatedByName).toBeTruthy();
      const html = await call('pm', 'PUT', url, { body: '<p>Testo</p>' });
      expect(html.statusCode).toBe(422);
      expect(html.body).toContain('senza codice HTML');
      expect(
        (await call('pm', 'PUT', `/api/project/reports/${reportId}/sections/altro`, { body: 'x' }))
          .statusCode,
      ).toBe(404);
      const reread = (await call('pm', 'GET', `/api/project/reports/${reportId}`)).json() as Report;
      expect(reread.sections.find((s) => s.key === 'summary')?.body).toBe(text);
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', reportId)
        .where('action', '=', 'project.report.section')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('lets those with access to the project read it, only the manager write it', async () => {
      const supervisor = await call('supervisor', 'GET', `/api/project/reports/${reportId}`);
      expect(supervisor.statusCode).toBe(200);
      expect((supervisor.json() as Report).can.edit).toBe(false);
      expect((await call('auditor', 'GET', `/api/project/projects/${projectId}/reports`)).statusCode).toBe(
        200,
      );
      expect(
        (await call('supervisor', 'PUT', `/api/project/reports/${reportId}/sections/summary`, { body: 'x' }))
          .statusCode,
      ).toBe(403);
      expect((await call('auditor', 'POST', `/api/project/reports/${reportId}/final`)).statusCode).toBe(403);
      expect(
        (
          await call('supervisor', 'POST', `/api/project/projects/${projectId}/reports`, {
            title: 'Non consentita',
            kind: 'INTERMEDIATE',
            ...PERIOD,
          })
        ).statusCode,
      ).toBe(403);
      expect((await call('outsider', 'GET', `/api/project/reports/${reportId}`)).statusCode).toBe(403);
      expect((await call('outsider', 'GET', `/api/project/reports/${reportId}/report.pdf`)).statusCode).toBe(
        403,
      );
      expect((await call(null, 'GET', `/api/project/reports/${reportId}`)).statusCode).toBe(401);
      expect(
        (await call('pm', 'GET', '/api/project/reports/0190a0a0-0000-7000-8000-000000000000')).statusCode,
      ).toBe(404);
      expect(
        (await call('pm', 'GET', '/api/project/projects/0190a0a0-0000-7000-8000-000000000000/reports'))
          .statusCode,
      ).toBe(404);
    });

    it('exports the PDF with the project, the CUP, the period, the sections and the tables', async () => {
      const pdf = await call('auditor', 'GET', `/api/project/reports/${reportId}/report.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain('relazione-lo-v-i-t-02-03-2026.pdf');
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain('Relazione sullo stato di avanzamento – LO.V.I.T.');
      expect(text).toContain('F79I22002140006');
      expect(text).toContain('dal 1 gennaio 2026 al 28 febbraio 2026');
      expect(text).toContain('Le attività di WP1 recuperano il ritardo.');
      expect(text).toContain('A1.1 Tavoli tematici del Consiglio');
      expect(text).toContain('in ritardo di 28 giorni');
      expect(text).toContain('O1.1 Incontri dei tavoli tematici');
      expect(text).toContain('Pagina 1 di');
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'project_report.read')
        .where('entityId', '=', reportId)
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(1);
    });

    it('exports a DOCX whose document holds the sections and the tables', async () => {
      const docx = await call('supervisor', 'GET', `/api/project/reports/${reportId}/report.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml.document');
      const files = unzipSync(new Uint8Array(docx.rawPayload));
      const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
      expect(xml).toContain('Le attività di WP1 recuperano il ritardo.');
      expect(xml).toContain('WP1 – Governance');
      expect(xml).toContain('in ritardo di 28 giorni');
      expect(xml).toContain('<w:tbl>');
      const footer = Object.keys(files).find((name) => /^word\/footer\d*\.xml$/.test(name)) ?? '';
      expect(strFromU8(files[footer] ?? new Uint8Array())).toContain('PAGE');
    });

    it('locks a final report: edits are refused, a new draft may be made', async () => {
      const final = await call('pm', 'POST', `/api/project/reports/${reportId}/final`);
      expect(final.statusCode, final.body).toBe(200);
      expect((final.json() as Report).status).toBe('FINAL');
      expect((final.json() as Report).can.edit).toBe(false);
      const edit = await call('pm', 'PUT', `/api/project/reports/${reportId}/sections/summary`, {
        body: 'Nuovo',
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.body).toContain('La relazione è definitiva e non si modifica più');
      expect((await call('pm', 'POST', `/api/project/reports/${reportId}/final`)).statusCode).toBe(409);
      await expect(
        database.db.updateTable('projectReport').set({ title: 'Altro' }).where('id', '=', reportId).execute(),
      ).rejects.toThrow(/never changed/);
      const finalised = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', reportId)
        .where('action', '=', 'project.report.finalise')
        .execute();
      expect(finalised).toHaveLength(1);
      const kept = (await call('pm', 'GET', `/api/project/reports/${reportId}`)).json() as Report;
      expect(kept.sections.find((s) => s.key === 'summary')?.body).toContain('ripresa dei tavoli');
      const next = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Prima relazione intermedia, versione corretta',
        kind: 'INTERMEDIATE',
        from: PERIOD.from,
        to: '2026-03-02',
      });
      expect(next.statusCode).toBe(201);
      // the new draft reads the plan of today: A1.1 finished on 1 March, 29 days after its planned end
      expect((next.json() as Report).facts.packages[0]?.items[0]).toMatchObject({
        code: 'A1.1',
        state: 'DONE',
        days: 29,
      });
    });
  });
}
