import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectFinance } from '../src/cli/demo-project-finance.ts';
import { loadDemoProjectProcurement } from '../src/cli/demo-project-procurement.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { expensesBlockedByProcurement } from '../src/modules/project/procurement/checks.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, makeZip, multipartBody } from './support/documents.ts';
import type { Session } from './support/identity.ts';
import { projectOrganisations, signInPeople } from './support/project.ts';

type Person = 'pm' | 'legal' | 'auditor' | 'operator' | 'partner' | 'stranger';

// the test clock reads 2 March 2026
const LOVIT2 = {
  code: 'LOVIT-2',
  acronym: 'LO.V.I.T. 2.0',
  title: 'Lodi verso l’integrazione territoriale 2.0',
  programme: 'FAMI_2021_2027',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F71B25000010001',
  startsOn: '2025-01-01',
  endsOn: '2027-06-30',
};

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
const messagesOf = (body: { errors?: { message: string }[] }) => (body.errors ?? []).map((e) => e.message);

for (const backend of BACKENDS) {
  describe(`procurement files and the legal expert’s checks on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let prefectureId: string;
    let coopId: string;
    let otherId: string;
    let projectId: string;
    let graphicsId: string;
    let mediationId: string;
    let linkedExpenseId: string;
    let freeExpenseId: string;
    let coopExpenseId: string;

    const call = (
      who: Person | null,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: object,
    ) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });
    const count = async (
      table:
        | 'projectProcurement'
        | 'projectProcurementCheck'
        | 'projectProcurementExpense'
        | 'projectProcurementDocument',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const graphics = (over: Record<string, unknown> = {}) => ({
      organisationId: prefectureId,
      subject: 'Servizio di grafica per il materiale informativo',
      kind: 'SERVICES',
      procedure: 'DIRECT_AWARD',
      cig: 'b1 23456789',
      amountCents: 1_200_000,
      contractorName: 'Studio Grafico Adda srl',
      decisionOn: '2026-01-10',
      contractOn: '2026-01-20',
      ...over,
    });
    const expense = (over: Record<string, unknown> = {}) => ({
      organisationId: prefectureId,
      lineCode: 'F',
      workPackageId: null,
      description: 'Progetto grafico degli opuscoli',
      documentType: 'INVOICE',
      documentNumber: 'FPA 3/26',
      documentDate: '2026-02-10',
      supplierName: 'Studio Grafico Adda srl',
      supplierTaxCode: '01234567890',
      netCents: 600_000,
      vatCents: 132_000,
      totalCents: 732_000,
      amountCents: 732_000,
      cig: 'B123456789',
      cup: LOVIT2.cup,
      paymentDate: '2026-02-20',
      paymentMethod: 'BANK_TRANSFER',
      paymentReference: 'TRN 0306900001',
      annulled: true,
      status: 'DRAFT',
      ...over,
    });
    const positiveCheck = (items: { item: string }[], over: Record<string, unknown> = {}) => ({
      outcome: 'POSITIVE',
      notes: null,
      checkedOn: '2026-03-02',
      items: items.map((i) => ({ item: i.item, answer: 'YES', note: null })),
      ...over,
    });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      ({ prefectureId, coopId, otherId } = await projectOrganisations(t));
      const people: [Person, string, Role][] = [
        ['pm', prefectureId, 'project_manager'],
        ['legal', prefectureId, 'legal_expert'],
        ['auditor', prefectureId, 'auditor'],
        ['operator', prefectureId, 'sui_operator'],
        ['partner', coopId, 'project_partner'],
        ['stranger', otherId, 'project_partner'],
      ];
      await signInPeople(t, people, sessions);
      projectId = (await call('pm', 'POST', '/api/project/projects', LOVIT2)).json().id;
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: prefectureId,
        role: 'LEAD',
      });
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: coopId,
        role: 'PARTNER',
      });
      const created = async (who: Person, body: object) => {
        const response = await call(who, 'POST', `/api/project/projects/${projectId}/expenses`, body);
        expect(response.statusCode, response.body).toBe(201);
        return response.json().id as string;
      };
      linkedExpenseId = await created('pm', expense());
      freeExpenseId = await created('pm', expense({ documentNumber: 'FPA 4/26', cig: null, lineCode: 'E' }));
      coopExpenseId = await created(
        'partner',
        expense({
          organisationId: coopId,
          documentNumber: 'NOTULA 1/26',
          documentType: 'NOTULA',
          cig: null,
          lineCode: 'A',
        }),
      );
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('records a service bought by direct award under the code in force, with its checklist', async () => {
      const response = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics(),
      );
      expect(response.statusCode, response.body).toBe(201);
      const file = response.json();
      graphicsId = file.id;
      expect(file).toMatchObject({
        cig: 'B123456789',
        code: 'DLGS_36_2023',
        threshold: { limitCents: 14_000_000, source: 'art. 50, c. 1, lett. b) D.Lgs. 36/2023' },
        flags: [],
        standing: 'TO_CHECK',
        organisationName: 'Prefettura di Lodi',
        can: { manage: true, check: false },
      });
      expect(file.checklist.map((c: { item: string }) => c.item)).toContain('CIG');
      expect(file.checklist.map((c: { item: string }) => c.item)).not.toContain('ART7');
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', graphicsId)
        .execute();
      expect(audit.map((a) => a.action)).toContain('project.procurement.create');
    });

    it('refuses a malformed CIG, a CIG on an assignment and a contract before its decision, writing nothing', async () => {
      const before = await count('projectProcurement');
      const short = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics({ cig: 'B12' }),
      );
      expect(short.statusCode).toBe(400);
      expect(short.headers['content-type']).toContain('application/problem+json');
      expect(messagesOf(short.json())).toContain('Il CIG è di 10 caratteri, lettere e cifre');
      const assignment = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics({ kind: 'INDIVIDUAL', procedure: 'PUBLIC_NOTICE', contractOn: '2026-01-05' }),
      );
      expect(assignment.statusCode).toBe(422);
      expect(fieldsOf(assignment.json())).toEqual(['cig', 'contractOn']);
      expect(messagesOf(assignment.json())).toEqual([
        'Gli incarichi individuali esterni non hanno un CIG',
        'Il contratto non può precedere la decisione a contrarre',
      ]);
      const future = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics({ decisionOn: '2026-03-03', contractOn: null }),
      );
      expect(future.statusCode).toBe(422);
      expect(messagesOf(future.json())).toEqual([
        'La data della decisione a contrarre non può essere futura',
      ]);
      const stranger = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics({ organisationId: otherId }),
      );
      expect(stranger.statusCode).toBe(422);
      expect(messagesOf(stranger.json())).toEqual([
        'L’ente che svolge la procedura deve essere un partner del progetto',
      ]);
      expect(await count('projectProcurement')).toBe(before);
    });

    it('flags a direct award above the threshold of the code in force on the decision day', async () => {
      const big = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics({ amountCents: 15_000_000, cig: 'C123456789' }),
      );
      expect(big.statusCode, big.body).toBe(201);
      expect(big.json().flags).toEqual([
        {
          rule: 'DIRECT_AWARD_THRESHOLD',
          message:
            'L’affidamento diretto è ammesso sotto 140.000,00 € netti (art. 50, c. 1, lett. b) D.Lgs. 36/2023): per 150.000,00 € serve una procedura negoziata o aperta',
        },
      ]);
      const old = await call(
        'pm',
        'PUT',
        `/api/project/procurements/${big.json().id}`,
        graphics({ amountCents: 15_000_000, cig: 'C123456789', decisionOn: '2019-05-02', contractOn: null }),
      );
      expect(old.statusCode, old.body).toBe(200);
      expect(old.json()).toMatchObject({ code: 'DLGS_50_2016', threshold: { limitCents: 4_000_000 } });
      expect(old.json().flags[0].message).toContain(
        'sotto 40.000,00 € netti (art. 36, c. 2, lett. a) D.Lgs. 50/2016)',
      );
      const open = await call(
        'pm',
        'PUT',
        `/api/project/procurements/${big.json().id}`,
        graphics({ amountCents: 15_000_000, cig: 'C123456789', procedure: 'OPEN' }),
      );
      expect(open.json().flags).toEqual([]);
    });

    it('lets a partner’s contact keep only their organisation’s files, and shows another organisation nothing', async () => {
      const forOthers = await call(
        'partner',
        'POST',
        `/api/project/projects/${projectId}/procurements`,
        graphics(),
      );
      expect(forOthers.statusCode).toBe(403);
      const own = await call('partner', 'POST', `/api/project/projects/${projectId}/procurements`, {
        organisationId: coopId,
        subject: 'Servizio di mediazione linguistico-culturale',
        kind: 'INDIVIDUAL',
        procedure: 'PUBLIC_NOTICE',
        cig: null,
        amountCents: 900_000,
        contractorName: 'Amina Diallo',
        decisionOn: '2025-11-03',
        contractOn: '2025-12-01',
      });
      expect(own.statusCode, own.body).toBe(201);
      mediationId = own.json().id;
      expect(own.json()).toMatchObject({ threshold: null, flags: [], code: 'DLGS_36_2023' });
      expect(own.json().checklist.map((c: { item: string }) => c.item)).toEqual(
        expect.arrayContaining(['NOTICE', 'CV_COMPARISON', 'INCOMPATIBILITY', 'ART7']),
      );
      const list = (await call('partner', 'GET', `/api/project/projects/${projectId}/procurements`)).json();
      expect(list.scopedTo).toBe(coopId);
      expect(list.files.map((f: { id: string }) => f.id)).toEqual([mediationId]);
      expect((await call('partner', 'GET', `/api/project/procurements/${graphicsId}`)).statusCode).toBe(404);
      expect(
        (await call('partner', 'PUT', `/api/project/procurements/${graphicsId}`, graphics())).statusCode,
      ).toBe(404);
      expect(
        (await call('stranger', 'GET', `/api/project/projects/${projectId}/procurements`)).statusCode,
      ).toBe(404);
      expect((await call('stranger', 'GET', `/api/project/procurements/${mediationId}`)).statusCode).toBe(
        404,
      );
      expect(
        (await call('operator', 'GET', `/api/project/projects/${projectId}/procurements`)).statusCode,
      ).toBe(403);
      const all = (await call('auditor', 'GET', `/api/project/projects/${projectId}/procurements`)).json();
      expect(all.files).toHaveLength(3);
      expect(all.can).toEqual({ manage: false, check: false });
    });

    it('keeps the documents, PDF, JPEG or PNG by their content, each download audited', async () => {
      const upload = async (
        who: Person,
        id: string,
        kind: string,
        file: { content: Uint8Array; name: string },
      ) => {
        const body = await multipartBody({ kind }, file);
        return t.app.inject({
          method: 'POST',
          url: `/api/project/procurements/${id}/documents`,
          headers: { ...sessions[who].headers, ...body.headers },
          payload: body.payload,
        });
      };
      const pdf = { content: await makePdf('Determina a contrarre n. 4/2026'), name: 'determina.pdf' };
      const before = await count('projectProcurementDocument');
      const zip = await upload('pm', graphicsId, 'DETERMINATION', {
        content: makeZip('a.txt', Buffer.from('x')),
        name: 'determina.pdf',
      });
      expect(zip.statusCode).toBe(415);
      expect((await upload('legal', graphicsId, 'DETERMINATION', pdf)).statusCode).toBe(403);
      expect((await upload('partner', graphicsId, 'DETERMINATION', pdf)).statusCode).toBe(404);
      expect(await count('projectProcurementDocument')).toBe(before);
      const stored = await upload('pm', graphicsId, 'DETERMINATION', pdf);
      expect(stored.statusCode, stored.body).toBe(201);
      const [document] = stored.json().documents;
      expect(document).toMatchObject({
        kind: 'DETERMINATION',
        mediaType: 'application/pdf',
        fileName: 'determina.pdf',
      });
      const download = await call(
        'legal',
        'GET',
        `/api/project/procurements/${graphicsId}/documents/${document.id}`,
      );
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toContain('application/pdf');
      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'data'])
        .where('entityId', '=', graphicsId)
        .where('action', '=', 'project_procurement.read')
        .execute();
      expect(reads.some((r) => JSON.stringify(r.data).includes(document.id))).toBe(true);
      expect(
        (await call('partner', 'GET', `/api/project/procurements/${graphicsId}/documents/${document.id}`))
          .statusCode,
      ).toBe(404);
    });

    it('links the expenses paid under a file, refusing another organisation’s, another file’s and a CIG that differs', async () => {
      const coops = await call('pm', 'POST', `/api/project/procurements/${graphicsId}/expenses`, {
        expenseId: coopExpenseId,
      });
      expect(coops.statusCode).toBe(422);
      expect(messagesOf(coops.json())).toEqual([
        'La spesa è di un ente diverso da quello che ha svolto la procedura',
      ]);
      const otherCig = await call('pm', 'POST', `/api/project/procurements/${graphicsId}/expenses`, {
        expenseId: (
          await call(
            'pm',
            'POST',
            `/api/project/projects/${projectId}/expenses`,
            expense({ documentNumber: 'FPA 9/26', cig: 'Z999999999' }),
          )
        ).json().id,
      });
      expect(otherCig.statusCode).toBe(422);
      expect(messagesOf(otherCig.json())).toEqual([
        'Il CIG della spesa (Z999999999) è diverso da quello della procedura (B123456789)',
      ]);
      expect(
        (
          await call('partner', 'POST', `/api/project/procurements/${mediationId}/expenses`, {
            expenseId: linkedExpenseId,
          })
        ).statusCode,
      ).toBe(404);
      const linked = await call('pm', 'POST', `/api/project/procurements/${graphicsId}/expenses`, {
        expenseId: linkedExpenseId,
      });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json().expenses.map((e: { id: string }) => e.id)).toEqual([linkedExpenseId]);
      const again = await call('pm', 'POST', `/api/project/procurements/${graphicsId}/expenses`, {
        expenseId: linkedExpenseId,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('La spesa è già collegata a questa procedura.');
      const partnerLink = await call('partner', 'POST', `/api/project/procurements/${mediationId}/expenses`, {
        expenseId: coopExpenseId,
      });
      expect(partnerLink.statusCode, partnerLink.body).toBe(200);
      expect(await count('projectProcurementExpense')).toBe(2);
    });

    it('lets only the legal expert check, and only the manager and partners edit', async () => {
      const file = (await call('legal', 'GET', `/api/project/procurements/${graphicsId}`)).json();
      expect(file.can).toEqual({ manage: false, check: true });
      expect(
        (await call('legal', 'PUT', `/api/project/procurements/${graphicsId}`, graphics())).statusCode,
      ).toBe(403);
      expect(
        (await call('legal', 'POST', `/api/project/projects/${projectId}/procurements`, graphics()))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await call('legal', 'POST', `/api/project/procurements/${graphicsId}/expenses`, {
            expenseId: freeExpenseId,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'pm',
            'POST',
            `/api/project/procurements/${graphicsId}/checks`,
            positiveCheck(file.checklist),
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await call(
            'auditor',
            'POST',
            `/api/project/procurements/${graphicsId}/checks`,
            positiveCheck(file.checklist),
          )
        ).statusCode,
      ).toBe(403);
      expect(await count('projectProcurementCheck')).toBe(0);
    });

    it('refuses a check with an item missing, an unexplained «No» or a positive outcome against a «No», writing nothing', async () => {
      const { checklist } = (await call('legal', 'GET', `/api/project/procurements/${graphicsId}`)).json();
      const [, ...rest] = positiveCheck(checklist).items;
      const missing = await call(
        'legal',
        'POST',
        `/api/project/procurements/${graphicsId}/checks`,
        positiveCheck(checklist, { items: rest }),
      );
      expect(missing.statusCode).toBe(422);
      expect(messagesOf(missing.json())).toEqual([
        'Rispondere alla voce «Determina o decisione a contrarre presente e motivata»',
      ]);
      const no = positiveCheck(checklist).items.map((i: { item: string }) =>
        i.item === 'REQUIREMENTS' ? { ...i, answer: 'NO' } : i,
      );
      const refused = await call(
        'legal',
        'POST',
        `/api/project/procurements/${graphicsId}/checks`,
        positiveCheck(checklist, { items: no }),
      );
      expect(refused.statusCode).toBe(422);
      expect(messagesOf(refused.json())).toEqual([
        'Spiegare nella nota perché la risposta è «No»',
        'Con una risposta «No» l’esito non può essere positivo senza rilievi',
      ]);
      const bare = await call(
        'legal',
        'POST',
        `/api/project/procurements/${graphicsId}/checks`,
        positiveCheck(checklist, { outcome: 'NEGATIVE' }),
      );
      expect(messagesOf(bare.json())).toEqual(['Spiegare nelle note perché l’esito è negativo']);
      expect(await count('projectProcurementCheck')).toBe(0);
    });

    it('blocks the linked expenses until the check is positive; a new check supersedes the previous one', async () => {
      const ids = [linkedExpenseId, freeExpenseId];
      expect(await expensesBlockedByProcurement(database.db, ids)).toEqual([
        {
          expenseId: linkedExpenseId,
          message:
            'La procedura «Servizio di grafica per il materiale informativo» (CIG B123456789) non è ancora stata verificata dall’esperto legale',
        },
      ]);
      const { checklist } = (await call('legal', 'GET', `/api/project/procurements/${graphicsId}`)).json();
      const no = positiveCheck(checklist).items.map((i: { item: string }) =>
        i.item === 'REQUIREMENTS' ? { ...i, answer: 'NO', note: 'Manca il DURC' } : i,
      );
      const negative = await call('legal', 'POST', `/api/project/procurements/${graphicsId}/checks`, {
        ...positiveCheck(checklist, { items: no }),
        outcome: 'NEGATIVE',
        notes: 'Requisiti non verificati',
      });
      expect(negative.statusCode, negative.body).toBe(201);
      expect(negative.json().standing).toBe('NEGATIVE');
      expect((await expensesBlockedByProcurement(database.db, ids))[0]?.message).toBe(
        'La procedura «Servizio di grafica per il materiale informativo» (CIG B123456789) ha avuto esito negativo alla verifica dell’esperto legale',
      );
      const positive = await call(
        'legal',
        'POST',
        `/api/project/procurements/${graphicsId}/checks`,
        positiveCheck(checklist),
      );
      expect(positive.statusCode, positive.body).toBe(201);
      const view = positive.json();
      expect(view.standing).toBe('POSITIVE');
      expect(
        view.checks.map((c: { outcome: string; isCurrent: boolean; supersededReason: string | null }) => [
          c.outcome,
          c.isCurrent,
          c.supersededReason,
        ]),
      ).toEqual([
        ['POSITIVE', true, null],
        ['NEGATIVE', false, 'NEW_CHECK'],
      ]);
      expect(view.checks[1].items.find((i: { item: string }) => i.item === 'REQUIREMENTS')).toMatchObject({
        answer: 'NO',
        note: 'Manca il DURC',
      });
      expect(await expensesBlockedByProcurement(database.db, ids)).toEqual([]);
      expect(await expensesBlockedByProcurement(database.db, [])).toEqual([]);
    });

    it('sends a checked file back to the legal expert when its amount changes, not when its subject does', async () => {
      const renamed = await call(
        'pm',
        'PUT',
        `/api/project/procurements/${graphicsId}`,
        graphics({ subject: 'Servizio di grafica' }),
      );
      expect(renamed.json().standing).toBe('POSITIVE');
      const changed = await call(
        'pm',
        'PUT',
        `/api/project/procurements/${graphicsId}`,
        graphics({ subject: 'Servizio di grafica', amountCents: 1_300_000 }),
      );
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().standing).toBe('TO_CHECK');
      expect(changed.json().checks[0]).toMatchObject({
        outcome: 'POSITIVE',
        isCurrent: false,
        supersededReason: 'FILE_CHANGED',
      });
      expect(await expensesBlockedByProcurement(database.db, [linkedExpenseId])).toEqual([
        {
          expenseId: linkedExpenseId,
          message:
            'La procedura «Servizio di grafica» (CIG B123456789) non è ancora stata verificata dall’esperto legale',
        },
      ]);
      const moved = await call(
        'pm',
        'PUT',
        `/api/project/procurements/${graphicsId}`,
        graphics({ organisationId: coopId }),
      );
      expect(moved.statusCode).toBe(409);
      expect(fieldsOf(moved.json())).toEqual(['organisationId']);
    });

    it('unlinks an expense, and answers for an individual assignment without CIG', async () => {
      const { checklist } = (await call('legal', 'GET', `/api/project/procurements/${mediationId}`)).json();
      expect(await expensesBlockedByProcurement(database.db, [coopExpenseId])).toEqual([
        {
          expenseId: coopExpenseId,
          message:
            'La procedura «Servizio di mediazione linguistico-culturale» non è ancora stata verificata dall’esperto legale',
        },
      ]);
      const remarks = await call('legal', 'POST', `/api/project/procurements/${mediationId}/checks`, {
        ...positiveCheck(checklist),
        outcome: 'POSITIVE_WITH_REMARKS',
        notes: 'Verbale di comparazione da firmare anche dal secondo commissario',
      });
      expect(remarks.statusCode, remarks.body).toBe(201);
      expect(await expensesBlockedByProcurement(database.db, [coopExpenseId])).toEqual([]);
      const unlinked = await call(
        'partner',
        'DELETE',
        `/api/project/procurements/${mediationId}/expenses/${coopExpenseId}`,
      );
      expect(unlinked.statusCode, unlinked.body).toBe(200);
      expect(unlinked.json().expenses).toEqual([]);
      expect(
        (
          await call(
            'partner',
            'DELETE',
            `/api/project/procurements/${mediationId}/expenses/${coopExpenseId}`,
          )
        ).statusCode,
      ).toBe(404);
    });

    // once: the demo's users and offices take seconds to create
    it.runIf(backend === BACKENDS.at(-1))(
      'loads the demo procurement files through the same use cases',
      async () => {
        const demo = await openTestDatabase(backend);
        try {
          const platform = { database: demo, clock: t.clock, config: t.platform.config };
          await loadDemoData(platform);
          await loadDemoProject(platform);
          await loadDemoProjectFinance(platform);
          await loadDemoProjectProcurement(platform);
          const files = await demo.db
            .selectFrom('projectProcurement as file')
            .leftJoin('projectProcurementCheck as check', (join) =>
              join.onRef('check.procurementId', '=', 'file.id').on('check.isCurrent', '=', true),
            )
            .select(['file.kind', 'file.procedure', 'file.cig', 'check.outcome'])
            .orderBy('file.kind')
            .execute();
          expect(files).toEqual([
            { kind: 'INDIVIDUAL', procedure: 'PUBLIC_NOTICE', cig: null, outcome: null },
            {
              kind: 'SERVICES',
              procedure: 'DIRECT_AWARD',
              cig: expect.stringMatching(/^[A-Z0-9]{10}$/),
              outcome: 'POSITIVE',
            },
          ]);
          const links = await demo.db.selectFrom('projectProcurementExpense').select('expenseId').execute();
          expect(links.length).toBeGreaterThanOrEqual(2);
          const blocked = await expensesBlockedByProcurement(
            demo.db,
            links.map((l) => l.expenseId),
          );
          expect(blocked.length).toBeGreaterThanOrEqual(1);
          expect(blocked.every((b) => b.message.includes('non è ancora stata verificata'))).toBe(true);
        } finally {
          await demo.dispose();
        }
      },
    );
  });
}
