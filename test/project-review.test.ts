import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../src/cli/demo.ts';
import { loadDemoCouncil } from '../src/cli/demo-council.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectIndicators } from '../src/cli/demo-project-indicators.ts';
import { loadDemoTraining } from '../src/cli/demo-training.ts';
import { loadDemoTrainingRecord } from '../src/cli/demo-training-record.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { projectOrganisations, signInPeople } from './support/project.ts';

type Person = 'pm' | 'auditor' | 'legal' | 'partner' | 'rival' | 'double';

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
const NO_SUCH_ID = '0190a1b2-0000-7000-8000-000000000000';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

for (const backend of BACKENDS) {
  describe(`a hostile or curious user of the project's finance and procurement on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let prefectureId: string;
    let coopId: string;
    let rivalId: string;
    let lovitId: string;
    let lovit2Id: string;
    let coopExpenseId: string;
    let coopAttachmentId: string;
    let coopFileId: string;
    let coopDocumentId: string;
    let rivalFileId: string;

    const call = (who: Person, method: Method, url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const count = async (
      table:
        | 'projectExpense'
        | 'projectExpenseAttachment'
        | 'projectProcurement'
        | 'projectProcurementDocument'
        | 'projectProcurementCheck'
        | 'projectProcurementExpense',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const upload = async (
      who: Person,
      url: string,
      fields: Record<string, string>,
      file: { content: Uint8Array; name: string; type?: string },
    ) => {
      const body = await multipartBody(fields, file);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...sessions[who].headers, ...body.headers },
        payload: body.payload,
      });
    };
    const expense = (over: Record<string, unknown> = {}) => ({
      organisationId: coopId,
      lineCode: 'E',
      workPackageId: null,
      description: 'Materiale informativo multilingue',
      documentType: 'INVOICE',
      documentNumber: 'FPA 12/26',
      documentDate: '2026-01-15',
      supplierName: 'Tipografia Lodigiana srl',
      supplierTaxCode: '01234567890',
      netCents: 100_000,
      vatCents: 22_000,
      totalCents: 122_000,
      amountCents: 122_000,
      cig: null,
      cup: LOVIT.cup,
      paymentDate: '2026-02-01',
      paymentMethod: 'BANK_TRANSFER',
      paymentReference: 'TRN 0306912345',
      annulled: true,
      status: 'DRAFT',
      ...over,
    });
    const file = (over: Record<string, unknown> = {}) => ({
      organisationId: coopId,
      subject: 'Stampa degli opuscoli',
      kind: 'SUPPLIES',
      procedure: 'DIRECT_AWARD',
      cig: 'B123456789',
      amountCents: 500_000,
      contractorName: 'Tipografia Lodigiana srl',
      decisionOn: '2026-01-05',
      contractOn: '2026-01-10',
      ...over,
    });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      ({ prefectureId, coopId, otherId: rivalId } = await projectOrganisations(t, 'Cooperativa Vicina'));
      const people: [Person, string, Role][] = [
        ['pm', prefectureId, 'project_manager'],
        ['auditor', prefectureId, 'auditor'],
        ['legal', prefectureId, 'legal_expert'],
        ['partner', coopId, 'project_partner'],
        ['rival', rivalId, 'project_partner'],
      ];
      await signInPeople(t, people, sessions);
      // the WP supervisor who is also the cooperative's contact: reads every partner's, writes only the coop's
      const double = await makeUser(t.platform, [
        { organisationId: coopId, role: 'project_supervisor' },
        { organisationId: coopId, role: 'project_partner' },
      ]);
      sessions.double = await signIn(t.app, double.email);
      for (const project of [LOVIT, LOVIT2]) {
        const id = (await call('pm', 'POST', '/api/project/projects', project)).json().id as string;
        for (const [organisationId, role] of [
          [prefectureId, 'LEAD'],
          [coopId, 'PARTNER'],
          [rivalId, 'PARTNER'],
        ])
          await call('pm', 'PUT', `/api/project/projects/${id}/partners`, { organisationId, role });
        if (project === LOVIT) lovitId = id;
        else lovit2Id = id;
      }
      const budget = await call('pm', 'POST', `/api/project/projects/${lovitId}/budget`, {
        lines: [
          { code: 'A', organisationId: prefectureId, amountCents: 6_000_000 },
          { code: 'E', organisationId: coopId, amountCents: 500_000 },
          { code: 'E', organisationId: rivalId, amountCents: 400_000 },
          { code: 'G1', organisationId: prefectureId, amountCents: 300_000 },
        ],
      });
      expect(budget.statusCode).toBe(201);
      const created = await call('partner', 'POST', `/api/project/projects/${lovitId}/expenses`, expense());
      expect(created.statusCode).toBe(201);
      coopExpenseId = created.json().id;
      const attached = await upload(
        'partner',
        `/api/project/expenses/${coopExpenseId}/attachments`,
        { kind: 'DOCUMENT' },
        { content: await makePdf('Fattura 12/26'), name: 'fattura.pdf' },
      );
      expect(attached.statusCode).toBe(201);
      coopAttachmentId = attached.json().attachments[0].id;
      const procurement = await call(
        'partner',
        'POST',
        `/api/project/projects/${lovitId}/procurements`,
        file(),
      );
      expect(procurement.statusCode).toBe(201);
      coopFileId = procurement.json().id;
      const document = await upload(
        'partner',
        `/api/project/procurements/${coopFileId}/documents`,
        { kind: 'CONTRACT' },
        { content: await makePdf('Contratto'), name: 'contratto.pdf' },
      );
      expect(document.statusCode).toBe(201);
      coopDocumentId = document.json().documents[0].id;
      const own = await call(
        'rival',
        'POST',
        `/api/project/projects/${lovitId}/procurements`,
        file({ organisationId: rivalId, subject: 'Noleggio di una sala', cig: 'C123456789' }),
      );
      expect(own.statusCode).toBe(201);
      rivalFileId = own.json().id;
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('another partner of the same project reads and changes none of a cooperative’s expenses', async () => {
      const before = await count('projectExpenseAttachment');
      expect((await call('rival', 'GET', `/api/project/expenses/${coopExpenseId}`)).statusCode).toBe(404);
      expect(
        (
          await call(
            'rival',
            'PUT',
            `/api/project/expenses/${coopExpenseId}`,
            expense({ organisationId: rivalId }),
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (await call('rival', 'GET', `/api/project/expenses/${coopExpenseId}/attachments/${coopAttachmentId}`))
          .statusCode,
      ).toBe(404);
      const attached = await upload(
        'rival',
        `/api/project/expenses/${coopExpenseId}/attachments`,
        { kind: 'OTHER' },
        { content: await makePdf('Intruso'), name: 'intruso.pdf' },
      );
      expect(attached.statusCode).toBe(404);
      expect(await count('projectExpenseAttachment')).toBe(before);
      expect(
        (await call('rival', 'GET', `/api/project/projects/${lovitId}/expenses?organisationId=${coopId}`))
          .statusCode,
      ).toBe(404);
      const list = (await call('rival', 'GET', `/api/project/projects/${lovitId}/expenses`)).json();
      expect(list.expenses).toEqual([]);
      expect(list.partners.map((p: { organisationId: string }) => p.organisationId)).toEqual([rivalId]);
      const budget = (await call('rival', 'GET', `/api/project/projects/${lovitId}/budget`)).json();
      expect(budget.version.lines.map((l: { organisationId: string }) => l.organisationId)).toEqual([
        rivalId,
      ]);
      expect(budget.version.caps).toEqual([]);
      expect(budget.versions[0].totalCents).toBe(400_000);
      const forCoop = await call('rival', 'POST', `/api/project/projects/${lovitId}/expenses`, expense());
      expect(forCoop.statusCode).toBe(403);
      expect(await count('projectExpense')).toBe(1);
    });

    it('another partner of the same project reads and changes none of a cooperative’s procurement files', async () => {
      expect((await call('rival', 'GET', `/api/project/procurements/${coopFileId}`)).statusCode).toBe(404);
      expect(
        (
          await call(
            'rival',
            'PUT',
            `/api/project/procurements/${coopFileId}`,
            file({ organisationId: rivalId }),
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (await call('rival', 'GET', `/api/project/procurements/${coopFileId}/documents/${coopDocumentId}`))
          .statusCode,
      ).toBe(404);
      // a document id of another file, through one's own file
      expect(
        (await call('rival', 'GET', `/api/project/procurements/${rivalFileId}/documents/${coopDocumentId}`))
          .statusCode,
      ).toBe(404);
      const linked = await call('rival', 'POST', `/api/project/procurements/${rivalFileId}/expenses`, {
        expenseId: coopExpenseId,
      });
      expect(linked.statusCode).toBe(404);
      expect(await count('projectProcurementExpense')).toBe(0);
      const list = (await call('rival', 'GET', `/api/project/projects/${lovitId}/procurements`)).json();
      expect(list.files.map((f: { id: string }) => f.id)).toEqual([rivalFileId]);
      expect(
        (await call('rival', 'POST', `/api/project/projects/${lovitId}/procurements`, file())).statusCode,
      ).toBe(403);
    });

    it('lets a partner’s contact who also reads every partner’s records write only their own', async () => {
      const prefecture = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({
          organisationId: prefectureId,
          lineCode: 'A',
          documentNumber: 'CED 1/26',
          documentType: 'PAYSLIP',
        }),
      );
      expect(prefecture.statusCode).toBe(201);
      const prefectureExpenseId = prefecture.json().id as string;
      const prefectureFile = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/procurements`,
        file({ organisationId: prefectureId, subject: 'Servizio di traduzione', cig: 'D123456789' }),
      );
      expect(prefectureFile.statusCode).toBe(201);
      const prefectureFileId = prefectureFile.json().id as string;
      const expenses = await count('projectExpense');
      const files = await count('projectProcurement');
      const attachments = await count('projectExpenseAttachment');
      const documents = await count('projectProcurementDocument');
      expect((await call('double', 'GET', `/api/project/expenses/${prefectureExpenseId}`)).statusCode).toBe(
        200,
      );
      const attempts: [Method, string, object][] = [
        [
          'POST',
          `/api/project/projects/${lovitId}/expenses`,
          expense({ organisationId: prefectureId, documentNumber: 'X 1' }),
        ],
        [
          'PUT',
          `/api/project/expenses/${prefectureExpenseId}`,
          expense({ organisationId: prefectureId, amountCents: 1 }),
        ],
        ['PUT', `/api/project/expenses/${prefectureExpenseId}`, expense({ organisationId: coopId })],
        [
          'POST',
          `/api/project/projects/${lovitId}/procurements`,
          file({ organisationId: prefectureId, cig: 'E123456789' }),
        ],
        [
          'PUT',
          `/api/project/procurements/${prefectureFileId}`,
          file({ organisationId: prefectureId, amountCents: 1 }),
        ],
        [
          'POST',
          `/api/project/procurements/${prefectureFileId}/expenses`,
          { expenseId: prefectureExpenseId },
        ],
      ];
      for (const [method, url, payload] of attempts)
        expect((await call('double', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
      const attached = await upload(
        'double',
        `/api/project/expenses/${prefectureExpenseId}/attachments`,
        { kind: 'OTHER' },
        { content: await makePdf('Altro'), name: 'altro.pdf' },
      );
      expect(attached.statusCode).toBe(403);
      const document = await upload(
        'double',
        `/api/project/procurements/${prefectureFileId}/documents`,
        { kind: 'OTHER' },
        { content: await makePdf('Altro'), name: 'altro.pdf' },
      );
      expect(document.statusCode).toBe(403);
      expect(await count('projectExpense')).toBe(expenses);
      expect(await count('projectProcurement')).toBe(files);
      expect(await count('projectExpenseAttachment')).toBe(attachments);
      expect(await count('projectProcurementDocument')).toBe(documents);
      const stored = await database.db
        .selectFrom('projectExpense')
        .select(['organisationId', 'amountCents'])
        .where('id', '=', prefectureExpenseId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ organisationId: prefectureId, amountCents: 122_000 });
      const own = await call(
        'double',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({ documentNumber: 'FPA 99/26' }),
      );
      expect(own.statusCode).toBe(201);
    });

    it('keeps expenses and payslips from the legal expert and every write from the auditor', async () => {
      for (const url of [
        `/api/project/projects/${lovitId}/expenses`,
        `/api/project/expenses/${coopExpenseId}`,
        `/api/project/expenses/${coopExpenseId}/attachments/${coopAttachmentId}`,
        `/api/project/projects/${lovitId}/budget`,
      ])
        expect((await call('legal', 'GET', url)).statusCode, url).toBe(403);
      expect((await call('legal', 'PUT', `/api/project/procurements/${coopFileId}`, file())).statusCode).toBe(
        403,
      );
      const writes: [Method, string, object][] = [
        ['POST', `/api/project/projects/${lovitId}/expenses`, expense()],
        ['PUT', `/api/project/expenses/${coopExpenseId}`, expense()],
        ['POST', `/api/project/projects/${lovitId}/budget`, { lines: [] }],
        ['POST', `/api/project/projects/${lovitId}/procurements`, file()],
        ['PUT', `/api/project/procurements/${coopFileId}`, file()],
        ['POST', `/api/project/procurements/${coopFileId}/checks`, { outcome: 'POSITIVE' }],
        ['POST', `/api/project/procurements/${coopFileId}/expenses`, { expenseId: coopExpenseId }],
      ];
      for (const [method, url, payload] of writes)
        expect((await call('auditor', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
      expect(
        (await call('pm', 'POST', `/api/project/procurements/${coopFileId}/checks`, { outcome: 'POSITIVE' }))
          .statusCode,
      ).toBe(403);
    });

    it('audits each read of an expense and of its attachment (payslips name people)', async () => {
      const reads = async () =>
        database.db
          .selectFrom('auditEntry')
          .select(['entityType', 'entityId'])
          .where('kind', '=', 'access')
          .where('entityId', '=', coopExpenseId)
          .execute();
      const before = (await reads()).length;
      expect((await call('auditor', 'GET', `/api/project/expenses/${coopExpenseId}`)).statusCode).toBe(200);
      const download = await call(
        'auditor',
        'GET',
        `/api/project/expenses/${coopExpenseId}/attachments/${coopAttachmentId}`,
      );
      expect(download.statusCode).toBe(200);
      expect((await reads()).length).toBe(before + 2);
    });

    it('answers every amount, day and identifier a user can type with a 4xx in Italian, never a 500', async () => {
      const before = await count('projectExpense');
      const probes: [string, Record<string, unknown>][] = [
        ['negative', { netCents: -1, totalCents: 21_999, amountCents: 21_999 }],
        [
          'too large',
          { netCents: 100_000_000_001, vatCents: 0, totalCents: 100_000_000_001, amountCents: 1 },
        ],
        ['not whole', { amountCents: 10.5 }],
        ['a string', { amountCents: '1e400' }],
        ['year 0', { documentDate: '0000-01-01' }],
        ['year 9999', { documentDate: '9999-12-31' }],
        ['30 February', { documentDate: '2026-02-30' }],
        ['payment in 9999', { paymentDate: '9999-12-31' }],
        ['bad partner id', { organisationId: 'not-a-uuid' }],
        ['huge text', { description: 'x'.repeat(100_000) }],
        ['zero', { amountCents: 0 }],
      ];
      for (const [name, over] of probes) {
        const response = await call(
          'partner',
          'POST',
          `/api/project/projects/${lovitId}/expenses`,
          expense(over),
        );
        expect(response.statusCode, name).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, name).toBeLessThan(500);
        expect(response.headers['content-type'], name).toContain('application/problem+json');
        expect(response.body, name).not.toMatch(/ at |Error:|stack/);
      }
      const largest = await call(
        'pm',
        'POST',
        `/api/project/projects/${lovitId}/expenses`,
        expense({
          organisationId: prefectureId,
          lineCode: 'A',
          documentNumber: 'MAX 1',
          netCents: 100_000_000_000,
          vatCents: 0,
          totalCents: 100_000_000_000,
          amountCents: 100_000_000_000,
        }),
      );
      expect(largest.statusCode).toBe(201);
      expect(largest.json().amountCents).toBe(100_000_000_000);
      expect(await count('projectExpense')).toBe(before + 1);
      for (const url of [
        '/api/project/expenses/not-a-uuid',
        `/api/project/expenses/${NO_SUCH_ID}`,
        `/api/project/projects/${lovitId}/budget?version=0`,
        `/api/project/projects/${lovitId}/budget?version=99999999999999999999`,
        `/api/project/projects/${lovitId}/budget?version=7`,
        `/api/project/projects/${NO_SUCH_ID}/expenses`,
        `/api/project/projects/${lovitId}/expenses?lineCode=Z`,
        `/api/project/procurements/${NO_SUCH_ID}`,
        `/api/project/procurements/${coopFileId}/documents/not-a-uuid`,
      ]) {
        const response = await call('pm', 'GET', url);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, url).toBeLessThan(500);
      }
      for (const over of [
        { amountCents: -5 },
        { amountCents: 100_000_000_001 },
        { decisionOn: '9999-12-31' },
        { decisionOn: '0000-01-01' },
        { contractOn: '2026-01-01' },
        { cig: 'DROP TABLE;' },
      ]) {
        const response = await call(
          'pm',
          'POST',
          `/api/project/projects/${lovitId}/procurements`,
          file(over),
        );
        expect(response.statusCode, JSON.stringify(over)).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, JSON.stringify(over)).toBeLessThan(500);
        expect(response.json().errors.length, JSON.stringify(over)).toBeGreaterThan(0);
      }
    });

    it('refuses a file whose content lies about its type, and keeps nothing of it', async () => {
      const expenseFiles = await count('projectExpenseAttachment');
      const documents = await count('projectProcurementDocument');
      const lie = {
        content: Buffer.from('<script>alert(1)</script>'),
        name: 'fattura.pdf',
        type: 'application/pdf',
      };
      const onExpense = await upload(
        'partner',
        `/api/project/expenses/${coopExpenseId}/attachments`,
        { kind: 'DOCUMENT' },
        lie,
      );
      expect(onExpense.statusCode).toBeGreaterThanOrEqual(400);
      expect(onExpense.statusCode).toBeLessThan(500);
      const onFile = await upload(
        'partner',
        `/api/project/procurements/${coopFileId}/documents`,
        { kind: 'CONTRACT' },
        lie,
      );
      expect(onFile.statusCode).toBeGreaterThanOrEqual(400);
      expect(onFile.statusCode).toBeLessThan(500);
      expect(await count('projectExpenseAttachment')).toBe(expenseFiles);
      expect(await count('projectProcurementDocument')).toBe(documents);
    });

    it('charges a document racing into two projects only once', async () => {
      const doc = { documentNumber: 'RACE 1/26', supplierTaxCode: '09876543210' };
      const [first, second] = await Promise.all([
        call('partner', 'POST', `/api/project/projects/${lovitId}/expenses`, expense(doc)),
        call(
          'partner',
          'POST',
          `/api/project/projects/${lovit2Id}/expenses`,
          expense({ ...doc, cup: LOVIT2.cup }),
        ),
      ]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
      const refused = first.statusCode === 409 ? first : second;
      expect(refused.json().rule).toBe('DOUBLE_FUNDING');
      const charged = await database.db
        .selectFrom('projectExpense')
        .select('id')
        .where('documentNumber', '=', 'RACE1/26')
        .execute();
      expect(charged).toHaveLength(1);
    });

    it('refuses the legal expert’s check of a file changed since it was read, and records nothing', async () => {
      const read = (await call('legal', 'GET', `/api/project/procurements/${coopFileId}`)).json();
      const answers = {
        outcome: 'POSITIVE',
        notes: null,
        checkedOn: '2026-03-02',
        items: read.checklist.map((i: { item: string }) => ({ item: i.item, answer: 'YES', note: null })),
        fileUpdatedAt: read.updatedAt,
      };
      // a minute later the amount grows past the direct-award ceiling
      t.clock.advance(60_000);
      const changed = await call(
        'partner',
        'PUT',
        `/api/project/procurements/${coopFileId}`,
        file({ amountCents: 20_000_000 }),
      );
      expect(changed.statusCode).toBe(200);
      const checks = await count('projectProcurementCheck');
      const stale = await call('legal', 'POST', `/api/project/procurements/${coopFileId}/checks`, answers);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().detail).toBe(
        'La procedura è stata modificata mentre la verificavi: rileggerla e ripetere la verifica.',
      );
      expect(await count('projectProcurementCheck')).toBe(checks);
      const fresh = await call('legal', 'POST', `/api/project/procurements/${coopFileId}/checks`, {
        ...answers,
        fileUpdatedAt: changed.json().updatedAt,
      });
      expect(fresh.statusCode).toBe(201);
      expect(fresh.json().standing).toBe('POSITIVE');
    });
  });

  describe(`the indicators and the council consultant in the demo on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let pm: Session;
    let otherTrainer: Session;
    let consultant: Session;
    let projectId: string;
    const get = (session: Session, url: string) =>
      t.app.inject({ method: 'GET', url, headers: session.headers });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const platform = { database, clock: t.clock, config: t.platform.config };
      await loadDemoData(platform);
      await loadDemoCouncil(platform);
      await loadDemoTraining(platform);
      await loadDemoTrainingRecord(platform);
      await loadDemoProject(platform);
      await loadDemoProjectIndicators(platform);
      pm = await signIn(t.app, 'project.manager@lovit.example', DEMO_PASSWORD);
      const organisation = await makeOrganisation(t.platform, {
        type: 'COOPERATIVE',
        name: 'Scuola di italiano',
      });
      const trainer = await makeUser(t.platform, [{ organisationId: organisation.id, role: 'trainer' }]);
      otherTrainer = await signIn(t.app, trainer.email);
      consultant = await signIn(t.app, 'consulente.cti@lovit.example', DEMO_PASSWORD);
      const projects = (
        await t.app.inject({ method: 'GET', url: '/api/project/projects', headers: pm.headers })
      ).json();
      projectId = projects.find((p: { code: string }) => p.code === 'LOVIT-2').id;
    }, 240_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('shows a trainer only the people of the courses they teach', async () => {
      const page = (
        await t.app.inject({
          method: 'GET',
          url: `/api/project/projects/${projectId}/indicators`,
          headers: pm.headers,
        })
      ).json();
      const trained = page.indicators.find(
        (i: { source: string }) => i.source === 'training.operators-trained-public',
      );
      const url = `/api/project/indicators/${trained.id}/records?from=2024-12-01&to=2026-03-02`;
      const overseen = (await t.app.inject({ method: 'GET', url, headers: pm.headers })).json();
      expect(overseen.total).toBeGreaterThan(0);
      const foreign = await t.app.inject({ method: 'GET', url, headers: otherTrainer.headers });
      expect(foreign.statusCode).toBe(200);
      expect(foreign.json().rows).toEqual([]);
      expect(foreign.json().total).toBe(0);
    });

    it('answers the consultant’s odd requests with a 4xx, and keeps the tables not assigned and the project’s money from them', async () => {
      for (const url of [
        '/api/council/proposals?page=9007199254740991',
        '/api/council/concertation?page=9007199254740991',
        '/api/council/concertation?page=99999999999999999999',
        '/api/council/concertation?from=0000-01-01',
        '/api/council/concertation?organisationId=not-a-uuid',
        '/api/council/proposals/not-a-uuid',
      ]) {
        const response = await get(consultant, url);
        expect(response.statusCode, url).toBeLessThan(500);
      }
      const tables = (await get(consultant, '/api/council/tables')).json() as { id: string; name: string }[];
      const desk = (await get(consultant, '/api/council/facilitation')).json() as {
        tables: { id: string }[];
      };
      const assigned = new Set(desk.tables.map((table) => table.id));
      expect(assigned.size).toBeGreaterThan(0);
      const other = tables.find((table) => !assigned.has(table.id));
      expect(other).toBeDefined();
      const needs = await t.app.inject({
        method: 'POST',
        url: `/api/council/tables/${other?.id}/proposals/needs`,
        headers: consultant.headers,
        payload: { title: 'Bisogno', text: 'Testo' },
      });
      expect(needs.statusCode).toBe(404);
      expect((await get(consultant, `/api/project/projects/${projectId}/expenses`)).statusCode).toBe(403);
      expect((await get(consultant, `/api/project/projects/${projectId}/procurements`)).statusCode).toBe(403);
    });

    it('refuses a period no one means for a snapshot or a drill-down, never with a 500', async () => {
      const page = (await get(pm, `/api/project/projects/${projectId}/indicators`)).json();
      const any = page.indicators.find((i: { source: string }) => i.source !== 'MANUAL');
      for (const query of [
        'from=0000-01-01&to=2026-01-01',
        'from=2026-01-01&to=9999-12-31',
        'from=2026-02-01&to=2026-01-01',
        'from=x&to=y',
        'from=2026-01-01&to=2026-02-01&page=0',
      ]) {
        const response = await get(pm, `/api/project/indicators/${any.id}/records?${query}`);
        expect(response.statusCode, query).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, query).toBeLessThan(500);
      }
      const snapshots = await database.db.selectFrom('projectIndicatorSnapshot').select('id').execute();
      for (const period of [
        { from: '0000-01-01', to: '2026-01-01' },
        { from: '2026-02-01', to: '2026-01-01' },
      ]) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/project/projects/${projectId}/indicator-snapshots`,
          headers: pm.headers,
          payload: { label: 'Periodo strano', ...period },
        });
        expect(response.statusCode, JSON.stringify(period)).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, JSON.stringify(period)).toBeLessThan(500);
      }
      expect(await database.db.selectFrom('projectIndicatorSnapshot').select('id').execute()).toHaveLength(
        snapshots.length,
      );
      expect((await get(pm, `/api/project/indicator-snapshots/${NO_SUCH_ID}`)).statusCode).toBe(404);
      expect((await get(pm, '/api/project/indicators/not-a-uuid/chart.svg')).statusCode).toBeLessThan(500);
    });
  });
}
