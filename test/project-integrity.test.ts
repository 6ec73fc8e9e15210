import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expenseFiles } from '../src/modules/project/finance/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { payslipExpense } from './support/project.ts';

type Person = 'pm' | 'supervisor' | 'supervisor2' | 'auditor' | 'legal' | 'partner' | 'partner2';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

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
const PERIOD = { periodStart: '2025-10-01', periodEnd: '2026-01-31' };
const G1_RULE =
  'Il revisore indipendente (G1) è obbligatorio: il budget deve prevederne la voce (Allegato 5 – Budget, FAMI 2014-2020)';
const G2_RULE =
  'L’esperto legale (G2) è obbligatorio perché il progetto ha acquisti di servizi: il budget deve prevederne la voce (Allegato 5 – Budget, FAMI 2014-2020)';
const UNSTAMPED = 'Apporre sul documento originale il timbro di annullo con il riferimento al progetto';

const messagesOf = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((e) => e.message);
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const backend of BACKENDS) {
  describe(`the integrity of the project's finances, timesheets, claims and procurement on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person | 'other', string>;
    let prefectureId: string;
    let coopId: string;
    let otherId: string;
    let projectId: string;
    let packageId: string;
    let fileId: string;
    let claimId: string;
    let payslipId: string;
    let wpSupervisorId: string;
    let employeeId: string;

    const call = (who: Person, method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const upload = async (who: Person, url: string, fields: Record<string, string>, content: Uint8Array) => {
      const body = await multipartBody(fields, { content, name: 'documento.pdf' });
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...sessions[who].headers, ...body.headers },
        payload: body.payload,
      });
    };
    const auditOf = (action: string, entityId: string) =>
      database.db
        .selectFrom('auditEntry')
        .select(['kind', 'action', 'data'])
        .where('action', '=', action)
        .where('entityId', '=', entityId)
        .execute();
    const payslip = (over: Record<string, unknown> = {}) => payslipExpense(prefectureId, over);
    /** An expense recorded with its document attached and, unless `draft`, marked complete. */
    const record = async (who: Person, input: Record<string, unknown>, draft = false) => {
      const created = await call(who, 'POST', `/api/project/projects/${projectId}/expenses`, input);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const content = await makePdf(`Giustificativo ${input.documentNumber}`);
      const attached = await upload(
        who,
        `/api/project/expenses/${id}/attachments`,
        { kind: 'DOCUMENT' },
        content,
      );
      expect(attached.statusCode, attached.body).toBe(201);
      if (!draft) {
        const done = await call(who, 'PUT', `/api/project/expenses/${id}`, { ...input, status: 'COMPLETE' });
        expect(done.statusCode, done.body).toBe(200);
      }
      return { id, sha256: sha256Of(content) };
    };
    const budgetLines = (withG2: boolean) => [
      { code: 'A', organisationId: prefectureId, amountCents: 6_000_000 },
      { code: 'A', organisationId: coopId, amountCents: 2_000_000 },
      { code: 'E', organisationId: coopId, amountCents: 500_000 },
      { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
      ...(withG2 ? [{ code: 'G2', organisationId: prefectureId, amountCents: 100_000 }] : []),
    ];
    const claimOf = (id: string) =>
      database.db.selectFrom('projectClaim').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    const expenseRow = (id: string) =>
      database.db
        .selectFrom('projectExpense')
        .select(['annulled', 'claimId'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      const other = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa Altrove' });
      prefectureId = prefecture.id;
      coopId = coop.id;
      otherId = other.id;
      const people = [
        ['pm', prefectureId, 'project_manager'],
        ['supervisor', prefectureId, 'project_supervisor'],
        ['supervisor2', prefectureId, 'project_supervisor'],
        ['auditor', prefectureId, 'auditor'],
        ['legal', prefectureId, 'legal_expert'],
        ['partner', coopId, 'project_partner'],
        ['partner2', otherId, 'project_partner'],
      ] as const;
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        emails[who] = user.email;
        sessions[who] = await signIn(t.app, user.email);
      }
      emails.other = (await makeUser(t.platform, [{ organisationId: prefectureId, role: 'mediator' }])).email;
      projectId = (await call('pm', 'POST', '/api/project/projects', PROJECT)).json().id;
      for (const [organisationId, role] of [
        [prefectureId, 'LEAD'],
        [coopId, 'PARTNER'],
        [otherId, 'PARTNER'],
      ])
        await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, { organisationId, role });
      const wp = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP2',
        title: 'Sportello unico',
      });
      packageId = wp.json().workPackages[0].id;
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('refuses a budget without the independent auditor, naming the rule, and records nothing', async () => {
      const refused = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: budgetLines(false).filter((l) => l.code !== 'G1'),
      });
      expect(refused.statusCode).toBe(422);
      expect(messagesOf(refused.json())).toEqual([G1_RULE]);
      expect(
        (await call('pm', 'GET', `/api/project/projects/${projectId}/budget`)).json().version,
      ).toBeNull();
      const recorded = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: budgetLines(false),
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      expect(recorded.json().version.missingLines).toEqual([]);
    });

    it('makes the legal expert mandatory with the first procurement: shown on the budget, refused at submission', async () => {
      const file = await call('partner', 'POST', `/api/project/projects/${projectId}/procurements`, {
        organisationId: coopId,
        subject: 'Servizio di grafica',
        kind: 'SERVICES',
        procedure: 'DIRECT_AWARD',
        cig: 'B123456789',
        amountCents: 1_500_000,
        contractorName: 'Studio Grafico srl',
        decisionOn: '2025-11-03',
        contractOn: '2025-11-20',
      });
      expect(file.statusCode, file.body).toBe(201);
      fileId = file.json().id;
      const budget = await call('pm', 'GET', `/api/project/projects/${projectId}/budget`);
      expect(budget.json().version.missingLines).toEqual([G2_RULE]);

      payslipId = (await record('pm', payslip())).id;
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [payslipId],
      });
      expect(created.statusCode, created.body).toBe(201);
      claimId = created.json().id;
      const refused = await call('pm', 'POST', `/api/project/claims/${claimId}/submit`);
      expect(refused.statusCode).toBe(409);
      expect(messagesOf(refused.json())).toEqual([G2_RULE]);
      expect((await claimOf(claimId)).status).toBe('DRAFT');

      const revised = await call('pm', 'POST', `/api/project/projects/${projectId}/budget`, {
        lines: budgetLines(true),
        reason: 'Voce per l’esperto legale',
        approvedOn: '2026-02-20',
        approvalReference: 'Nota AR 123/2026',
      });
      expect(revised.statusCode, revised.body).toBe(201);
      expect(revised.json().version.missingLines).toEqual([]);
    });

    it.runIf(backend === 'postgres')(
      'judges each expense as it is once the submission has locked it, never on an earlier reading',
      async () => {
        let submitted: ReturnType<typeof call> | undefined;
        await database.db.transaction().execute(async (trx) => {
          // the expense loses its cancellation stamp in a transaction still open when the submission starts
          await trx
            .updateTable('projectExpense')
            .set({ annulled: false })
            .where('id', '=', payslipId)
            .execute();
          submitted = call('pm', 'POST', `/api/project/claims/${claimId}/submit`);
          for (let waited = 0; waited < 10_000; waited += 20) {
            const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
            if ((rows[0]?.n ?? 0) > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        });
        const refused = await (submitted as ReturnType<typeof call>);
        expect(refused.statusCode, refused.body).toBe(409);
        expect(messagesOf(refused.json()).join(' ')).toContain(UNSTAMPED);
        expect(await expenseRow(payslipId)).toEqual({ annulled: false, claimId: null });
        expect((await claimOf(claimId)).status).toBe('DRAFT');
        const restored = await call('pm', 'PUT', `/api/project/expenses/${payslipId}`, {
          ...payslip(),
          status: 'COMPLETE',
        });
        expect(restored.statusCode, restored.body).toBe(200);
      },
    );

    it('lets either the submission or a parallel edit of its expense win, never both', async () => {
      const [submit, edit] = await Promise.all([
        call('pm', 'POST', `/api/project/claims/${claimId}/submit`),
        call('pm', 'PUT', `/api/project/expenses/${payslipId}`, {
          ...payslip({ annulled: false }),
          status: 'COMPLETE',
        }),
      ]);
      expect([submit.statusCode, edit.statusCode].sort()).toEqual([200, 409]);
      if (submit.statusCode === 200) {
        expect(await expenseRow(payslipId)).toEqual({ annulled: true, claimId });
      } else {
        expect(messagesOf(submit.json()).join(' ')).toContain(UNSTAMPED);
        expect(await expenseRow(payslipId)).toEqual({ annulled: false, claimId: null });
        const restored = await call('pm', 'PUT', `/api/project/expenses/${payslipId}`, {
          ...payslip(),
          status: 'COMPLETE',
        });
        expect(restored.statusCode, restored.body).toBe(200);
        expect((await call('pm', 'POST', `/api/project/claims/${claimId}/submit`)).statusCode).toBe(200);
      }
      expect((await claimOf(claimId)).status).toBe('SUBMITTED');
    });

    it('deletes an expense no claim took, with its files, for whoever may write it, and audits it', async () => {
      const claimed = await call('pm', 'DELETE', `/api/project/expenses/${payslipId}`);
      expect(claimed.statusCode).toBe(409);
      expect(claimed.json().detail).toContain('domanda di rimborso');

      const draft = await record(
        'partner',
        payslip({
          organisationId: coopId,
          documentNumber: 'CEDOLINO 02/26',
          supplierName: 'Amina Diallo',
          supplierTaxCode: 'DLLMNA90A41Z343K',
        }),
        true,
      );
      const url = `/api/project/expenses/${draft.id}`;
      expect((await call('partner2', 'DELETE', url)).statusCode).toBe(404);
      expect((await call('auditor', 'DELETE', url)).statusCode).toBe(403);
      expect(await expenseFiles(database.db, [draft.sha256])).toEqual([draft.sha256]);
      const deleted = await call('partner', 'DELETE', url);
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect((await call('partner', 'GET', url)).statusCode).toBe(404);
      expect((await call('partner', 'DELETE', url)).statusCode).toBe(404);
      // the file is no record's any more: the orphan sweep takes it
      expect(await expenseFiles(database.db, [draft.sha256])).toEqual([]);
      const [entry] = await auditOf('project.expense.delete', draft.id);
      expect(entry?.kind).toBe('change');
      expect(entry?.data).toMatchObject({
        before: {
          documentNumber: 'CEDOLINO02/26',
          attachments: [{ kind: 'DOCUMENT', sha256: draft.sha256 }],
          procurementId: null,
        },
        after: null,
      });
    });

    it('deletes a claim in preparation, freeing its expenses, and never a submitted one', async () => {
      const { id: expenseId } = await record(
        'pm',
        payslip({ documentNumber: 'CEDOLINO 12/25', documentDate: '2025-12-15' }),
      );
      const created = await call('pm', 'POST', `/api/project/projects/${projectId}/claims`, {
        kind: 'INTERMEDIATE',
        ...PERIOD,
        expenseIds: [expenseId],
      });
      expect(created.statusCode, created.body).toBe(201);
      const draftId = created.json().id;
      const inDraft = await call('pm', 'DELETE', `/api/project/expenses/${expenseId}`);
      expect(inDraft.statusCode).toBe(409);
      expect(inDraft.json().detail).toBe(
        `La spesa è nella domanda di rimborso n. ${created.json().number}, in preparazione: toglierla dalla domanda prima di eliminarla.`,
      );

      expect((await call('auditor', 'DELETE', `/api/project/claims/${draftId}`)).statusCode).toBe(403);
      expect((await call('pm', 'DELETE', `/api/project/claims/${claimId}`)).statusCode).toBe(409);
      expect((await claimOf(claimId)).status).toBe('SUBMITTED');
      const deleted = await call('pm', 'DELETE', `/api/project/claims/${draftId}`);
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect((await call('pm', 'GET', `/api/project/claims/${draftId}`)).statusCode).toBe(404);
      expect((await call('pm', 'DELETE', `/api/project/claims/${draftId}`)).statusCode).toBe(404);
      const [entry] = await auditOf('project.claim.delete', draftId);
      expect(entry?.data).toMatchObject({ before: { expenseIds: [expenseId] }, after: null });
      expect((await call('pm', 'DELETE', `/api/project/expenses/${expenseId}`)).statusCode).toBe(204);
    });

    it('takes a document off a procurement file until the legal expert finds the file in order', async () => {
      const documents: string[] = [];
      for (const kind of ['DETERMINATION', 'CONTRACT']) {
        const attached = await upload(
          'partner',
          `/api/project/procurements/${fileId}/documents`,
          { kind },
          await makePdf(`Documento ${kind}`),
        );
        expect(attached.statusCode, attached.body).toBe(201);
        documents.push(attached.json().documents.at(-1).id);
      }
      const [first, second] = documents as [string, string];
      const url = (documentId: string) => `/api/project/procurements/${fileId}/documents/${documentId}`;
      expect((await call('partner2', 'DELETE', url(first))).statusCode).toBe(404);
      expect((await call('legal', 'DELETE', url(first))).statusCode).toBe(403);
      const removed = await call('partner', 'DELETE', url(first));
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().documents.map((d: { id: string }) => d.id)).toEqual([second]);
      const [entry] = await auditOf('project.procurement.detach', fileId);
      expect(entry?.data).toMatchObject({ before: { documentId: first }, after: null });

      const read = (await call('legal', 'GET', `/api/project/procurements/${fileId}`)).json();
      const checked = await call('legal', 'POST', `/api/project/procurements/${fileId}/checks`, {
        outcome: 'POSITIVE',
        notes: null,
        checkedOn: '2026-03-02',
        items: read.checklist.map((i: { item: string }) => ({ item: i.item, answer: 'YES', note: null })),
        fileUpdatedAt: read.updatedAt,
      });
      expect(checked.statusCode, checked.body).toBe(201);
      const kept = await call('partner', 'DELETE', url(second));
      expect(kept.statusCode).toBe(409);
      expect(kept.json().detail).toContain('esito positivo');
      expect(
        (await call('partner', 'GET', `/api/project/procurements/${fileId}`)).json().documents,
      ).toHaveLength(1);
    });

    it('never lets whoever sent a timesheet approve it, whatever account the contract names since', async () => {
      const assignment = {
        organisationId: prefectureId,
        userEmail: emails.supervisor,
        personName: 'Paola Verdi',
        kind: 'WP_SUPERVISOR',
        contractReference: 'Incarico supervisione WP 1/2025',
        contractStartsOn: '2025-10-01',
        contractEndsOn: '2027-06-30',
        monthlyHoursCap: 40,
        feeCents: 1_200_000,
        deliverables: 'Relazione mensile sulle WP',
      };
      const staff = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, assignment);
      expect(staff.statusCode, staff.body).toBe(201);
      wpSupervisorId = staff.json().id;
      const sheetUrl = `/api/project/staff/${wpSupervisorId}/timesheets/2026-02`;
      const saved = await call('supervisor', 'PUT', sheetUrl, {
        lines: [{ workPackageId: packageId, hours: 12 }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await call('supervisor', 'POST', `${sheetUrl}/submit`)).statusCode).toBe(200);
      const sheetId = saved.json().id;

      const relinked = await call('pm', 'PUT', `/api/project/staff/${wpSupervisorId}`, {
        ...assignment,
        userEmail: emails.other,
      });
      expect(relinked.statusCode, relinked.body).toBe(200);
      const own = await call('supervisor', 'POST', `/api/project/timesheets/${sheetId}/approve`);
      expect(own.statusCode).toBe(403);
      expect(own.json().detail).toBe('Il proprio foglio ore lo approva o lo respinge un altro supervisore.');
      const row = await database.db
        .selectFrom('projectTimesheet')
        .select(['status', 'submittedBy'])
        .where('id', '=', sheetId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'SUBMITTED', submittedBy: sessions.supervisor.view.user.id });
      const approved = await call('supervisor2', 'POST', `/api/project/timesheets/${sheetId}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
    });

    it('lets the legal expert read the assignments’ contracts, never an employee’s cost, and audits each read', async () => {
      const employee = await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
        organisationId: prefectureId,
        userEmail: null,
        personName: 'Mario Rossi',
        kind: 'INTERNAL',
        contractReference: 'Ordine di servizio 7/2025',
        contractStartsOn: '2025-10-01',
        contractEndsOn: '2026-12-31',
        monthlyHoursCap: 80,
        annualGrossCostCents: 3_850_000,
        annualHours: 1720,
      });
      expect(employee.statusCode, employee.body).toBe(201);
      employeeId = employee.json().id;

      const list = await call('legal', 'GET', `/api/project/projects/${projectId}/assignments`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().assignments).toEqual([
        expect.objectContaining({
          id: wpSupervisorId,
          kind: 'WP_SUPERVISOR',
          contractReference: 'Incarico supervisione WP 1/2025',
          monthlyHoursCap: 40,
          feeCents: 1_200_000,
          hoursCounted: 12,
        }),
      ]);
      expect(list.body).not.toContain('Mario Rossi');
      expect(list.body).not.toContain('annualGrossCost');
      const one = await call('legal', 'GET', `/api/project/assignments/${wpSupervisorId}`);
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json()).toMatchObject({ personName: 'Paola Verdi', feeCents: 1_200_000 });
      expect((await call('legal', 'GET', `/api/project/assignments/${employeeId}`)).statusCode).toBe(404);
      expect((await call('legal', 'GET', `/api/project/projects/${projectId}/staff`)).statusCode).toBe(403);
      expect((await call('partner', 'GET', `/api/project/assignments/${wpSupervisorId}`)).statusCode).toBe(
        403,
      );

      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['kind', 'action', 'entityId'])
        .where('actorUserId', '=', sessions.legal.view.user.id)
        .where('action', 'in', ['project_assignments.read', 'project_staff.read'])
        .orderBy('seq')
        .execute();
      expect(reads).toEqual([
        { kind: 'access', action: 'project_assignments.read', entityId: projectId },
        { kind: 'access', action: 'project_staff.read', entityId: wpSupervisorId },
      ]);
    });
  });
}
