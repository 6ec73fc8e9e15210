import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { payslipExpense } from './support/project.ts';

type Person = 'pm' | 'pmAuditor' | 'supervisor' | 'auditor' | 'partner' | 'partner2';

// the test clock reads 2 March 2026
const PROJECT = {
  code: 'PROG-REV2',
  acronym: 'REV.2',
  title: 'Progetto della seconda revisione',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F79I22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};
const PERIOD = { periodStart: '2025-10-01', periodEnd: '2026-01-31' };
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
  describe(`review of staff, timesheets, claims and reports on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person, string>;
    let prefectureId: string;
    let coopId: string;
    let coop2Id: string;
    let projectId: string;
    let packageId: string;
    const staff = {} as Record<'coop' | 'coop2' | 'supervisor', string>;
    const expenseIds: string[] = [];
    let claimId: string;

    const call = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const sheetUrl = (id: string, month: string) => `/api/project/staff/${id}/timesheets/${month}`;
    const countOf = async (table: 'projectClaim' | 'projectTimesheet' | 'projectClaimOutcome') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const expense = (documentNumber: string, documentDate: string) =>
      payslipExpense(prefectureId, {
        description: 'Retribuzione',
        documentNumber,
        documentDate,
        netCents: 100_000,
        totalCents: 100_000,
        amountCents: 100_000,
        paymentDate: documentDate,
        paymentReference: `TRN ${documentNumber}`,
      });
    const record = async (input: ReturnType<typeof expense>) => {
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/expenses`, input);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const body = await multipartBody(
        { kind: 'DOCUMENT' },
        { content: await makePdf('Cedolino'), name: 'cedolino.pdf' },
      );
      const attached = await t.app.inject({
        method: 'POST',
        url: `/api/project/expenses/${id}/attachments`,
        headers: { ...sessions.pm.headers, ...body.headers },
        payload: body.payload,
      });
      expect(attached.statusCode, attached.body).toBe(201);
      const done = await call('pm', 'PUT', `/api/project/expenses/${id}`, { ...input, status: 'COMPLETE' });
      expect(done.statusCode, done.body).toBe(200);
      return id;
    };
    const contract = (organisationId: string, userEmail: string, reference: string) => ({
      organisationId,
      userEmail,
      personName: `Persona ${reference}`,
      kind: 'INTERNAL',
      contractReference: reference,
      contractStartsOn: '2025-10-01',
      contractEndsOn: '2026-12-31',
      monthlyHoursCap: 80,
      annualGrossCostCents: 3_850_000,
      annualHours: 1720,
    });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      const coop2 = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa Altra' });
      prefectureId = prefecture.id;
      coopId = coop.id;
      coop2Id = coop2.id;
      const people: [Person, string, Role[]][] = [
        ['pm', prefectureId, ['project_manager']],
        ['pmAuditor', prefectureId, ['project_manager', 'auditor']],
        ['supervisor', prefectureId, ['project_supervisor']],
        ['auditor', prefectureId, ['auditor']],
        ['partner', coopId, ['project_partner']],
        ['partner2', coop2Id, ['project_partner']],
      ];
      for (const [who, organisationId, roles] of people) {
        const user = await makeUser(
          t.platform,
          roles.map((role) => ({ organisationId, role })),
        );
        emails[who] = user.email;
        sessions[who] = await signIn(t.app, user.email);
      }
      projectId = (await call('pm', 'POST', '/api/project/projects', PROJECT)).json().id;
      for (const [organisationId, role] of [
        [prefectureId, 'LEAD'],
        [coopId, 'PARTNER'],
        [coop2Id, 'PARTNER'],
      ])
        await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, { organisationId, role });
      const wp = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP2',
        title: 'Sportello unico',
      });
      packageId = wp.json().workPackages[0].id;
      const budget = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: [
          { code: 'A', organisationId: prefectureId, amountCents: 6_000_000 },
          { code: 'A', organisationId: coopId, amountCents: 2_000_000 },
          { code: 'A', organisationId: coop2Id, amountCents: 2_000_000 },
          { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
        ],
      });
      expect(budget.statusCode, budget.body).toBe(201);
      for (const [key, organisationId, who] of [
        ['coop', coopId, 'partner'],
        ['coop2', coop2Id, 'partner2'],
        ['supervisor', prefectureId, 'supervisor'],
      ] as const) {
        const created = await call(
          'pm',
          'POST',
          `/api/project/projects/${projectId}/staff`,
          contract(organisationId, emails[who], `Contratto ${key}`),
        );
        expect(created.statusCode, created.body).toBe(201);
        staff[key] = created.json().id;
      }
      expenseIds.push(await record(expense('CED 11/25', '2025-11-15')));
      expenseIds.push(await record(expense('CED 12/25', '2025-12-15')));
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lets nobody fill in or read another person’s sheet, nor a partner read another partner’s staff', async () => {
      const line = { lines: [{ workPackageId: packageId, hours: 10 }] };
      expect((await call('partner2', 'PUT', sheetUrl(staff.coop, '2026-01'), line)).statusCode).toBe(404);
      expect((await call('pm', 'PUT', sheetUrl(staff.coop, '2026-01'), line)).statusCode).toBe(403);
      expect((await call('supervisor', 'POST', `${sheetUrl(staff.coop, '2026-01')}/submit`)).statusCode).toBe(
        403,
      );
      const own = await call('partner2', 'PUT', sheetUrl(staff.coop2, '2025-11'), line);
      expect(own.statusCode, own.body).toBe(200);
      expect((await call('partner', 'GET', `/api/project/timesheets/${own.json().id}`)).statusCode).toBe(404);
      const register = await call('partner', 'GET', `/api/project/projects/${projectId}/staff`);
      expect(register.statusCode).toBe(200);
      expect(register.json().staff.map((s: { id: string }) => s.id)).toEqual([staff.coop]);
      const queue = await call('partner', 'GET', `/api/project/projects/${projectId}/timesheets`);
      expect(queue.json().sheets).toEqual([]);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'in', ['project_staff_register.read', 'project_timesheets.read'])
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(2);
    });

    it('refuses hours that are negative, zero, fractional, too many, and months outside the contract', async () => {
      const before = await countOf('projectTimesheet');
      const save = (month: string, lines: object[]) =>
        call('partner', 'PUT', sheetUrl(staff.coop, month), { lines });
      for (const hours of [-1, 0, 0.1, 745, 1e308, '8'])
        expect((await save('2025-12', [{ workPackageId: packageId, hours }])).statusCode).toBe(400);
      const many = Array.from({ length: 60 }, () => ({ workPackageId: packageId, hours: 744 }));
      expect(messagesOf((await save('2025-12', many)).json())).toContain(
        'Le ore superano quelle che dicembre 2025 contiene',
      );
      const over = await save('2025-12', [{ workPackageId: packageId, hours: 80.25 }]);
      expect(messagesOf(over.json())).toEqual([
        'Le ore del mese (80,25 ore) superano il limite mensile del contratto (80 ore)',
      ]);
      const outside = await save('2025-09', [{ workPackageId: packageId, hours: 1 }]);
      expect(messagesOf(outside.json())).toContain(
        'Settembre 2025 è fuori dal periodo del contratto (dal 1 ottobre 2025 al 31 dicembre 2026)',
      );
      const future = await save('2026-04', [{ workPackageId: packageId, hours: 1 }]);
      expect(messagesOf(future.json())).toEqual([
        'Non si compila il foglio ore di aprile 2026: il mese non è ancora iniziato',
      ]);
      for (const month of ['2026-13', '2026-1', '0000-00', 'x'])
        expect((await save(month, [{ workPackageId: packageId, hours: 1 }])).statusCode).toBeLessThan(500);
      expect(await countOf('projectTimesheet')).toBe(before);
    });

    it('does not let the supervisor approve their own sheet', async () => {
      const url = sheetUrl(staff.supervisor, '2026-01');
      const saved = await call('supervisor', 'PUT', url, { lines: [{ workPackageId: packageId, hours: 5 }] });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await call('supervisor', 'POST', `${url}/submit`)).statusCode).toBe(200);
      const approved = await call('supervisor', 'POST', `/api/project/timesheets/${saved.json().id}/approve`);
      expect(approved.statusCode).toBe(403);
      expect(
        (await call('supervisor', 'GET', `/api/project/timesheets/${saved.json().id}`)).json().status,
      ).toBe('SUBMITTED');
    });

    it('locks the claimed months: no edit of a claimed sheet, no new sheet for a claimed month', async () => {
      const url = sheetUrl(staff.coop, '2026-01');
      const saved = await call('partner', 'PUT', url, { lines: [{ workPackageId: packageId, hours: 20 }] });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await call('partner', 'POST', `${url}/submit`)).statusCode).toBe(200);
      expect(
        (await call('supervisor', 'POST', `/api/project/timesheets/${saved.json().id}/approve`)).statusCode,
      ).toBe(200);
      const created = await call('pmAuditor', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [expenseIds[0]],
      });
      expect(created.statusCode, created.body).toBe(201);
      claimId = created.json().id;
      const submitted = await call('pmAuditor', 'POST', `/api/project/claims/${claimId}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().lockedTimesheets).toBe(1);

      const edit = await call('partner', 'PUT', url, { lines: [{ workPackageId: packageId, hours: 30 }] });
      expect(edit.statusCode).toBe(409);
      const before = await countOf('projectTimesheet');
      const late = await call('partner', 'PUT', sheetUrl(staff.coop, '2025-12'), {
        lines: [{ workPackageId: packageId, hours: 10 }],
      });
      expect(late.statusCode, late.body).toBe(409);
      expect(messagesOf(late.json()).join(' ') + late.json().detail).toMatch(/domanda di rimborso n\. 1/);
      expect(await countOf('projectTimesheet')).toBe(before);
      // a draft left before the claim cannot be sent for a claimed month either
      const draft = await call('partner2', 'POST', `${sheetUrl(staff.coop2, '2025-11')}/submit`);
      expect(draft.statusCode).toBe(409);
    });

    it('does not move a contract with claimed sheets to another organisation', async () => {
      const moved = await call('pm', 'PUT', `/api/project/staff/${staff.coop}`, {
        ...contract(coop2Id, emails.partner, 'Contratto coop'),
      });
      expect(moved.statusCode).toBe(422);
      expect(messagesOf(moved.json())).toContain(
        'La persona ha fogli ore già inviati o approvati per questo ente: l’ente non si cambia',
      );
      const sheets = await call('partner', 'GET', `/api/project/projects/${projectId}/timesheets`);
      expect(sheets.json().sheets).toHaveLength(1);
    });

    it('refuses an edit of a submitted claim and a second claim of the same expense, also in parallel', async () => {
      const edit = await call('pmAuditor', 'PUT', `/api/project/claims/${claimId}`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [expenseIds[0], expenseIds[1]],
      });
      expect(edit.statusCode).toBe(409);
      const before = await countOf('projectClaim');
      const body = {
        kind: 'INTERMEDIATE',
        periodStart: '2025-10-01',
        periodEnd: '2025-12-31',
        expenseIds: [expenseIds[1]],
      };
      const both = await Promise.all([
        call('pm', 'POST', `/api/project/projects/${projectId}/claims`, body),
        call('pm', 'POST', `/api/project/projects/${projectId}/claims`, body),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expect(await countOf('projectClaim')).toBe(before + 1);
    });

    it('keeps the verification to an auditor who did not submit the claim, with amounts that make sense', async () => {
      const url = `/api/project/claims/${claimId}/outcomes/${expenseIds[0]}`;
      const before = await countOf('projectClaimOutcome');
      expect((await call('pm', 'PUT', url, { checklist: CHECKED, outcome: 'ADMITTED' })).statusCode).toBe(
        403,
      );
      const own = await call('pmAuditor', 'PUT', url, { checklist: CHECKED, outcome: 'ADMITTED' });
      expect(own.statusCode).toBe(403);
      for (const admittedCents of [0, -5, 100_000, 100_001, 1.5, 2 ** 60, '600']) {
        const response = await call('auditor', 'PUT', url, {
          checklist: CHECKED,
          outcome: 'PARTIAL',
          admittedCents,
          reasons: 'Quota non documentata',
        });
        expect([400, 422], `${admittedCents}`).toContain(response.statusCode);
      }
      expect(await countOf('projectClaimOutcome')).toBe(before);
      const partial = await call('auditor', 'PUT', url, {
        checklist: CHECKED,
        outcome: 'PARTIAL',
        admittedCents: 60_000,
        reasons: 'Quota non documentata',
      });
      expect(partial.statusCode, partial.body).toBe(200);
      expect(
        (await call('pmAuditor', 'POST', `/api/project/claims/${claimId}/verification/close`)).statusCode,
      ).toBe(403);
      const closed = await call('auditor', 'POST', `/api/project/claims/${claimId}/verification/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      const after = await call('auditor', 'PUT', url, { checklist: CHECKED, outcome: 'ADMITTED' });
      expect(after.statusCode).toBe(409);
    });

    it('keeps only a real PDF as the signed verbale', async () => {
      const send = async (who: Person, content: Uint8Array, claim = claimId) => {
        const body = await multipartBody(
          {},
          { content, name: 'verbale-firmato.pdf', type: 'application/pdf' },
        );
        return t.app.inject({
          method: 'POST',
          url: `/api/project/claims/${claim}/verbale/signed`,
          headers: { ...sessions[who].headers, ...body.headers },
          payload: body.payload,
        });
      };
      // who may not keep a signed copy there is told so before the file is read
      expect((await send('auditor', PNG, randomUUID())).statusCode).toBe(404);
      expect((await send('pm', PNG)).statusCode).toBe(403);
      for (const content of [PNG, Buffer.from('<html><script>alert(1)</script></html>')]) {
        const response = await send('auditor', content);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }
      expect((await send('pm', await makePdf('Firmato'))).statusCode).toBe(403);
      const view = await call('auditor', 'GET', `/api/project/claims/${claimId}`);
      expect(view.json().verbale.signed).toBeNull();
      expect((await send('auditor', await makePdf('Firmato'))).statusCode).toBe(201);
    });

    it('refuses markup, oversized text and edits of a final report', async () => {
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Relazione del primo periodo',
        kind: 'INTERMEDIATE',
        from: '2025-10-01',
        to: '2026-01-31',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      const section = (body: string) =>
        call('pm', 'PUT', `/api/project/reports/${id}/sections/summary`, { body });
      expect([400, 422]).toContain((await section('<script>alert(1)</script>')).statusCode);
      expect([400, 422]).toContain((await section('<img src=x onerror=alert(1)>')).statusCode);
      expect((await section('x'.repeat(1_000_000))).statusCode).toBeGreaterThanOrEqual(400);
      expect((await section('a < b e c > d')).statusCode).toBe(200);
      expect(
        (await call('supervisor', 'PUT', `/api/project/reports/${id}/sections/summary`, { body: 'x' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await call('pm', 'PUT', `/api/project/reports/${id}/sections/nessuna`, { body: 'x' })).statusCode,
      ).toBe(404);
      expect((await call('pm', 'POST', `/api/project/reports/${id}/final`)).statusCode).toBe(200);
      expect((await section('Correzione tardiva')).statusCode).toBe(409);
      const odd = await call('pm', 'POST', `/api/project/projects/${projectId}/reports`, {
        title: 'Relazione',
        kind: 'FINAL',
        from: '2026-02-30',
        to: '2025-01-01',
      });
      expect([400, 422]).toContain(odd.statusCode);
    });
  });
}
