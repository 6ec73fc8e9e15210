import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';

/** The bottleneck dashboard and the problem log shared by the offices. */
for (const backend of BACKENDS) {
  describe(`where files wait, and the problems raised (${backend})`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const emails = { manager: '', police: '', supervisor: '', operator: '' };
    const sessions = {} as Record<keyof typeof emails, Session>;
    let questuraId = '';

    const signInAll = async () => {
      for (const key of Object.keys(emails) as (keyof typeof emails)[])
        sessions[key] = await signIn(t.app, emails[key]);
    };
    const at = async (day: string) => {
      t.clock.set(`${day}T09:00:00+01:00`);
      await signInAll();
    };
    const call = (
      who: keyof typeof emails,
      method: 'GET' | 'POST' | 'PATCH',
      url: string,
      payload?: object,
    ) => t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const act = async (id: string, action: string) => {
      const { version } = (await call('manager', 'GET', `/api/cases/${id}`)).json();
      expect(
        (await call('manager', 'POST', `/api/cases/${id}/actions`, { action, version })).statusCode,
      ).toBe(200);
    };
    const policeOpinionOf = async (n: number) => {
      const created = (await call('manager', 'POST', '/api/cases', workPermitApplication(n))).json();
      await act(created.id, 'START_REVIEW');
      await act(created.id, 'REQUEST_OPINIONS');
      const { opinions } = (await call('manager', 'GET', `/api/cases/${created.id}`)).json();
      return opinions.find((o: { body: string }) => o.body === 'POLICE_HQ').id as string;
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
      const questura = await makeOrganisation(t.platform, { type: 'POLICE_HQ', code: 'QUESTURA-LO' });
      questuraId = questura.id;
      await makeOrganisation(t.platform, { type: 'LABOUR_INSPECTORATE', code: 'ITL-LO' });
      emails.manager = (
        await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }])
      ).email;
      emails.operator = (
        await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }])
      ).email;
      emails.police = (
        await makeUser(t.platform, [{ organisationId: questura.id, role: 'questura_officer' }])
      ).email;
      emails.supervisor = (
        await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'project_supervisor' }])
      ).email;
      await at('2026-02-02');
      await setQuota(t.app, sessions.manager, 100);

      // before 1 March the Questura answers in 10 days; after, in 2 and 4 days; one stays unanswered
      const slow = [await policeOpinionOf(1), await policeOpinionOf(2)];
      await at('2026-02-12');
      for (const id of slow)
        await call('police', 'POST', `/api/opinions/${id}/answers`, { outcome: 'FAVOURABLE' });
      await at('2026-03-02');
      const fast = [await policeOpinionOf(3), await policeOpinionOf(4)];
      await policeOpinionOf(5);
      await at('2026-03-04');
      await call('police', 'POST', `/api/opinions/${fast[0]}/answers`, { outcome: 'FAVOURABLE' });
      await at('2026-03-06');
      await call('police', 'POST', `/api/opinions/${fast[1]}/answers`, { outcome: 'FAVOURABLE' });
      await at('2026-03-30');
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('shows each body’s answer times before and after a day, what is overdue now, and the weeks', async () => {
      const res = await call('manager', 'GET', '/api/opinions/dashboard?since=2026-03-01');
      expect(res.statusCode).toBe(200);
      const view = res.json();
      const police = view.bodies.find((b: { body: string }) => b.body === 'POLICE_HQ');
      expect(police).toMatchObject({
        bodyName: 'Questura',
        caseType: 'WORK_CLEARANCE',
        answer: { count: 4, medianDays: 7, p90Days: 10 },
        before: { count: 2, medianDays: 10, p90Days: 10 },
        after: { count: 2, medianDays: 3, p90Days: 3.8 },
        overdueNow: 1,
        openNow: 1,
      });
      const labour = view.bodies.find((b: { body: string }) => b.body === 'LABOUR_INSPECTORATE');
      expect(labour).toMatchObject({ answer: { count: 0, medianDays: null }, overdueNow: 5 });
      expect(view.weekly).toEqual(
        expect.arrayContaining([
          { week: '2026-02-09', body: 'POLICE_HQ', answered: 2 },
          { week: '2026-03-02', body: 'POLICE_HQ', answered: 2 },
        ]),
      );
      const review = view.stages.find((s: { stage: string }) => s.stage === 'UNDER_REVIEW');
      expect(review).toMatchObject({
        caseTypeName: expect.stringContaining('Nulla osta'),
        stageName: expect.any(String),
        count: 5,
      });

      const body = (await call('police', 'GET', '/api/opinions/dashboard')).json();
      expect(body.bodies.map((b: { body: string }) => b.body)).toEqual(['POLICE_HQ']);
      expect(body.stages).toEqual([]);
      expect((await call('operator', 'GET', '/api/opinions/dashboard')).statusCode).toBe(403);
    });

    it('exports the figures as CSV and XLSX', async () => {
      const csv = await call('supervisor', 'GET', '/api/opinions/dashboard?since=2026-03-01&format=csv');
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
      expect(lines[0]).toBe(
        'Ente,Tipo di pratica,Pareri resi,Mediana (giorni),90° percentile (giorni),Mediana prima (giorni),Mediana dopo (giorni),Scaduti ora,Aperti ora,Silenzio-assenso',
      );
      expect(lines).toContainEqual(expect.stringMatching(/^Questura,Nulla osta[^,]*,4,7,10,10,3,1,1,0$/));

      const xlsx = await call('supervisor', 'GET', '/api/opinions/dashboard?format=xlsx');
      expect(xlsx.headers['content-disposition']).toMatch(
        /attachment; filename="tempi-pareri-2026-03-30\.xlsx"/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Tempi dei pareri');
      expect(sheet?.getRow(1).getCell(1).value).toBe('Ente');
      const values = sheet?.getColumn(1).values.filter(Boolean);
      expect(values).toEqual(expect.arrayContaining(['Questura', 'Ispettorato Territoriale del Lavoro']));
      expect(workbook.getWorksheet('Fasi delle pratiche')?.rowCount).toBeGreaterThan(1);
      expect((await call('manager', 'GET', '/api/opinions/dashboard?format=pdf')).statusCode).toBe(400);
    });

    it('keeps a shared log of problems: raised, owned, resolved with the solution, counted by category', async () => {
      const missing = await call('manager', 'POST', '/api/opinions/problems', {
        category: 'SYSTEM',
        title: '',
        description: 'x',
        ownerOrganisationId: questuraId,
        caseNumber: '2026/12',
      });
      expect(missing.statusCode).toBe(400);
      expect(
        missing
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['body.caseNumber', 'body.title']);

      const raised = await call('manager', 'POST', '/api/opinions/problems', {
        category: 'SYSTEM',
        title: 'Le richieste di parere non arrivano allo SDI della Questura',
        description: 'Da lunedì le richieste inviate restano senza riscontro per due giorni.',
        ownerOrganisationId: questuraId,
      });
      expect(raised.statusCode).toBe(201);
      const problem = raised.json();
      expect(problem).toMatchObject({
        status: 'OPEN',
        ownerOrganisation: 'Ente QUESTURA-LO',
        raisedOn: '2026-03-30',
      });

      const unexplained = await call('police', 'PATCH', `/api/opinions/problems/${problem.id}`, {
        status: 'RESOLVED',
        version: 1,
      });
      expect(unexplained.statusCode).toBe(400);
      const resolved = await call('police', 'PATCH', `/api/opinions/problems/${problem.id}`, {
        status: 'RESOLVED',
        resolution: 'Certificato del canale applicativo rinnovato; code svuotate.',
        version: 1,
      });
      expect(resolved.json()).toMatchObject({ status: 'RESOLVED', resolvedOn: '2026-03-30', version: 2 });
      const stale = await call('manager', 'PATCH', `/api/opinions/problems/${problem.id}`, {
        status: 'OPEN',
        version: 1,
      });
      expect(stale.statusCode).toBe(409);

      expect((await call('supervisor', 'GET', '/api/opinions/problems')).json()).toEqual([]);
      const all = (await call('supervisor', 'GET', '/api/opinions/problems?status=all')).json();
      expect(all.map((p: { id: string }) => p.id)).toEqual([problem.id]);
      const view = (await call('supervisor', 'GET', '/api/opinions/dashboard')).json();
      expect(view.problems).toEqual([
        { category: 'SYSTEM', categoryName: 'Sistemi informativi e interoperabilità', open: 0, resolved: 1 },
      ]);
    });
  });
}
