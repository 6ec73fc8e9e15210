import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectTime } from '../src/cli/demo-project-time.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { projectTimePersonalData } from '../src/modules/project/time/privacy.ts';
import { lockTimesheets } from '../src/modules/project/time/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'operator' | 'mediator' | 'partner';

// the test clock reads 2 March 2026
const PROJECT = {
  code: 'LOVIT-2',
  acronym: 'LO.V.I.T. 2.0',
  title: 'Lodi verso l’integrazione territoriale 2.0',
  programme: 'FAMI_2021_2027',
  objective: 'Capacity building',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
const messagesOf = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((e) => e.message);

for (const backend of BACKENDS) {
  describe(`the project’s staff and timesheets on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person, string>;
    let prefectureId: string;
    let coopId: string;
    let projectId: string;
    let packageId: string;
    let activityId: string;
    let operatorStaff: string;
    let mediatorStaff: string;
    let supervisorStaff: string;
    let februaryId: string;

    const call = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });

    const employee = () => ({
      organisationId: prefectureId,
      userEmail: emails.operator,
      personName: 'Mario Rossi',
      kind: 'INTERNAL',
      contractReference: 'Ordine di servizio 12/2025',
      contractStartsOn: '2025-11-01',
      contractEndsOn: '2026-06-30',
      monthlyHoursCap: 40,
      totalHoursCap: 100,
      annualGrossCostCents: 3_850_000,
      annualHours: 1720,
    });
    const sheet = (hours: number, itemId: string | null = activityId) => ({
      lines: [{ workPackageId: packageId, itemId, hours }],
    });
    const countRows = async (table: 'projectStaff' | 'projectTimesheet') =>
      Number(
        (
          await database.db
            .selectFrom(table)
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
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      prefectureId = prefecture.id;
      coopId = coop.id;
      const people: [Person, Role, string][] = [
        ['pm', 'project_manager', prefecture.id],
        ['supervisor', 'project_supervisor', prefecture.id],
        ['auditor', 'auditor', prefecture.id],
        ['operator', 'sui_operator', prefecture.id],
        ['mediator', 'mediator', coop.id],
        ['partner', 'project_partner', coop.id],
      ];
      for (const [who, role, organisationId] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        emails[who] = user.email;
        sessions[who] = await signIn(t.app, user.email);
      }
      const project = await call('pm', 'POST', '/api/project/projects', PROJECT);
      projectId = project.json().id;
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
      const item = await call('pm', 'POST', `/api/project/work-packages/${packageId}/items`, {
        kind: 'ACTIVITY',
        code: 'A2.1',
        title: 'Équipe allo Sportello unico',
        plannedStart: '2025-10-01',
        plannedEnd: '2027-06-30',
        actualStart: '2025-10-01',
        status: 'IN_PROGRESS',
      });
      activityId = item.json().workPackages[0].items[0].id;
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('registers an employee with the hourly cost computed, refusing incomplete or foreign contracts', async () => {
      const { annualGrossCostCents: _, ...withoutCost } = employee();
      const incomplete = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, withoutCost);
      expect(incomplete.statusCode).toBe(422);
      expect(incomplete.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(incomplete.json())).toEqual(['annualGrossCostCents']);
      const stranger = await makeOrganisation(t.platform, { type: 'OTHER' });
      const foreign = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        ...employee(),
        organisationId: stranger.id,
      });
      expect(foreign.statusCode).toBe(422);
      expect(messagesOf(foreign.json())).toEqual(['Scegliere uno degli enti partner del progetto']);
      const nobody = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        ...employee(),
        userEmail: 'nessuno@lovit.example',
      });
      expect(messagesOf(nobody.json())).toEqual(['Nessun utente di LOVIT ha questo indirizzo e-mail']);
      const quarter = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        ...employee(),
        monthlyHoursCap: 10.1,
      });
      expect(quarter.statusCode).toBe(400);
      expect(quarter.body).toContain('quarti d’ora');
      expect(await countRows('projectStaff')).toBe(0);

      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, employee());
      expect(created.statusCode, created.body).toBe(201);
      operatorStaff = created.json().id;
      // 38.500,00 € ÷ 1.720 h = 22,3837… €/h, to the cent
      expect(created.json()).toMatchObject({
        hourlyCostCents: 2238,
        monthlyHoursCap: 40,
        totalHoursCap: 100,
        organisation: 'Prefettura di Lodi',
        userEmail: emails.operator,
      });
      const again = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, employee());
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe(
        'Il progetto ha già un contratto con il riferimento «Ordine di servizio 12/2025».',
      );
      expect(
        (await call('supervisor', 'POST', `/api/project/projects/${projectId}/staff`, employee())).statusCode,
      ).toBe(403);
    });

    it('registers the assignments with their fee, and shows a partner only its own organisation’s staff', async () => {
      const employeeFee = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        ...employee(),
        contractReference: 'X',
        feeCents: 100,
      });
      expect(fieldsOf(employeeFee.json())).toEqual(['feeCents']);
      const mediator = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        organisationId: coopId,
        userEmail: emails.mediator,
        personName: 'Amina Haddad',
        kind: 'EXTERNAL',
        contractReference: 'Incarico 3/2025',
        contractStartsOn: '2025-10-01',
        contractEndsOn: '2026-09-30',
        monthlyHoursCap: 20,
        feeCents: 480_000,
      });
      expect(mediator.statusCode, mediator.body).toBe(201);
      expect(mediator.json()).toMatchObject({ hourlyCostCents: null, feeCents: 480_000 });
      mediatorStaff = mediator.json().id;
      const supervisor = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        organisationId: prefectureId,
        userEmail: emails.supervisor,
        personName: 'Laura Bianchi',
        kind: 'WP_SUPERVISOR',
        contractReference: 'Incarico supervisione WP',
        contractStartsOn: '2025-10-01',
        contractEndsOn: '2027-06-30',
        totalHoursCap: 400,
        feeCents: 1_200_000,
      });
      supervisorStaff = supervisor.json().id;

      const seenBy = async (who: Person) =>
        (await call(who, 'GET', `/api/project/projects/${projectId}/staff`))
          .json()
          .staff.map((s: { personName: string }) => s.personName);
      expect(await seenBy('auditor')).toEqual(['Amina Haddad', 'Laura Bianchi', 'Mario Rossi']);
      expect(await seenBy('partner')).toEqual(['Amina Haddad']);
      expect((await call('operator', 'GET', `/api/project/projects/${projectId}/staff`)).statusCode).toBe(
        403,
      );
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'project_staff_register.read')
        .execute();
      expect(reads).toHaveLength(2);
    });

    it('refuses a month not begun, outside the contract, over the monthly cap, or on a foreign package; nothing saved', async () => {
      const url = (month: string) => `/api/project/staff/${operatorStaff}/timesheets/${month}`;
      const future = await call('operator', 'PUT', url('2026-04'), sheet(10));
      expect(future.statusCode).toBe(422);
      expect(messagesOf(future.json())).toEqual([
        'Non si compila il foglio ore di aprile 2026: il mese non è ancora iniziato',
      ]);
      const before = await call('operator', 'PUT', url('2025-10'), sheet(10));
      expect(messagesOf(before.json())).toEqual([
        'Ottobre 2025 è fuori dal periodo del contratto (dal 1 novembre 2025 al 30 giugno 2026)',
      ]);
      const over = await call('operator', 'PUT', url('2026-02'), sheet(40.25));
      expect(messagesOf(over.json())).toEqual([
        'Le ore del mese (40,25 ore) superano il limite mensile del contratto (40 ore)',
      ]);
      const foreign = await call('operator', 'PUT', url('2026-02'), {
        lines: [{ workPackageId: '0190a1b2-0000-7000-8000-000000000000', hours: 2 }],
      });
      expect(fieldsOf(foreign.json())).toEqual(['lines.0.workPackageId']);
      expect((await call('operator', 'PUT', url('2026-13'), sheet(1))).statusCode).toBe(400);
      expect(await countRows('projectTimesheet')).toBe(0);
    });

    it('lets only the person fill in and send their sheet: the supervisor cannot edit hours, others are not told', async () => {
      const url = `/api/project/staff/${operatorStaff}/timesheets/2026-02`;
      const draft = await call('operator', 'PUT', url, sheet(30));
      expect(draft.statusCode, draft.body).toBe(200);
      expect(draft.json()).toMatchObject({
        status: 'DRAFT',
        hours: 30,
        costCents: null,
        hourlyCostCents: 2238,
      });
      februaryId = draft.json().id;

      const bySupervisor = await call('supervisor', 'PUT', url, sheet(35));
      expect(bySupervisor.statusCode).toBe(403);
      expect(bySupervisor.json().detail).toBe(
        'Il foglio ore si compila e si invia solo dalla persona interessata.',
      );
      expect((await call('partner', 'PUT', url, sheet(35))).statusCode).toBe(404);
      expect((await call('mediator', 'POST', `${url}/submit`)).statusCode).toBe(404);
      expect((await call('auditor', 'PUT', url, sheet(35))).statusCode).toBe(403);

      const sent = await call('operator', 'POST', `${url}/submit`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'SUBMITTED', hours: 30 });
      const edit = await call('operator', 'PUT', url, sheet(31));
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toBe(
        'Il foglio ore di febbraio 2026 è stato inviato: non si modifica, salvo che il supervisore lo respinga.',
      );
      const stored = await database.db
        .selectFrom('projectTimesheet')
        .select(['status', 'totalMinutes'])
        .where('id', '=', februaryId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: 'SUBMITTED', totalMinutes: 30 * 60 });
    });

    it('keeps the contract’s total: a month that would pass it is refused', async () => {
      const january = `/api/project/staff/${operatorStaff}/timesheets/2026-01`;
      expect((await call('operator', 'PUT', january, sheet(40))).statusCode).toBe(200);
      expect((await call('operator', 'POST', `${january}/submit`)).statusCode).toBe(200);
      const december = await call(
        'operator',
        'PUT',
        `/api/project/staff/${operatorStaff}/timesheets/2025-12`,
        sheet(35),
      );
      expect(december.statusCode).toBe(422);
      expect(messagesOf(december.json())).toEqual([
        'Con questo mese le ore del contratto salirebbero a 105 ore, oltre le 100 ore previste',
      ]);
    });

    it('lets the supervisor reject with a reason and approve the corrected sheet, valued at the hourly cost', async () => {
      const queue = await call(
        'supervisor',
        'GET',
        `/api/project/projects/${projectId}/timesheets?status=SUBMITTED`,
      );
      expect(queue.json().can.approve).toBe(true);
      expect(queue.json().sheets.map((s: { month: string }) => s.month)).toEqual(['2026-02', '2026-01']);
      expect(
        (await call('auditor', 'POST', `/api/project/timesheets/${februaryId}/approve`)).statusCode,
      ).toBe(403);
      expect(
        (await call('partner', 'POST', `/api/project/timesheets/${februaryId}/approve`)).statusCode,
      ).toBe(403);
      const noReason = await call('supervisor', 'POST', `/api/project/timesheets/${februaryId}/reject`, {
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(400);

      const rejected = await call('supervisor', 'POST', `/api/project/timesheets/${februaryId}/reject`, {
        reason: 'Mancano le ore della formazione del 12 febbraio.',
      });
      expect(rejected.json()).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'Mancano le ore della formazione del 12 febbraio.',
      });
      const url = `/api/project/staff/${operatorStaff}/timesheets/2026-02`;
      const corrected = await call('operator', 'PUT', url, {
        lines: [
          { workPackageId: packageId, itemId: activityId, hours: 28 },
          { workPackageId: packageId, itemId: null, hours: 2.5, note: 'Formazione del 12 febbraio' },
        ],
      });
      expect(corrected.json()).toMatchObject({ status: 'DRAFT', hours: 30.5 });
      expect((await call('operator', 'POST', `${url}/submit`)).json().status).toBe('SUBMITTED');

      const approved = await call('supervisor', 'POST', `/api/project/timesheets/${februaryId}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      // 30,5 h × 22,38 €/h = 682,59 €
      expect(approved.json()).toMatchObject({ status: 'APPROVED', hourlyCostCents: 2238, costCents: 68_259 });
      expect(
        (await call('supervisor', 'POST', `/api/project/timesheets/${februaryId}/approve`)).statusCode,
      ).toBe(409);
      const edit = await call('operator', 'PUT', url, sheet(1));
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toBe('Il foglio ore di febbraio 2026 è già approvato: non si modifica più.');
    });

    it('does not let the supervisor approve their own sheet, and scopes a partner’s reading', async () => {
      const own = `/api/project/staff/${supervisorStaff}/timesheets/2026-02`;
      expect((await call('supervisor', 'PUT', own, sheet(12))).statusCode).toBe(200);
      const sent = await call('supervisor', 'POST', `${own}/submit`);
      const self = await call('supervisor', 'POST', `/api/project/timesheets/${sent.json().id}/approve`);
      expect(self.statusCode).toBe(403);

      const mine = `/api/project/staff/${mediatorStaff}/timesheets/2026-02`;
      const mediatorSheet = await call('mediator', 'PUT', mine, sheet(18));
      expect(mediatorSheet.statusCode, mediatorSheet.body).toBe(200);
      const partnerQueue = await call('partner', 'GET', `/api/project/projects/${projectId}/timesheets`);
      expect(partnerQueue.json().sheets.map((s: { personName: string }) => s.personName)).toEqual([
        'Amina Haddad',
      ]);
      expect(partnerQueue.json().can.approve).toBe(false);
      expect((await call('partner', 'GET', `/api/project/timesheets/${februaryId}`)).statusCode).toBe(404);
      expect((await call('auditor', 'GET', `/api/project/timesheets/${februaryId}`)).json().costCents).toBe(
        68_259,
      );

      const view = await call('mediator', 'GET', `/api/project/projects/${projectId}/timesheets/mine`);
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json()).toMatchObject({
        contracts: [{ id: mediatorStaff, kind: 'EXTERNAL', monthlyHoursCap: 20 }],
        sheets: [{ month: '2026-02', status: 'DRAFT', hours: 18, costCents: null }],
        workPackages: [{ code: 'WP2', activities: [{ code: 'A2.1' }] }],
      });
    });

    it('locks approved sheets into a claim, all or none, and refuses any later edit', async () => {
      const claimId = '0190a1b2-0000-7000-8000-0000000000c1';
      const [january] = await database.db
        .selectFrom('projectTimesheet')
        .select('id')
        .where('month', '=', '2026-01-01')
        .where('staffId', '=', operatorStaff)
        .execute();
      await expect(
        database.db
          .transaction()
          .execute((trx) => lockTimesheets(trx, [februaryId, january?.id as string], claimId, t.clock.now())),
      ).rejects.toThrow('Il foglio ore di gennaio 2026 è stato inviato');
      expect(
        (
          await database.db
            .selectFrom('projectTimesheet')
            .select('status')
            .where('id', '=', februaryId)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('APPROVED');

      const locked = await database.db
        .transaction()
        .execute((trx) => lockTimesheets(trx, [februaryId], claimId, t.clock.now()));
      expect(locked).toEqual([{ id: februaryId, month: '2026-02' }]);
      const edit = await call(
        'operator',
        'PUT',
        `/api/project/staff/${operatorStaff}/timesheets/2026-02`,
        sheet(1),
      );
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toBe(
        'Il foglio ore di febbraio 2026 è in una domanda di rimborso: è bloccato.',
      );
      expect((await call('auditor', 'GET', `/api/project/timesheets/${februaryId}`)).json()).toMatchObject({
        status: 'LOCKED',
        claimId,
      });
    });

    it('refuses a contract change that would leave sent hours outside it, and audits every change', async () => {
      const shrunk = await call('pm', 'PUT', `/api/project/staff/${operatorStaff}`, {
        ...employee(),
        contractStartsOn: '2026-02-01',
        totalHoursCap: 60,
      });
      expect(shrunk.statusCode).toBe(422);
      expect(fieldsOf(shrunk.json())).toEqual(['contractStartsOn', 'totalHoursCap']);
      const raised = await call('pm', 'PUT', `/api/project/staff/${operatorStaff}`, {
        ...employee(),
        annualGrossCostCents: 4_300_000,
      });
      expect(raised.json()).toMatchObject({ hourlyCostCents: 2500, hoursCounted: 70.5 });
      // the approved sheet keeps the cost it was approved at
      expect((await call('auditor', 'GET', `/api/project/timesheets/${februaryId}`)).json().costCents).toBe(
        68_259,
      );

      const actions = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityType', 'in', ['project_staff', 'project_timesheet'])
        .where('kind', '=', 'change')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'project.staff.create',
        'project.staff.create',
        'project.staff.create',
        'project.timesheet.create',
        'project.timesheet.submit',
        'project.timesheet.create',
        'project.timesheet.submit',
        'project.timesheet.reject',
        'project.timesheet.update',
        'project.timesheet.submit',
        'project.timesheet.approve',
        'project.timesheet.create',
        'project.timesheet.submit',
        'project.timesheet.create',
        'project.staff.update',
      ]);
    });

    it('finds a person’s contracts and sheets for an access request, and forgets the name long after the project', async () => {
      const found = await projectTimePersonalData.findSubject(
        database.db,
        { email: emails.operator },
        { organisationId: prefectureId },
      );
      expect(found.map((r) => r.title)).toEqual([
        'Personale interno nel progetto LO.V.I.T. 2.0 per Prefettura di Lodi, contratto «Ordine di servizio 12/2025» dal 1 novembre 2025 al 30 giugno 2026',
        'Foglio ore di gennaio 2026: 40 ore (inviato)',
        'Foglio ore di febbraio 2026: 30,5 ore (in domanda di rimborso)',
      ]);
      const [category] = projectTimePersonalData.categories;
      if (!category) throw new Error('no retention category');
      expect(await category.countDue(database.db, new Date('2027-06-30T12:00:00Z'))).toBe(0);
      const later = new Date('2040-01-01T00:00:00Z');
      expect(await category.countDue(database.db, later)).toBe(3);
      expect(await database.db.transaction().execute((trx) => category.dispose(trx, later, 10))).toBe(3);
      const kept = await database.db
        .selectFrom('projectStaff')
        .select(['personName', 'userId', 'hourlyCostCents'])
        .execute();
      expect(new Set(kept.map((k) => k.personName))).toEqual(new Set(['Persona non più conservata']));
      expect(kept.map((k) => k.userId)).toEqual([null, null, null]);
      expect(kept.map((k) => k.hourlyCostCents)).toContain(2500);
      expect(await category.countDue(database.db, later)).toBe(0);
      // the trail of the records' creation and corrections no longer names them either
      const { rows: naming } = await sql<{ action: string }>`
        select action from audit_entry
        where entity_type = 'project_staff'
          and (data::text like '%Mario Rossi%' or data::text like '%Amina Haddad%' or data::text like '%Laura Bianchi%')`.execute(
        database.db,
      );
      expect(naming).toEqual([]);
      const { rows: staffEntries } = await sql<{ count: string }>`
        select count(*) as count from audit_entry where entity_type = 'project_staff'`.execute(database.db);
      expect(Number(staffEntries[0]?.count)).toBeGreaterThan(0);
    });

    // once: the demo's users and offices take seconds to create
    it.runIf(backend === BACKENDS.at(-1))(
      'loads the demo staff and a sheet in each state through the same use cases',
      async () => {
        const demo = await openTestDatabase(backend);
        try {
          const platform = { database: demo, clock: t.clock, config: t.platform.config };
          await loadDemoData(platform);
          await loadDemoProject(platform);
          await loadDemoProjectTime(platform);
          const staff = await demo.db
            .selectFrom('projectStaff')
            .select(['kind', 'userId'])
            .orderBy('kind')
            .execute();
          expect(staff.map((s) => s.kind)).toEqual([
            'AUDITOR',
            'CTI_CONSULTANT',
            'INTERNAL',
            'INTERNAL',
            'LEGAL_EXPERT',
            'WP_SUPERVISOR',
          ]);
          expect(staff.every((s) => s.userId !== null)).toBe(true);
          const sheets = await demo.db
            .selectFrom('projectTimesheet')
            .select(['status', 'month', 'costCents'])
            .orderBy('month')
            .orderBy('status')
            .execute();
          expect(sheets.map((s) => `${s.month.slice(0, 7)} ${s.status}`)).toEqual([
            '2025-12 APPROVED',
            '2026-01 APPROVED',
            '2026-01 APPROVED',
            '2026-01 REJECTED',
            '2026-02 DRAFT',
            '2026-02 SUBMITTED',
            '2026-02 SUBMITTED',
          ]);
          // 54,5 h × 22,38 €/h = 1.219,71 €
          expect(sheets[0]?.costCents).toBe(121_971);
        } finally {
          await demo.dispose();
        }
      },
    );
  });
}
