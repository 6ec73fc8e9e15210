import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../src/cli/demo.ts';
import { loadDemoCouncil } from '../src/cli/demo-council.ts';
import { concertationFigures } from '../src/modules/council/concertation/indicators.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { setUpCouncilTable } from './support/council.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const MEETING_AT = '2026-03-20T10:00:00+01:00';
const CONVOCATION = {
  title: 'Seduta del tavolo lavoro',
  startsAt: MEETING_AT,
  place: 'Prefettura di Lodi, sala riunioni',
  agenda: [{ title: 'Fabbisogni formativi', presenter: 'Alberto Caruso', durationMinutes: 30 }],
};

for (const backend of BACKENDS) {
  describe(`the consultant for territorial concertation on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let secretariat: Session;
    let consultant: Session;
    let otherConsultant: Session;
    let member: Session;
    let operator: Session;
    let consultantId: string;
    let memberId: string;
    let tableId: string;
    let otherTableId: string;
    let lodiId: string;
    let caritasId: string;
    let assignmentId: string;
    let meetingId: string;
    const emails: Record<'secretariat' | 'consultant' | 'otherConsultant' | 'member' | 'operator', string> = {
      secretariat: '',
      consultant: '',
      otherConsultant: '',
      member: '',
      operator: '',
    };

    const send = (session: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
    const post = (session: Session, url: string, payload: object = {}) => send(session, 'POST', url, payload);
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });
    const count = async (
      table:
        | 'councilProposal'
        | 'councilMeeting'
        | 'councilConcertationEntry'
        | 'councilConsultantAssignment',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      secretariat = await signIn(t.app, emails.secretariat);
      consultant = await signIn(t.app, emails.consultant);
      otherConsultant = await signIn(t.app, emails.otherConsultant);
      member = await signIn(t.app, emails.member);
      operator = await signIn(t.app, emails.operator);
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const setUp = await setUpCouncilTable(t, { name: 'Tavolo lavoro e formazione', theme: 'WORK' }, [
        {
          organisation: 'Comune di Lodi',
          type: 'MUNICIPALITY',
          representativeName: 'Paola Gialli',
          representativeEmail: 'paola@lodi.example',
        },
        {
          organisation: 'Caritas Lodigiana',
          type: 'THIRD_SECTOR',
          representativeName: 'Sara Rosa',
          representativeEmail: 'sara@caritas.example',
        },
      ]);
      tableId = setUp.tableId;
      [lodiId = '', caritasId = ''] = setUp.organisationIds;
      emails.secretariat = setUp.secretariatEmail;
      const other = await setUp.post('/api/council/tables', {
        kind: 'THEMATIC',
        name: 'Tavolo salute',
        theme: 'HEALTH',
        mandate: 'Accesso ai servizi sanitari.',
        startsOn: '2026-01-01',
        coordinatorOrganisationId: lodiId,
      });
      otherTableId = other.json().id;
      await setUp.post(`/api/council/tables/${otherTableId}/members`, {
        organisationId: lodiId,
        representativeName: 'Paola Gialli',
        representativeEmail: 'paola@lodi.example',
        fromOn: '2026-01-01',
      });
      const lule = await makeOrganisation(t.platform, { name: 'LULE cooperativa', type: 'THIRD_SECTOR' });
      const user = async (
        organisationId: string,
        role: 'council_consultant' | 'council_member' | 'sui_operator',
      ) => makeUser(t.platform, [{ organisationId, role }]);
      const consultantUser = await user(lule.id, 'council_consultant');
      consultantId = consultantUser.id;
      emails.consultant = consultantUser.email;
      emails.otherConsultant = (await user(lule.id, 'council_consultant')).email;
      const memberUser = await user(lodiId, 'council_member');
      memberId = memberUser.id;
      emails.member = memberUser.email;
      emails.operator = (await user(lodiId, 'sui_operator')).email;
      await moveTo(t.clock.now().toISOString());
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lets the secretariat assign a consultant to a thematic table, and nobody else', async () => {
      const listed = await get(secretariat, '/api/council/consultants');
      expect(listed.statusCode).toBe(200);
      expect(listed.json().map((c: { userId: string }) => c.userId)).toContain(consultantId);
      expect((await get(consultant, '/api/council/consultants')).statusCode).toBe(403);

      const before = await count('councilConsultantAssignment');
      const notConsultant = await post(secretariat, `/api/council/tables/${tableId}/consultants`, {
        userId: memberId,
      });
      expect(notConsultant.statusCode).toBe(422);
      expect(notConsultant.json().errors).toEqual([
        {
          path: 'body.userId',
          message: 'scegliere una persona con il ruolo di consulente per la concertazione',
        },
      ]);
      expect(
        (await post(member, `/api/council/tables/${tableId}/consultants`, { userId: consultantId }))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(consultant, `/api/council/tables/${tableId}/consultants`, { userId: consultantId }))
          .statusCode,
      ).toBe(403);
      expect(await count('councilConsultantAssignment')).toBe(before);

      const assigned = await post(secretariat, `/api/council/tables/${tableId}/consultants`, {
        userId: consultantId,
      });
      expect(assigned.statusCode).toBe(201);
      expect(assigned.json()).toMatchObject({
        tableId,
        userId: consultantId,
        tableName: 'Tavolo lavoro e formazione',
      });
      assignmentId = assigned.json().id;
      const again = await post(secretariat, `/api/council/tables/${tableId}/consultants`, {
        userId: consultantId,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('Il consulente è già assegnato a questo tavolo.');

      const desk = await get(consultant, '/api/council/facilitation');
      expect(desk.statusCode).toBe(200);
      expect(desk.json().tables.map((table: { id: string }) => table.id)).toEqual([tableId]);
      expect((await get(otherConsultant, '/api/council/facilitation')).json().tables).toEqual([]);
      expect((await get(member, '/api/council/facilitation')).statusCode).toBe(403);
    });

    it('takes the consultant’s convocation on their own table as a proposal, and sends nothing', async () => {
      const meetings = await count('councilMeeting');
      const proposals = await count('councilProposal');
      const past = await post(consultant, `/api/council/tables/${tableId}/proposals/convocation`, {
        ...CONVOCATION,
        startsAt: '2026-02-01T10:00:00+01:00',
      });
      expect(past.statusCode).toBe(422);
      expect(past.json().errors).toEqual([
        { path: 'body.startsAt', message: 'la seduta deve essere nel futuro' },
      ]);
      const nowhere = await post(consultant, `/api/council/tables/${tableId}/proposals/convocation`, {
        ...CONVOCATION,
        place: null,
      });
      expect(nowhere.statusCode).toBe(400);
      expect(nowhere.json().errors[0]).toMatchObject({
        path: 'body.place',
        message: 'indicare il luogo o il collegamento online',
      });
      const elsewhere = await post(
        consultant,
        `/api/council/tables/${otherTableId}/proposals/convocation`,
        CONVOCATION,
      );
      expect(elsewhere.statusCode).toBe(404);
      expect(
        (await post(otherConsultant, `/api/council/tables/${tableId}/proposals/convocation`, CONVOCATION))
          .statusCode,
      ).toBe(404);
      expect(
        (await post(member, `/api/council/tables/${tableId}/proposals/convocation`, CONVOCATION)).statusCode,
      ).toBe(403);
      expect(await count('councilProposal')).toBe(proposals);

      const proposed = await post(
        consultant,
        `/api/council/tables/${tableId}/proposals/convocation`,
        CONVOCATION,
      );
      expect(proposed.statusCode).toBe(201);
      expect(proposed.json()).toMatchObject({
        kind: 'CONVOCATION',
        status: 'PENDING',
        meetingId: null,
        convocation: { title: CONVOCATION.title, startsAt: MEETING_AT },
      });
      expect(await count('councilMeeting')).toBe(meetings);
    });

    it('shows the waiting proposals to the secretariat, and convenes the meeting on its approval', async () => {
      const queue = await get(secretariat, '/api/council/proposals?status=PENDING');
      expect(queue.statusCode).toBe(200);
      expect(queue.json().total).toBe(1);
      const [proposal] = queue.json().items;
      expect((await get(member, '/api/council/proposals')).json().total).toBe(0);
      expect((await get(member, `/api/council/proposals/${proposal.id}`)).statusCode).toBe(404);
      expect((await get(otherConsultant, '/api/council/proposals')).json().total).toBe(0);
      expect((await get(consultant, '/api/council/proposals')).json().total).toBe(1);
      expect((await post(consultant, `/api/council/proposals/${proposal.id}/approve`)).statusCode).toBe(403);

      const approved = await post(secretariat, `/api/council/proposals/${proposal.id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'APPROVED', meetingTitle: CONVOCATION.title });
      meetingId = approved.json().meetingId;
      const meeting = await get(secretariat, `/api/council/meetings/${meetingId}`);
      expect(meeting.json()).toMatchObject({ status: 'CONVENED', title: CONVOCATION.title });
      expect(meeting.json().attendance).toHaveLength(2);
      const twice = await post(secretariat, `/api/council/proposals/${proposal.id}/approve`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().detail).toBe('La proposta è già stata approvata.');
      const actions = (await database.db.selectFrom('auditEntry').select('action').execute()).map(
        (r) => r.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'council.proposal.submit',
          'council.proposal.approve',
          'council.meeting.convene',
        ]),
      );
    });

    it('lets the secretariat return a proposal with a reason, and nothing of it takes effect', async () => {
      const entry = await post(consultant, `/api/council/tables/${tableId}/proposals/needs`, {
        title: 'Corsi di lingua per lavoratori',
        text: 'Mancano corsi serali di italiano per chi lavora a turni.',
      });
      expect(entry.statusCode).toBe(201);
      const id = entry.json().id;
      const blank = await post(secretariat, `/api/council/proposals/${id}/return`, { reason: '  ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors[0]).toMatchObject({ path: 'body.reason', message: 'Campo obbligatorio' });
      expect((await get(consultant, `/api/council/proposals/${id}`)).json().status).toBe('PENDING');
      const returned = await post(secretariat, `/api/council/proposals/${id}/return`, {
        reason: 'Indicare quanti lavoratori ne avrebbero bisogno.',
      });
      expect(returned.statusCode).toBe(200);
      const seen = await get(consultant, `/api/council/proposals/${id}`);
      expect(seen.json()).toMatchObject({
        status: 'RETURNED',
        returnReason: 'Indicare quanti lavoratori ne avrebbero bisogno.',
      });
      expect(seen.json().decidedBy).toBeTruthy();
      expect((await post(secretariat, `/api/council/proposals/${id}/approve`)).statusCode).toBe(409);
      const otherTable = await post(consultant, `/api/council/tables/${otherTableId}/proposals/needs`, {
        title: 'Altro',
        text: 'Altro tavolo',
      });
      expect(otherTable.statusCode).toBe(404);
    });

    it('takes a minutes draft only after the meeting, and saves it as the minutes on approval', async () => {
      const early = await post(consultant, `/api/council/meetings/${meetingId}/proposals/minutes`, {
        text: 'Bozza',
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe('Il verbale si redige dopo che la seduta si è tenuta.');
      await moveTo('2026-03-20T12:00:00+01:00');
      expect(
        (
          await post(secretariat, `/api/council/meetings/${meetingId}/register`, {
            entries: [{ organisationId: lodiId, attended: true, attendeeName: 'Paola Gialli' }],
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await post(otherConsultant, `/api/council/meetings/${meetingId}/proposals/minutes`, {
            text: 'Bozza',
          })
        ).statusCode,
      ).toBe(404);
      const draft = await post(consultant, `/api/council/meetings/${meetingId}/proposals/minutes`, {
        text: 'La seduta si apre alle 10. Il tavolo discute i fabbisogni formativi.',
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json()).toMatchObject({ kind: 'MINUTES', status: 'PENDING', meetingId });
      const waiting = await get(secretariat, `/api/council/meetings/${meetingId}`);
      expect(waiting.json()).toMatchObject({ minutesStatus: 'NONE', minutes: [] });

      expect((await post(secretariat, `/api/council/proposals/${draft.json().id}/approve`)).statusCode).toBe(
        200,
      );
      const saved = (await get(secretariat, `/api/council/meetings/${meetingId}`)).json();
      expect(saved.minutesStatus).toBe('DRAFT');
      expect(saved.minutes).toEqual([
        expect.objectContaining({
          version: 1,
          text: 'La seduta si apre alle 10. Il tavolo discute i fabbisogni formativi.',
          savedBy: 'Mario Rossi',
        }),
      ]);
    });

    it('refuses an approval that can no longer take effect, and changes nothing', async () => {
      const proposed = await post(consultant, `/api/council/tables/${tableId}/proposals/convocation`, {
        ...CONVOCATION,
        startsAt: '2026-03-25T10:00:00+01:00',
      });
      expect(proposed.statusCode).toBe(201);
      await moveTo('2026-03-26T09:00:00+01:00');
      const meetings = await count('councilMeeting');
      const late = await post(secretariat, `/api/council/proposals/${proposed.json().id}/approve`);
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toBe(
        'La data proposta per la seduta è ormai passata: restituire la proposta al consulente.',
      );
      expect(await count('councilMeeting')).toBe(meetings);
      expect((await get(secretariat, `/api/council/proposals/${proposed.json().id}`)).json().status).toBe(
        'PENDING',
      );
    });

    it('ends an assignment: the table is no longer the consultant’s', async () => {
      expect(
        (await post(member, `/api/council/tables/${tableId}/consultants/${assignmentId}/end`)).statusCode,
      ).toBe(403);
      const ended = await post(secretariat, `/api/council/tables/${tableId}/consultants/${assignmentId}/end`);
      expect(ended.statusCode).toBe(204);
      expect((await get(consultant, '/api/council/facilitation')).json().tables).toEqual([]);
      expect(
        (
          await post(consultant, `/api/council/tables/${tableId}/proposals/needs`, {
            title: 'Ancora',
            text: 'Ancora',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await post(secretariat, `/api/council/tables/${tableId}/consultants/${assignmentId}/end`))
          .statusCode,
      ).toBe(404);
    });

    describe('the concertation log', () => {
      const ENTRY = {
        heldOn: '2026-03-10',
        kind: 'MEETING',
        topic: 'Percorsi di inserimento lavorativo',
        outcome: 'Condivisa una scheda di segnalazione.',
        followUp: 'Nuovo incontro ad aprile.',
        otherOrganisations: ['Sindacato CGIL Lodi'],
      };
      let entryId: string;

      it('refuses bad entries in Italian, and writes nothing', async () => {
        const before = await count('councilConcertationEntry');
        const future = await post(consultant, '/api/council/concertation', {
          ...ENTRY,
          heldOn: '2026-04-02',
          organisationIds: [lodiId],
        });
        expect(future.statusCode).toBe(422);
        expect(future.json().errors).toEqual([
          { path: 'body.heldOn', message: 'la data non può essere successiva a oggi (26 marzo 2026)' },
        ]);
        const nobody = await post(consultant, '/api/council/concertation', {
          ...ENTRY,
          organisationIds: [],
          otherOrganisations: [],
        });
        expect(nobody.statusCode).toBe(400);
        expect(nobody.json().errors[0]).toMatchObject({
          path: 'body.organisationIds',
          message: 'indicare almeno un ente coinvolto',
        });
        const unknown = await post(consultant, '/api/council/concertation', {
          ...ENTRY,
          organisationIds: [lodiId, '01890000-0000-7000-8000-000000000000'],
          otherOrganisations: ['ASST Lodi', ' asst  lodi'],
          tableId: '01890000-0000-7000-8000-000000000001',
        });
        expect(unknown.statusCode).toBe(422);
        expect(unknown.json().errors).toEqual([
          { path: 'body.organisationIds.1', message: 'ente non presente nell’anagrafica' },
          { path: 'body.otherOrganisations.1', message: 'ente già indicato' },
          { path: 'body.tableId', message: 'tavolo inesistente' },
        ]);
        expect(await count('councilConcertationEntry')).toBe(before);
      });

      it('is written by the consultant and the secretariat, and read by the council', async () => {
        expect(
          (await post(member, '/api/council/concertation', { ...ENTRY, organisationIds: [lodiId] }))
            .statusCode,
        ).toBe(403);
        const created = await post(consultant, '/api/council/concertation', {
          ...ENTRY,
          organisationIds: [lodiId, caritasId],
          tableId,
        });
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({
          topic: ENTRY.topic,
          tableName: 'Tavolo lavoro e formazione',
          organisations: [
            { id: caritasId, name: 'Caritas Lodigiana' },
            { id: lodiId, name: 'Comune di Lodi' },
          ],
          otherOrganisations: ['Sindacato CGIL Lodi'],
          canEdit: true,
        });
        entryId = created.json().id;
        const bySecretariat = await post(secretariat, '/api/council/concertation', {
          heldOn: '2026-02-15',
          kind: 'CONTACT',
          topic: 'Disponibilità di alloggi temporanei',
          organisationIds: [],
          otherOrganisations: ['sindacato cgil lodi', 'Parrocchia di San Fereolo'],
        });
        expect(bySecretariat.statusCode).toBe(201);

        const read = await get(member, '/api/council/concertation');
        expect(read.statusCode).toBe(200);
        expect(read.json().total).toBe(2);
        expect(read.json().items[0]).toMatchObject({ id: entryId, canEdit: false });
        expect((await get(operator, '/api/council/concertation')).statusCode).toBe(403);
        expect((await get(member, `/api/council/concertation/${entryId}`)).statusCode).toBe(200);
      });

      it('is filtered and paged', async () => {
        const byBody = await get(consultant, `/api/council/concertation?organisationId=${caritasId}`);
        expect(byBody.json().items.map((e: { id: string }) => e.id)).toEqual([entryId]);
        const byPeriod = await get(consultant, '/api/council/concertation?from=2026-02-01&to=2026-02-28');
        expect(byPeriod.json().items.map((e: { kind: string }) => e.kind)).toEqual(['CONTACT']);
        const byTable = await get(consultant, `/api/council/concertation?tableId=${otherTableId}`);
        expect(byTable.json().total).toBe(0);
        const paged = await get(consultant, '/api/council/concertation?pageSize=1&page=2');
        expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
        expect(paged.json().items).toHaveLength(1);
        expect(paged.json().items[0].kind).toBe('CONTACT');
        const backwards = await get(consultant, '/api/council/concertation?from=2026-03-01&to=2026-02-01');
        expect(backwards.statusCode).toBe(422);
        expect(backwards.json().errors[0].message).toBe('la fine del periodo non può precedere l’inizio');
      });

      it('is corrected and deleted by its author or the secretariat only', async () => {
        const change = { ...ENTRY, organisationIds: [lodiId], outcome: 'Firmato un protocollo.' };
        const foreign = await send(otherConsultant, 'PUT', `/api/council/concertation/${entryId}`, change);
        expect(foreign.statusCode).toBe(403);
        const bad = await send(consultant, 'PUT', `/api/council/concertation/${entryId}`, {
          ...change,
          heldOn: '2027-01-01',
        });
        expect(bad.statusCode).toBe(422);
        expect(
          (await get(consultant, `/api/council/concertation/${entryId}`)).json().organisations,
        ).toHaveLength(2);
        const corrected = await send(consultant, 'PUT', `/api/council/concertation/${entryId}`, change);
        expect(corrected.statusCode).toBe(200);
        expect(corrected.json()).toMatchObject({
          outcome: 'Firmato un protocollo.',
          organisations: [{ id: lodiId }],
        });
        const bySecretariat = await send(secretariat, 'PUT', `/api/council/concertation/${entryId}`, {
          ...change,
          followUp: 'Verifica a maggio.',
          organisationIds: [lodiId, caritasId],
        });
        expect(bySecretariat.statusCode).toBe(200);

        const temporary = await post(consultant, '/api/council/concertation', {
          ...ENTRY,
          topic: 'Voce registrata per errore',
          organisationIds: [lodiId],
        });
        const id = temporary.json().id;
        expect((await send(otherConsultant, 'DELETE', `/api/council/concertation/${id}`)).statusCode).toBe(
          403,
        );
        expect((await send(member, 'DELETE', `/api/council/concertation/${id}`)).statusCode).toBe(403);
        expect((await send(consultant, 'DELETE', `/api/council/concertation/${id}`)).statusCode).toBe(204);
        expect((await get(consultant, `/api/council/concertation/${id}`)).statusCode).toBe(404);
        const actions = (await database.db.selectFrom('auditEntry').select('action').execute()).map(
          (r) => r.action,
        );
        expect(actions).toEqual(
          expect.arrayContaining([
            'council.concertation.create',
            'council.concertation.update',
            'council.concertation.delete',
          ]),
        );
      });

      it('is exported as a workbook with the list’s filters', async () => {
        const res = await get(member, '/api/council/concertation.xlsx?from=2026-03-01');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet('Concertazione');
        expect(sheet?.rowCount).toBe(2);
        expect(sheet?.getRow(1).getCell(1).value).toBe('Data');
        const row = sheet?.getRow(2);
        expect(row?.getCell(1).value).toBe('10 marzo 2026');
        expect(row?.getCell(3).value).toBe('Caritas Lodigiana; Comune di Lodi; Sindacato CGIL Lodi');
        expect((await get(operator, '/api/council/concertation.xlsx')).statusCode).toBe(403);
      });

      it('counts as evidence for the project’s indicators', async () => {
        expect(await concertationFigures(t.platform, { from: '2026-01-01', to: '2026-12-31' })).toEqual({
          entries: 2,
          organisations: 4,
        });
        expect(await concertationFigures(t.platform, { from: '2026-03-01', to: '2026-03-31' })).toEqual({
          entries: 1,
          organisations: 3,
        });
        expect(await concertationFigures(t.platform, { from: '2025-01-01', to: '2025-12-31' })).toEqual({
          entries: 0,
          organisations: 0,
        });
      });
    });
  });
}

describe('the consultant in the demo data', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    t = await startTestApp(database);
    await loadDemoData(t.platform);
    await loadDemoCouncil(t.platform);
  });

  afterAll(async () => {
    await stopTestApp(t);
    await database.dispose();
  });

  it('assigns the demo consultant to the work table, with proposals waiting and a log', async () => {
    const consultant = await signIn(t.app, 'consulente.cti@lovit.example', DEMO_PASSWORD);
    const desk = (
      await t.app.inject({ url: '/api/council/facilitation', headers: consultant.headers })
    ).json();
    expect(desk.tables.map((table: { name: string }) => table.name)).toEqual(['Tavolo lavoro e formazione']);
    const proposals = await t.app.inject({ url: '/api/council/proposals', headers: consultant.headers });
    expect(proposals.json().total).toBe(2);
    expect(proposals.json().items).toEqual(
      expect.arrayContaining(
        ['CONVOCATION', 'QUESTIONNAIRE'].map((kind) =>
          expect.objectContaining({ kind, status: 'PENDING', tableName: 'Tavolo lavoro e formazione' }),
        ),
      ),
    );
    const log = await t.app.inject({ url: '/api/council/concertation', headers: consultant.headers });
    expect(log.json().total).toBe(3);
  });
});
