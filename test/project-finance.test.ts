import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectFinance } from '../src/cli/demo-project-finance.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import type { Session } from './support/identity.ts';
import { projectOrganisations, signInPeople } from './support/project.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'operator' | 'partner' | 'stranger';

// the test clock reads 2 March 2026
const LOVIT = {
  code: 'PROG-3858',
  acronym: 'LO.V.I.T.',
  title: 'Lodi verso l’integrazione territoriale',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F79I22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};
const LOVIT2 = {
  ...LOVIT,
  code: 'LOVIT-2',
  acronym: 'LO.V.I.T. 2.0',
  programme: 'FAMI_2021_2027',
  cup: 'F71B25000010001',
  startsOn: '2025-01-01',
};

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
const messagesOf = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((e) => e.message);
const failing = (expense: { checks: { rule: string; ok: boolean }[] }) =>
  expense.checks.filter((c) => !c.ok).map((c) => c.rule);

for (const backend of BACKENDS) {
  describe(`the project's budget and expenses on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let prefectureId: string;
    let coopId: string;
    let otherId: string;
    let lovitId: string;
    let lovit2Id: string;
    let coopExpenseId: string;
    let pmExpenseId: string;

    const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });
    const count = async (table: 'projectExpense' | 'projectBudgetVersion' | 'projectExpenseAttachment') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const expense = (over: Record<string, unknown> = {}) => ({
      organisationId: coopId,
      lineCode: 'E',
      workPackageId: null,
      description: 'Materiale informativo multilingue',
      documentType: 'INVOICE',
      documentNumber: 'fpa 12/26',
      documentDate: '2026-01-15',
      supplierName: 'Tipografia Lodigiana srl',
      supplierTaxCode: 'IT 01234567890',
      netCents: 100_000,
      vatCents: 22_000,
      totalCents: 122_000,
      amountCents: 122_000,
      cig: 'b1234567aa',
      cup: 'F79I22002140006',
      paymentDate: '2026-02-01',
      paymentMethod: 'BANK_TRANSFER',
      paymentReference: 'TRN 0306912345',
      annulled: true,
      status: 'DRAFT',
      ...over,
    });
    const attach = async (
      who: Person,
      id: string,
      kind: string,
      file: { content: Uint8Array; name: string },
    ) => {
      const body = await multipartBody({ kind }, file);
      return t.app.inject({
        method: 'POST',
        url: `/api/project/expenses/${id}/attachments`,
        headers: { ...sessions[who].headers, ...body.headers },
        payload: body.payload,
      });
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      ({ prefectureId, coopId, otherId } = await projectOrganisations(t));
      const people: [Person, string, Role][] = [
        ['pm', prefectureId, 'project_manager'],
        ['supervisor', prefectureId, 'project_supervisor'],
        ['auditor', prefectureId, 'auditor'],
        ['operator', prefectureId, 'sui_operator'],
        ['partner', coopId, 'project_partner'],
        ['stranger', otherId, 'project_partner'],
      ];
      await signInPeople(t, people, sessions);
      for (const project of [LOVIT, LOVIT2]) {
        const created = await call('pm', 'POST', '/api/project/projects', project);
        const id = created.json().id as string;
        await call('pm', 'PUT', `/api/project/projects/${id}/partners`, {
          organisationId: prefectureId,
          role: 'LEAD',
        });
        await call('pm', 'PUT', `/api/project/projects/${id}/partners`, {
          organisationId: coopId,
          role: 'PARTNER',
        });
        if (project === LOVIT) lovitId = id;
        else lovit2Id = id;
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    // direct costs 89.000,00 €: G2 may reach 1.780,00 €, G and I 6.230,00 €
    const budgetLines = () => [
      {
        code: 'A',
        description: 'Équipe dello Sportello unico',
        organisationId: prefectureId,
        amountCents: 6_000_000,
      },
      { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
      { code: 'G2', organisationId: prefectureId, amountCents: 100_000 },
      { code: 'A', organisationId: coopId, amountCents: 2_000_000 },
      { code: 'E', organisationId: coopId, amountCents: 500_000 },
      { code: 'I', organisationId: prefectureId, amountCents: 600_000 },
    ];

    it('refuses a budget over a cap, naming the rule and the line, and writes nothing', async () => {
      expect(
        (await call('partner', 'POST', `/api/project/projects/${lovitId}/budget`, { lines: budgetLines() }))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await call('supervisor', 'POST', `/api/project/projects/${lovitId}/budget`, {
            lines: budgetLines(),
          })
        ).statusCode,
      ).toBe(403);
      const lines = budgetLines();
      lines[2] = { code: 'G2', organisationId: prefectureId, amountCents: 200_000 };
      const over = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, { lines });
      expect(over.statusCode).toBe(422);
      expect(over.headers['content-type']).toContain('application/problem+json');
      expect(over.json().errors).toEqual([
        {
          path: 'lines.2.amountCents',
          message: 'Le spese per l’esperto legale (G2) superano il 2 % dei costi diretti: massimo 1.800,00 €',
        },
      ]);
      lines[2] = { code: 'G2', organisationId: prefectureId, amountCents: 100_000 };
      lines[5] = { code: 'I', organisationId: prefectureId, amountCents: 700_000 };
      const indirect = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, { lines });
      expect(messagesOf(indirect.json())).toEqual([
        'I costi indiretti (I) superano il 7 % dei costi diretti: massimo 6.230,00 €',
      ]);
      const stranger = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, {
        lines: [
          ...budgetLines(),
          { code: 'B', organisationId: '0190a1b2-0000-7000-8000-000000000000', amountCents: 1 },
        ],
      });
      expect(fieldsOf(stranger.json())).toEqual(['lines.6.organisationId']);
      expect(await count('projectBudgetVersion')).toBe(0);
      const empty = (await call('auditor', 'GET', `/api/project/projects/${lovitId}/budget`)).json();
      expect(empty).toMatchObject({ version: null, versions: [] });
    });

    it('records the initial budget, then a re-modulation that keeps the previous version readable', async () => {
      const initial = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, {
        lines: budgetLines(),
      });
      expect(initial.statusCode, initial.body).toBe(201);
      expect(initial.json().version).toMatchObject({
        number: 1,
        isCurrent: true,
        reason: null,
        totalCents: 9_500_000,
        directCents: 8_900_000,
        indirectCents: 600_000,
      });
      expect(initial.json().version.caps.map((c: { code: string; ok: boolean }) => [c.code, c.ok])).toEqual([
        ['G', true],
        ['G1', true],
        ['G2', true],
        ['I', true],
      ]);

      const unapproved = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, {
        lines: budgetLines(),
      });
      expect(unapproved.statusCode).toBe(422);
      expect(fieldsOf(unapproved.json())).toEqual(['reason', 'approvedOn', 'approvalReference']);
      const lines = budgetLines();
      lines[4] = { code: 'E', organisationId: coopId, amountCents: 400_000 };
      const revised = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, {
        lines,
        reason: 'Spostamento di risorse dai materiali al personale',
        approvedOn: '2026-02-20',
        approvalReference: 'Nota AR prot. 1234 del 20/02/2026',
      });
      expect(revised.statusCode, revised.body).toBe(201);
      expect(revised.json().version).toMatchObject({ number: 2, isCurrent: true, totalCents: 9_400_000 });
      expect(
        revised.json().versions.map((v: { number: number; isCurrent: boolean }) => [v.number, v.isCurrent]),
      ).toEqual([
        [1, false],
        [2, true],
      ]);
      const first = (
        await call('supervisor', 'GET', `/api/project/projects/${lovitId}/budget?version=1`)
      ).json();
      expect(first.version).toMatchObject({ number: 1, isCurrent: false, totalCents: 9_500_000 });
      expect(first.version.lines.find((l: { code: string }) => l.code === 'E').amountCents).toBe(500_000);
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'like', 'project.budget.%')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['project.budget.create', 'project.budget.revise']);
    });

    it('shows a partner’s contact only their organisation’s lines, and another organisation nothing', async () => {
      const own = (await call('partner', 'GET', `/api/project/projects/${lovitId}/budget`)).json();
      expect(own.scopedTo).toBe(coopId);
      expect(
        own.version.lines.map(
          (l: { code: string; organisationName: string }) => `${l.code} ${l.organisationName}`,
        ),
      ).toEqual(['A Cooperativa LULE', 'E Cooperativa LULE']);
      expect(own.version.caps).toEqual([]);
      expect(own.can).toEqual({ manage: false, writeExpenses: true });
      expect((await call('stranger', 'GET', `/api/project/projects/${lovitId}/budget`)).statusCode).toBe(404);
      expect((await call('operator', 'GET', `/api/project/projects/${lovitId}/budget`)).statusCode).toBe(403);
      expect((await call(null, 'GET', `/api/project/projects/${lovitId}/budget`)).statusCode).toBe(401);
    });

    it('lets a partner record their own expense, attach its documents and complete it', async () => {
      const forOthers = await call(
        'partner',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ organisationId: prefectureId }),
      );
      expect(forOthers.statusCode).toBe(403);
      expect(
        (await call('auditor', 'POST', `/api/project/projects/${lovitId}/expenses`, expense())).statusCode,
      ).toBe(403);
      const created = await call('partner', 'POST', `/api/project/projects/${lovitId}/expenses`, expense());
      expect(created.statusCode, created.body).toBe(201);
      coopExpenseId = created.json().id;
      expect(created.json()).toMatchObject({
        documentNumber: 'FPA12/26',
        supplierTaxCode: '01234567890',
        cig: 'B1234567AA',
        status: 'DRAFT',
        locked: false,
        claimable: false,
      });
      expect(failing(created.json())).toEqual([]);
      expect(created.json().checks.find((c: { rule: string }) => c.rule === 'LINE').message).toBe(
        'Imputati 1.220,00 € su 4.000,00 € previsti',
      );

      const early = await call(
        'partner',
        'PUT',
        `/api/project/expenses/${coopExpenseId}`,
        expense({ status: 'COMPLETE' }),
      );
      expect(early.statusCode).toBe(422);
      expect(messagesOf(early.json())).toEqual([
        'Allegare il giustificativo prima di segnare la spesa come completa',
      ]);

      const disguised = await attach('partner', coopExpenseId, 'DOCUMENT', {
        content: Buffer.from('non sono un PDF'),
        name: 'fattura.pdf',
      });
      expect(disguised.statusCode).toBe(415);
      const noKind = await attach('partner', coopExpenseId, 'FOTO', {
        content: await makePdf(),
        name: 'fattura.pdf',
      });
      expect(noKind.statusCode).toBe(422);
      expect(await count('projectExpenseAttachment')).toBe(0);
      const attached = await attach('partner', coopExpenseId, 'DOCUMENT', {
        content: await makePdf('Fattura FPA 12/26'),
        name: 'fattura.pdf',
      });
      expect(attached.statusCode, attached.body).toBe(201);
      expect(attached.json().attachments).toEqual([
        expect.objectContaining({ kind: 'DOCUMENT', fileName: 'fattura.pdf', mediaType: 'application/pdf' }),
      ]);
      const complete = await call(
        'partner',
        'PUT',
        `/api/project/expenses/${coopExpenseId}`,
        expense({ status: 'COMPLETE' }),
      );
      expect(complete.statusCode, complete.body).toBe(200);
      expect(complete.json()).toMatchObject({ status: 'COMPLETE', claimable: true });

      const download = await call(
        'auditor',
        'GET',
        `/api/project/expenses/${coopExpenseId}/attachments/${attached.json().attachments[0].id}`,
      );
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
    });

    it('refuses an expense outside the project, with amounts that do not add up or on the indirect costs', async () => {
      const before = await count('projectExpense');
      const outside = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ documentDate: '2025-09-30' }),
      );
      expect(outside.statusCode).toBe(422);
      expect(outside.json().errors).toEqual([
        {
          path: 'documentDate',
          message:
            'La data del documento (30 settembre 2025) è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
        },
      ]);
      const sums = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ totalCents: 120_000, amountCents: 120_000 }),
      );
      expect(sums.json().errors).toEqual([
        { path: 'totalCents', message: 'Il totale deve essere imponibile più IVA: 1.220,00 €' },
      ]);
      const indirect = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ lineCode: 'I' }),
      );
      expect(messagesOf(indirect.json())).toEqual([
        'I costi indiretti sono forfettari: non si imputano spese alla voce I',
      ]);
      const halfPaid = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ paymentReference: null }),
      );
      expect(fieldsOf(halfPaid.json())).toEqual(['paymentReference']);
      const future = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ documentDate: '2026-03-03' }),
      );
      expect(future.json().errors).toEqual([
        { path: 'documentDate', message: 'La data del documento non può essere nel futuro' },
      ]);
      const notPartner = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ organisationId: otherId }),
      );
      expect(notPartner.json().errors).toEqual([
        { path: 'organisationId', message: 'L’ente non è partner del progetto' },
      ]);
      const badCup = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ cup: 'F79' }),
      );
      expect(badCup.statusCode).toBe(400);
      expect(badCup.body).toContain('Il CUP è di 15 caratteri');
      expect(await count('projectExpense')).toBe(before);
    });

    it('flags cash above the limit, a missing CUP and stamp, and a line over its budget, without refusing', async () => {
      const flagged = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({
          organisationId: prefectureId,
          lineCode: 'B',
          documentNumber: 'R-7',
          supplierName: 'Trasporti Rossi',
          supplierTaxCode: '09876543210',
          documentType: 'INVOICE',
          netCents: 60_000,
          vatCents: 0,
          totalCents: 60_000,
          amountCents: 60_000,
          cup: null,
          cig: null,
          paymentMethod: 'CASH',
          paymentReference: 'Quietanza 7',
          annulled: false,
        }),
      );
      expect(flagged.statusCode, flagged.body).toBe(201);
      pmExpenseId = flagged.json().id;
      const messages = Object.fromEntries(
        flagged
          .json()
          .checks.filter((c: { ok: boolean }) => !c.ok)
          .map((c: { rule: string; message: string }) => [c.rule, c.message]),
      );
      expect(messages).toEqual({
        PAYMENT:
          'Un pagamento in contanti oltre 500,00 € non è tracciabile: serve un bonifico o un altro mezzo tracciabile',
        CUP: 'Il documento deve riportare il CUP del progetto',
        LINE: 'La voce B – Costi di viaggio e soggiorno non è nel budget vigente di Prefettura di Lodi',
        STAMP: 'Apporre sul documento originale il timbro di annullo con il riferimento al progetto',
      });
      expect(flagged.json().claimable).toBe(false);

      const over = await call(
        'partner',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({
          documentNumber: 'FPA 30/26',
          netCents: 250_000,
          vatCents: 55_000,
          totalCents: 305_000,
          amountCents: 305_000,
        }),
      );
      expect(over.statusCode, over.body).toBe(201);
      expect(over.json().checks.find((c: { rule: string }) => c.rule === 'LINE')).toMatchObject({
        ok: false,
        message:
          'La voce E – Materiali di consumo di Cooperativa LULE è superata: imputati 4.270,00 € su 4.000,00 € previsti',
      });
      const list = (await call('pm', 'GET', `/api/project/projects/${lovitId}/expenses?flagged=true`)).json();
      expect(list.expenses.map((e: { documentNumber: string }) => e.documentNumber)).toEqual([
        'FPA12/26',
        'R-7',
        'FPA30/26',
      ]);
      const onlyB = (
        await call('auditor', 'GET', `/api/project/projects/${lovitId}/expenses?lineCode=B`)
      ).json();
      expect(onlyB.expenses).toHaveLength(1);
      expect(onlyB.totalCents).toBe(60_000);
    });

    it('scopes a partner’s contact to their organisation’s expenses, and refuses another organisation', async () => {
      const list = (await call('partner', 'GET', `/api/project/projects/${lovitId}/expenses`)).json();
      expect(new Set(list.expenses.map((e: { organisationName: string }) => e.organisationName))).toEqual(
        new Set(['Cooperativa LULE']),
      );
      expect((await call('partner', 'GET', `/api/project/expenses/${pmExpenseId}`)).statusCode).toBe(404);
      expect(
        (await call('partner', 'PUT', `/api/project/expenses/${pmExpenseId}`, expense())).statusCode,
      ).toBe(404);
      expect((await call('stranger', 'GET', `/api/project/projects/${lovitId}/expenses`)).statusCode).toBe(
        404,
      );
      expect((await call('stranger', 'GET', `/api/project/expenses/${coopExpenseId}`)).statusCode).toBe(404);
      expect((await call('operator', 'GET', `/api/project/expenses/${coopExpenseId}`)).statusCode).toBe(403);
      const read = await call('supervisor', 'GET', `/api/project/expenses/${coopExpenseId}`);
      expect(read.statusCode).toBe(200);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'project_expense.read')
        .execute();
      expect(reads.map((r) => r.entityId)).toContain(coopExpenseId);
      const listReads = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'project_expenses.read')
        .execute();
      expect(listReads.map((r) => r.entityId)).toContain(lovitId);
    });

    it('refuses the same document charged again in another project beyond its total', async () => {
      const before = await count('projectExpense');
      const twice = await call(
        'partner',
        'POST',
        `/api/project/projects/${lovit2Id}/expenses`,
        expense({ amountCents: 10_000, cup: LOVIT2.cup }),
      );
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({
        rule: 'DOUBLE_FUNDING',
        detail:
          'Doppio finanziamento: il documento è già imputato per 1.220,00 € (LO.V.I.T.); con questa spesa si supera il suo totale di 1.220,00 €.',
      });
      expect(await count('projectExpense')).toBe(before);

      const shared = { documentNumber: 'FPA 40/26', amountCents: 61_000 };
      const half = await call('pm', 'POST', `/api/project/projects/${lovitId}/expenses`, expense(shared));
      expect(half.statusCode, half.body).toBe(201);
      const otherHalf = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovit2Id}/expenses`,
        expense({ ...shared, cup: LOVIT2.cup }),
      );
      expect(otherHalf.statusCode, otherHalf.body).toBe(201);
      expect(
        otherHalf.json().checks.find((c: { rule: string }) => c.rule === 'DOUBLE_FUNDING'),
      ).toMatchObject({
        ok: true,
        message: 'Il documento è imputato anche altrove, entro il suo totale',
      });
      const more = await call(
        'pm',
        'PUT',
        `/api/project/expenses/${otherHalf.json().id}`,
        expense({ ...shared, amountCents: 61_001, cup: LOVIT2.cup }),
      );
      expect(more.statusCode).toBe(409);
    });

    it('refuses to change an expense once a claim holds it', async () => {
      await database.db
        .updateTable('projectExpense')
        .set({ claimId: '0190a1b2-0000-7000-8000-0000000000c1' })
        .where('id', '=', coopExpenseId)
        .execute();
      const edit = await call(
        'partner',
        'PUT',
        `/api/project/expenses/${coopExpenseId}`,
        expense({ status: 'COMPLETE', annulled: false }),
      );
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toBe('La spesa è in una domanda di rimborso: non si modifica più.');
      const more = await attach('pm', coopExpenseId, 'STAMP', {
        content: await makePdf(),
        name: 'annullo.pdf',
      });
      expect(more.statusCode).toBe(409);
      const view = (await call('pm', 'GET', `/api/project/expenses/${coopExpenseId}`)).json();
      expect(view).toMatchObject({ locked: true, annulled: true, attachments: [expect.anything()] });
      const actions = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'like', 'project.expense.%')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'project.expense.create',
        'project.expense.attach',
        'project.expense.update',
        'project.expense.create',
        'project.expense.create',
        'project.expense.create',
        'project.expense.create',
      ]);
    });

    // once: the demo's users and offices take seconds to create
    it.runIf(backend === BACKENDS.at(-1))(
      'loads the demo budget and expenses through the same use cases',
      async () => {
        const demo = await openTestDatabase(backend);
        try {
          const platform = { database: demo, clock: t.clock, config: t.platform.config };
          await loadDemoData(platform);
          await loadDemoProject(platform);
          await loadDemoProjectFinance(platform);
          const versions = await demo.db.selectFrom('projectBudgetVersion').select('number').execute();
          expect(versions.map((v) => v.number).sort()).toEqual([1, 1, 2]);
          const expenses = await demo.db
            .selectFrom('projectExpense')
            .select(['status', 'annulled'])
            .execute();
          expect(expenses.length).toBeGreaterThanOrEqual(8);
          expect(expenses.some((e) => e.status === 'COMPLETE')).toBe(true);
          expect(expenses.some((e) => !e.annulled)).toBe(true);
        } finally {
          await demo.dispose();
        }
      },
    );
  });
}
