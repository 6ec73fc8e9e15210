import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { setUpCouncilTable } from './support/council.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

const TABLE = 'Tavolo lavoro e formazione';
const QUESTIONNAIRE = {
  title: 'Fabbisogni del tavolo lavoro',
  intro: 'Una rilevazione tra gli enti del tavolo.',
  anonymous: false,
  reminderDays: 5,
  questions: [
    {
      kind: 'CHOICE',
      key: 'corsi',
      label: 'Servono corsi serali di italiano?',
      required: true,
      options: ['Sì', 'No'],
    },
    { kind: 'TEXT', key: 'note', label: 'Altre osservazioni', required: false },
  ],
};

for (const backend of BACKENDS) {
  describe(`the questionnaires of a thematic table, proposed by its consultant, on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let secretariat: Session;
    let consultant: Session;
    let otherConsultant: Session;
    let member: Session;
    let operator: Session;
    let tableId: string;
    let healthTableId: string;
    let emptyTableId: string;
    let questionnaireId: string;
    const emails = { secretariat: '', secondSecretariat: '', consultant: '', member: '', caritasMember: '' };

    const post = (session: Session, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });
    const count = async (table: 'councilProposal' | 'surveyQuestionnaire' | 'mailOutbox') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const outbox = (topic: string, entityId: string) =>
      database.db
        .selectFrom('mailOutbox')
        .select(['recipient', 'subject'])
        .where('topic', '=', topic)
        .where('entityId', '=', entityId)
        .orderBy('recipient')
        .execute();
    const mailTo = async (to: string, subject: string) => {
      await expect
        .poll(() => smtp.inbox.some((mail) => mail.to.includes(to) && mail.subject === subject))
        .toBe(true);
      return smtp.inbox.find((mail) => mail.to.includes(to) && mail.subject === subject);
    };

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const setUp = await setUpCouncilTable(t, { name: TABLE, theme: 'WORK' }, [
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
      secretariat = setUp.secretariat;
      emails.secretariat = setUp.secretariatEmail;
      const [lodiId = '', caritasId = ''] = setUp.organisationIds;
      const asst = await makeOrganisation(t.platform, { name: 'ASST Lodi', type: 'THIRD_SECTOR' });
      const table = async (name: string, theme: string, organisationId: string) => {
        const created = await setUp.post('/api/council/tables', {
          kind: 'THEMATIC',
          name,
          theme,
          mandate: 'Analizzare i bisogni del territorio.',
          startsOn: '2026-01-01',
          coordinatorOrganisationId: organisationId,
        });
        await setUp.post(`/api/council/tables/${created.json().id}/members`, {
          organisationId,
          representativeName: 'Anna Verdi',
          representativeEmail: 'anna@enti.example',
          fromOn: '2026-01-01',
        });
        return created.json().id as string;
      };
      healthTableId = await table('Tavolo salute', 'HEALTH', lodiId);
      emptyTableId = await table('Tavolo casa', 'HOUSING', asst.id);
      emails.secondSecretariat = (
        await makeUser(t.platform, [{ organisationId: lodiId, role: 'council_secretariat' }], {
          password: null,
        })
      ).email;
      const lule = await makeOrganisation(t.platform, { name: 'LULE cooperativa', type: 'THIRD_SECTOR' });
      const consultantUser = await makeUser(t.platform, [
        { organisationId: lule.id, role: 'council_consultant' },
      ]);
      const otherUser = await makeUser(t.platform, [{ organisationId: lule.id, role: 'council_consultant' }]);
      emails.consultant = consultantUser.email;
      for (const [id, userId] of [
        [tableId, consultantUser.id],
        [emptyTableId, consultantUser.id],
        [healthTableId, otherUser.id],
      ] as const)
        expect((await setUp.post(`/api/council/tables/${id}/consultants`, { userId })).statusCode).toBe(201);
      emails.member = (
        await makeUser(t.platform, [{ organisationId: lodiId, role: 'council_member' }])
      ).email;
      emails.caritasMember = (
        await makeUser(t.platform, [{ organisationId: caritasId, role: 'council_member' }], {
          password: null,
        })
      ).email;
      consultant = await signIn(t.app, consultantUser.email);
      otherConsultant = await signIn(t.app, otherUser.email);
      member = await signIn(t.app, emails.member);
      operator = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: lodiId, role: 'sui_operator' }])).email,
      );
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('takes the consultant’s questionnaire as a proposal and tells each member of the secretariat once', async () => {
      const proposals = await count('councilProposal');
      const mails = await count('mailOutbox');
      const repeated = await post(consultant, `/api/council/tables/${tableId}/proposals/questionnaire`, {
        ...QUESTIONNAIRE,
        questions: [{ ...QUESTIONNAIRE.questions[0], options: ['Sì', 'sì'] }],
      });
      expect(repeated.statusCode).toBe(422);
      expect(repeated.json().errors).toEqual([
        {
          path: 'body.questions.0.options',
          message: 'opzioni ripetute: ogni opzione va scritta una sola volta',
        },
      ]);
      const url = (id: string) => `/api/council/tables/${id}/proposals/questionnaire`;
      expect((await post(consultant, url(healthTableId), QUESTIONNAIRE)).statusCode).toBe(404);
      expect((await post(otherConsultant, url(tableId), QUESTIONNAIRE)).statusCode).toBe(404);
      expect((await post(member, url(tableId), QUESTIONNAIRE)).statusCode).toBe(403);
      expect((await post(secretariat, url(tableId), QUESTIONNAIRE)).statusCode).toBe(403);
      const nobody = await post(consultant, url(emptyTableId), QUESTIONNAIRE);
      expect(nobody.statusCode).toBe(409);
      expect(nobody.json().detail).toBe(
        'Nessun componente del tavolo ha un account LOVIT con il ruolo di componente del Consiglio: non c’è chi risponda al questionario.',
      );
      expect(await count('councilProposal')).toBe(proposals);
      expect(await count('mailOutbox')).toBe(mails);

      const surveys = await count('surveyQuestionnaire');
      const proposed = await post(consultant, url(tableId), QUESTIONNAIRE);
      expect(proposed.statusCode).toBe(201);
      expect(proposed.json()).toMatchObject({
        kind: 'QUESTIONNAIRE',
        status: 'PENDING',
        tableName: TABLE,
        questionnaireId: null,
        questionnaire: { title: QUESTIONNAIRE.title, anonymous: false, reminderDays: 5 },
      });
      expect(await count('surveyQuestionnaire')).toBe(surveys);

      const queued = await outbox('council.proposal.waiting', proposed.json().id);
      expect(queued.map((mail) => mail.recipient)).toEqual(
        [emails.secretariat, emails.secondSecretariat].sort(),
      );
      const subject = `Proposta del consulente da esaminare – ${TABLE}`;
      expect(queued.every((mail) => mail.subject === subject)).toBe(true);
      const received = await mailTo(emails.secondSecretariat, subject);
      expect(received?.text).toContain(
        `propone un questionario sui bisogni del tavolo per il tavolo «${TABLE}»`,
      );
      expect(received?.text).toContain(`${t.platform.config.publicUrl}/cti/proposte`);
      expect(received?.text).not.toContain(QUESTIONNAIRE.questions[0]?.label);
    });

    it('returns a proposal with the reason, told to the consultant by e-mail without what it says', async () => {
      const proposed = await post(consultant, `/api/council/tables/${tableId}/proposals/needs`, {
        title: 'Corsi di lingua',
        text: 'Mancano corsi serali.',
      });
      expect(proposed.statusCode).toBe(201);
      const id = proposed.json().id;
      const reason = 'Indicare quanti lavoratori ne avrebbero bisogno.';
      expect((await post(secretariat, `/api/council/proposals/${id}/return`, { reason })).statusCode).toBe(
        200,
      );
      const queued = await outbox('council.proposal.decided', id);
      expect(queued).toEqual([{ recipient: emails.consultant, subject: `Proposta restituita – ${TABLE}` }]);
      const received = await mailTo(emails.consultant, `Proposta restituita – ${TABLE}`);
      expect(received?.text).not.toContain(reason);
      expect(received?.text).toContain('Il motivo si legge su LOVIT');
      expect(received?.text).toContain('una voce dell’analisi dei bisogni');
      expect(received?.text).toContain(`${t.platform.config.publicUrl}/cti/consulenza`);
    });

    it('opens the questionnaire on approval, invites the table’s members and tells the consultant', async () => {
      const [proposal] = (
        await get(secretariat, '/api/council/proposals?status=PENDING&kind=QUESTIONNAIRE')
      ).json().items;
      expect((await post(consultant, `/api/council/proposals/${proposal.id}/approve`)).statusCode).toBe(403);
      const approved = await post(secretariat, `/api/council/proposals/${proposal.id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().status).toBe('APPROVED');
      questionnaireId = approved.json().questionnaireId;
      const stored = await database.db
        .selectFrom('surveyQuestionnaire')
        .select(['ownerKind', 'ownerId', 'ownerLabel', 'status', 'anonymous', 'reminderDays'])
        .where('id', '=', questionnaireId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({
        ownerKind: 'COUNCIL_TABLE',
        ownerId: tableId,
        ownerLabel: TABLE,
        status: 'OPEN',
        anonymous: false,
        reminderDays: 5,
      });
      const invitations = await outbox('surveys.invitation', questionnaireId);
      expect(invitations.map((mail) => mail.recipient)).toEqual([emails.member, emails.caritasMember].sort());
      await mailTo(emails.member, `Invito a rispondere al questionario «${QUESTIONNAIRE.title}»`);
      expect(await outbox('council.proposal.decided', proposal.id)).toEqual([
        { recipient: emails.consultant, subject: `Proposta approvata – ${TABLE}` },
      ]);
      const told = await mailTo(emails.consultant, `Proposta approvata – ${TABLE}`);
      expect(told?.text).toContain('Il questionario è aperto');

      const desk = (await get(consultant, '/api/council/facilitation')).json();
      const work = desk.tables.find((table: { id: string }) => table.id === tableId);
      expect(work.questionnaires).toEqual([
        {
          id: questionnaireId,
          title: QUESTIONNAIRE.title,
          status: 'OPEN',
          anonymous: false,
          responses: 0,
          invited: 2,
        },
      ]);
    });

    it('shows the questionnaire and its results to the table’s consultant and the secretariat only', async () => {
      const answered = await post(member, `/api/surveys/${questionnaireId}/answers`, {
        answers: { corsi: 'Sì', note: 'Soprattutto a Codogno.' },
      });
      expect(answered.statusCode).toBe(200);
      const one = `/api/council/table-questionnaires/${questionnaireId}`;
      for (const reader of [consultant, secretariat]) {
        const seen = await get(reader, one);
        expect(seen.statusCode).toBe(200);
        expect(seen.json()).toMatchObject({
          tableId,
          tableName: TABLE,
          responses: 1,
          invited: 2,
          reminderDays: 5,
        });
        const results = await get(reader, `${one}/results`);
        expect(results.statusCode).toBe(200);
        expect(results.json()).toMatchObject({ answers: 1, invited: 2, withheld: null });
        expect(results.json().questions[0].counts).toEqual([
          { label: 'Sì', count: 1, share: 100 },
          { label: 'No', count: 0, share: 0 },
        ]);
      }
      for (const outsider of [otherConsultant, member]) {
        expect((await get(outsider, one)).statusCode).toBe(404);
        expect((await get(outsider, `${one}/results`)).statusCode).toBe(404);
        expect((await post(outsider, `${one}/close`)).statusCode).toBe(404);
      }
      expect((await get(operator, one)).statusCode).toBe(403);
      // the generic pages: open to the invited to answer, never its results
      expect((await get(secretariat, `/api/surveys/${questionnaireId}/results`)).statusCode).toBe(404);
      expect((await get(otherConsultant, `/api/surveys/${questionnaireId}`)).statusCode).toBe(404);
      const councilWide = (await get(member, '/api/council/questionnaires')).json();
      expect(councilWide.map((q: { id: string }) => q.id)).not.toContain(questionnaireId);
      const otherTables = (await get(otherConsultant, '/api/council/proposals?kind=QUESTIONNAIRE')).json();
      expect(otherTables.total).toBe(0);
    });

    it('is closed by the table’s consultant, once', async () => {
      const url = `/api/council/table-questionnaires/${questionnaireId}/close`;
      const closed = await post(consultant, url);
      expect(closed.statusCode).toBe(200);
      expect(closed.json().status).toBe('CLOSED');
      const again = await post(secretariat, url);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('Il questionario è già chiuso.');
    });

    it('holds back the results of an anonymous questionnaire below the minimum', async () => {
      const proposed = await post(consultant, `/api/council/tables/${tableId}/proposals/questionnaire`, {
        ...QUESTIONNAIRE,
        title: 'Questionario anonimo del tavolo',
        anonymous: true,
        reminderDays: null,
      });
      const approved = await post(secretariat, `/api/council/proposals/${proposed.json().id}/approve`);
      const id = approved.json().questionnaireId;
      expect(
        (await post(member, `/api/surveys/${id}/answers`, { answers: { corsi: 'No' } })).statusCode,
      ).toBe(200);
      const results = (await get(consultant, `/api/council/table-questionnaires/${id}/results`)).json();
      expect(results.anonymous).toBe(true);
      expect(results.questions).toEqual([]);
      expect(results.withheld).toBeTruthy();
    });

    it('queues no e-mail when the proposal’s transaction fails', async () => {
      // A mail that cannot be queued fails the transaction after the first member's mail was written.
      await sql`create function refuse_mail() returns trigger language plpgsql as $$
        begin raise exception 'mail refused'; end $$`.execute(database.db);
      await sql`create trigger refuse_mail before insert on mail_outbox for each row
        when (new.recipient = ${sql.lit(emails.secondSecretariat)}) execute function refuse_mail()`.execute(
        database.db,
      );
      try {
        const proposals = await count('councilProposal');
        const mails = await count('mailOutbox');
        const failed = await post(consultant, `/api/council/tables/${tableId}/proposals/needs`, {
          title: 'Trasporti',
          text: 'Mancano collegamenti serali.',
        });
        expect(failed.statusCode).toBe(500);
        expect(await count('councilProposal')).toBe(proposals);
        expect(await count('mailOutbox')).toBe(mails);
      } finally {
        await sql`drop trigger refuse_mail on mail_outbox`.execute(database.db);
        await sql`drop function refuse_mail()`.execute(database.db);
      }
    });
  });
}
