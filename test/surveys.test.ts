import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindInvitees } from '../src/modules/surveys/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer, waitForMail } from './support/smtp.ts';

const EVALUATION = {
  ownerKind: 'COURSE_EVALUATION',
  ownerLabel: 'Diritto dell’immigrazione, edizione di marzo',
  title: 'Valutazione del corso',
  intro: 'Le risposte sono anonime.',
  anonymous: true,
  reminderDays: 3,
  questions: [
    { kind: 'SCALE', key: 'overall', label: 'Giudizio complessivo', required: true },
    { kind: 'CHOICE', key: 'again', label: 'Lo consiglieresti?', required: true, options: ['Sì', 'No'] },
    { kind: 'TEXT', key: 'notes', label: 'Suggerimenti', required: false },
  ],
};

/** A sentence no other row of the database holds: where it turns up, the anonymous answer is. */
const MARK = 'Più esercitazioni sui ricongiungimenti familiari';

for (const backend of BACKENDS) {
  describe(`questionnaires on ${backend}`, () => {
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let t: TestApp;
    let trainer: Session;
    let communications: Session;
    let outsider: Session;
    const trainees: { id: string; email: string; session: Session }[] = [];
    let municipalityId: string;
    let evaluationId: string;

    const trainee = (n: number) => {
      const found = trainees[n];
      if (!found) throw new Error(`no trainee ${n}`);
      return found;
    };
    const send = (session: Session, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });
    /** The tables where a text turns up, in any row. */
    const tablesHolding = async (text: string) => {
      const { rows: tables } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
      const holding: string[] = [];
      for (const { name } of tables) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(name)} t where t::text like ${`%${text}%`}`.execute(
          database.db,
        );
        if ((rows[0]?.n ?? 0) > 0) holding.push(name);
      }
      return holding;
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      smtp = await startSmtpServer();
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const municipality = await makeOrganisation(t.platform, {
        type: 'MUNICIPALITY',
        name: 'Comune di Lodi',
      });
      const caritas = await makeOrganisation(t.platform, { type: 'THIRD_SECTOR', name: 'Caritas Lodigiana' });
      municipalityId = municipality.id;
      const session = async (organisationId: string, role: 'trainer' | 'communications' | 'council_member') =>
        signIn(t.app, (await makeUser(t.platform, [{ organisationId, role }])).email);
      trainer = await session(prefecture.id, 'trainer');
      communications = await session(prefecture.id, 'communications');
      outsider = await session(caritas.id, 'council_member');
      for (const [index, organisationId] of [
        municipality,
        municipality,
        municipality,
        caritas,
        caritas,
        caritas,
      ]
        .map((o) => o.id)
        .entries()) {
        const user = await makeUser(t.platform, [{ organisationId, role: 'trainee' }], {
          email: `corsista${index + 1}@enti.example`,
        });
        trainees.push({ id: user.id, email: user.email, session: await signIn(t.app, user.email) });
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await smtp.stop();
      await database.dispose();
    });

    it('lets only the builders of a context prepare its questionnaires, and names the field at fault', async () => {
      const refused = await send(communications, '/api/surveys', EVALUATION);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toBe('Non puoi preparare questionari per questo ambito.');
      const blank = await send(trainer, '/api/surveys', { ...EVALUATION, title: '' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([expect.objectContaining({ path: 'body.title' })]);
      const repeated = await send(trainer, '/api/surveys', {
        ...EVALUATION,
        questions: [{ kind: 'CHOICE', key: 'b', label: 'B', required: true, options: ['x', 'X '] }],
      });
      expect(repeated.statusCode).toBe(422);
      expect(repeated.json().errors).toEqual([
        {
          path: 'body.questions.0.options',
          message: 'opzioni ripetute: ogni opzione va scritta una sola volta',
        },
      ]);
      const created = await send(trainer, '/api/surveys', EVALUATION);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ status: 'DRAFT', anonymous: true, canBuild: true, invited: 0 });
      evaluationId = created.json().id;
      expect((await get(trainee(0).session, `/api/surveys/${evaluationId}`)).statusCode).toBe(404);
      expect((await get(communications, `/api/surveys/${evaluationId}/results`)).statusCode).toBe(404);
    });

    it('invites by organisation and role or one by one, and e-mails the invitations through the outbox when it opens', async () => {
      const url = `/api/surveys/${evaluationId}/invitations`;
      const nobody = await send(trainer, url, {});
      expect(nobody.statusCode).toBe(400);
      expect(nobody.json().errors[0]).toMatchObject({ path: 'body.userIds' });
      expect((await send(trainer, url, { organisationId: municipalityId, role: 'trainee' })).json()).toEqual({
        added: 3,
        already: 0,
      });
      expect((await send(trainer, url, { userIds: trainees.map((p) => p.id) })).json()).toEqual({
        added: 3,
        already: 3,
      });
      expect(smtp.inbox).toHaveLength(0);
      expect((await send(trainer, `/api/surveys/${evaluationId}/open`)).json().status).toBe('OPEN');
      const mail = await waitForMail(smtp.inbox, 'corsista6@enti.example');
      expect(mail.subject).toBe('Invito a rispondere al questionario «Valutazione del corso»');
      expect(mail.text).toContain('Valutazione di un’edizione di un corso: Diritto dell’immigrazione');
      expect(mail.text).toContain(`/questionari/${evaluationId}`);
      for (const { email } of trainees) await waitForMail(smtp.inbox, email);
      const page = (await get(trainer, `${url}?pageSize=4`)).json();
      expect(page).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(page.items).toHaveLength(4);
      expect(page.items[0]).toMatchObject({ name: 'Mario Rossi', hasAnswered: false });
      const seen = (await get(trainee(0).session, `/api/surveys/${evaluationId}`)).json();
      expect(seen).toMatchObject({ isInvited: true, hasAnswered: false, canBuild: false });
      expect((await get(trainee(0).session, '/api/surveys')).json().total).toBe(1);
      expect((await get(outsider, `/api/surveys/${evaluationId}`)).statusCode).toBe(404);
    });

    it('takes one anonymous answer per invited person, and shows only their number while it is open', async () => {
      const url = `/api/surveys/${evaluationId}/answers`;
      expect((await send(outsider, url, { answers: { overall: 5, again: 'Sì' } })).statusCode).toBe(404);
      const wrong = await send(trainee(0).session, url, { answers: { overall: 9 } });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'body.answers.overall',
        'body.answers.again',
      ]);
      for (const [index, trainee] of trainees.slice(0, 4).entries()) {
        const answered = await send(trainee.session, url, {
          answers: { overall: 4 + (index % 2), again: 'Sì', ...(index === 0 ? { notes: MARK } : {}) },
        });
        expect(answered.statusCode).toBe(200);
        expect(answered.json().hasAnswered).toBe(true);
      }
      const twice = await send(trainee(0).session, url, { answers: { overall: 1, again: 'No' } });
      expect(twice.statusCode).toBe(409);
      const early = (await get(trainer, `/api/surveys/${evaluationId}/results`)).json();
      expect(early).toMatchObject({ answers: 4, invited: 6, questions: [] });
      expect(early.withheld).toMatch(/i risultati si vedono quando è chiuso, se le risposte sono almeno 5/);
      const earlyExport = await get(trainer, `/api/surveys/${evaluationId}/answers.xlsx`);
      expect(earlyExport.statusCode).toBe(409);
      expect(earlyExport.json().detail).toBe(early.withheld);
      expect((await send(trainee(4).session, url, { answers: { overall: 2, again: 'No' } })).statusCode).toBe(
        200,
      );
      // Five answers and still open: two readings around the fifth differ by the count only.
      const open = (await get(trainer, `/api/surveys/${evaluationId}/results`)).json();
      expect(open).toEqual({ ...early, answers: 5 });
      expect((await get(trainer, `/api/surveys/${evaluationId}/answers.csv`)).statusCode).toBe(409);
      const filtered = await get(
        trainer,
        `/api/surveys/${evaluationId}/results?organisationType=MUNICIPALITY`,
      );
      expect(filtered.statusCode).toBe(422);
      expect(filtered.json().errors[0].path).toBe('querystring.organisationType');
    });

    it('holds an anonymous answer apart from the person who gave it, in any table or the audit trail', async () => {
      const db = database.db;
      expect(await tablesHolding(MARK)).toEqual(['survey_held_answer']);
      const { rows: participationColumns } = await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = 'survey_participation' order by 1`.execute(db);
      expect(participationColumns.map((c) => c.name)).toEqual(['questionnaire_id', 'user_id']);
      expect(await db.selectFrom('surveyResponse').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('surveyAnonymousAnswer').selectAll().execute()).toEqual([]);

      const entries = await db
        .selectFrom('auditEntry')
        .selectAll()
        .where('action', '=', 'surveys.answer.anonymous')
        .execute();
      expect(entries).toHaveLength(5);
      for (const entry of entries) {
        expect(entry).toMatchObject({
          entityType: 'survey_questionnaire',
          entityId: evaluationId,
          actorUserId: null,
          actorLabel: 'risposta anonima',
          organisationId: null,
          requestId: null,
          clientAddress: null,
          data: { before: null, after: null },
        });
        // Midnight in Rome of the day of the answer: the instant says no more than the day.
        expect(new Date(entry.at).toISOString()).toBe('2026-03-01T23:00:00.000Z');
      }
      const { rows: mentions } = await sql<{ n: number }>`
        select count(*)::int as n from audit_entry e where e::text like ${`%${MARK}%`}`.execute(db);
      expect(mentions[0]?.n).toBe(0);
      // Written in separate transactions, a person and an answer share no transaction id.
      const { rows: joined } = await sql`
        select p.user_id from survey_participation p
        join survey_held_answer h on p.xmin = h.xmin`.execute(db);
      expect(await db.selectFrom('surveyParticipation').selectAll().execute()).toHaveLength(5);
      expect(joined).toEqual([]);
    });

    it('lets a person answer again when their anonymous answer could not be kept', async () => {
      const db = database.db;
      await sql`alter table survey_held_answer add constraint refuse_for_test
        check (answers::text not like '%rifiutata%')`.execute(db);
      try {
        const failed = await send(trainee(5).session, `/api/surveys/${evaluationId}/answers`, {
          answers: { overall: 3, again: 'No', notes: 'rifiutata' },
        });
        expect(failed.statusCode).toBe(503);
        expect(failed.json().detail).toBe('La risposta non è stata registrata: riprova tra qualche secondo.');
      } finally {
        await sql`alter table survey_held_answer drop constraint refuse_for_test`.execute(db);
      }
      const participations = await db
        .selectFrom('surveyParticipation')
        .select('userId')
        .where('questionnaireId', '=', evaluationId)
        .execute();
      expect(participations.map((p) => p.userId)).not.toContain(trainee(5).id);
      expect(participations).toHaveLength(5);
      expect((await get(trainee(5).session, `/api/surveys/${evaluationId}`)).json().hasAnswered).toBe(false);
    });

    it('shows the results of a named questionnaire by type of organisation, one answer per person', async () => {
      const created = await send(trainer, '/api/surveys', {
        ...EVALUATION,
        ownerKind: 'TRAINING_NEEDS',
        title: 'Fabbisogni formativi 2026',
        anonymous: false,
        reminderDays: null,
      });
      const id = created.json().id;
      await send(trainer, `/api/surveys/${id}/invitations`, { userIds: [trainee(0).id, trainee(3).id] });
      await send(trainer, `/api/surveys/${id}/open`);
      const answer = (n: number, overall: number) =>
        send(trainee(n).session, `/api/surveys/${id}/answers`, { answers: { overall, again: 'Sì' } });
      expect((await answer(0, 3)).statusCode).toBe(200);
      const again = await answer(0, 2);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe(
        'Hai già risposto a questo questionario: la risposta non si modifica.',
      );
      expect((await answer(3, 5)).statusCode).toBe(200);
      const all = (await get(trainer, `/api/surveys/${id}/results`)).json();
      expect(all).toMatchObject({ answers: 2, withheld: null });
      expect(all.questions[0].mean).toBe(4);
      const named = (await get(trainer, `/api/surveys/${id}/answers.csv`)).body.trim().split('\r\n');
      expect(named[0]).toBe('Ente;Inviato il;Giudizio complessivo;Lo consiglieresti?;Suggerimenti');
      expect(named.slice(1).sort()).toEqual([
        'Caritas Lodigiana;02/03/26, 09:00;5;Sì;',
        'Comune di Lodi;02/03/26, 09:00;3;Sì;',
      ]);
      const exported = await get(trainer, `/api/surveys/${id}/answers.xlsx`);
      expect(exported.headers['content-disposition']).toBe(
        'attachment; filename="questionario-fabbisogni-formativi-2026-02-03-2026.xlsx"',
      );
      const exports = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'entityId', 'actorUserId', 'data'])
        .where('action', '=', 'survey_answers_export.read')
        .execute();
      // The CSV and the XLSX above: one entry each, with who exported and how many rows.
      expect(exports).toHaveLength(2);
      for (const entry of exports)
        expect(entry).toEqual({
          action: 'survey_answers_export.read',
          entityId: id,
          actorUserId: trainer.view.user.id,
          data: { rows: 2 },
        });
      const municipalities = (
        await get(trainer, `/api/surveys/${id}/results?organisationType=MUNICIPALITY`)
      ).json();
      expect(municipalities.answers).toBe(1);
      expect(municipalities.questions[0].mean).toBe(3);
      await send(trainer, `/api/surveys/${id}/close`);
      const late = await answer(3, 1);
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toBe('Il questionario non accetta risposte.');
    });
    it('reminds once, on the configured day, those invited who have not answered', async () => {
      t.clock.advance(2 * 86_400_000);
      expect(await remindInvitees(t.platform)).toBe(0);
      t.clock.advance(86_400_000);
      expect(await remindInvitees(t.platform)).toBe(1);
      await expect
        .poll(
          () => smtp.inbox.filter((m) => m.subject.startsWith('Promemoria')).map((m) => [m.to[0], m.subject]),
          {
            timeout: 5000,
          },
        )
        .toEqual([['corsista6@enti.example', 'Promemoria: questionario «Valutazione del corso»']]);
      expect(await remindInvitees(t.platform)).toBe(0);
      const builder = await signIn(t.app, trainer.view.user.email);
      const page = (await get(builder, `/api/surveys/${evaluationId}/invitations`)).json();
      expect(page.items.filter((i: { hasAnswered: boolean }) => !i.hasAnswered)).toEqual([
        expect.objectContaining({ email: 'corsista6@enti.example', remindedAt: expect.any(String) }),
      ]);
    });

    it('closing moves the anonymous answers among each other with new ids and no shared transaction, and shows them', async () => {
      const db = database.db;
      const held = await db.selectFrom('surveyHeldAnswer').select(['id', 'answers']).execute();
      expect(held).toHaveLength(5);
      const builder = await signIn(t.app, trainer.view.user.email);
      expect((await send(builder, `/api/surveys/${evaluationId}/close`)).json().status).toBe('CLOSED');
      expect(await db.selectFrom('surveyHeldAnswer').selectAll().execute()).toEqual([]);
      expect(await tablesHolding(MARK)).toEqual(['survey_anonymous_answer']);
      const { rows: answers } = await sql<{ id: string; answers: unknown; answeredOn: string; xmin: string }>`
        select id, answers, answered_on as "answeredOn", xmin::text as xmin from survey_anonymous_answer`.execute(
        db,
      );
      // The same answers, none under its former id; random ids (version 4) and the day only.
      expect(answers.map((a) => JSON.stringify(a.answers)).sort()).toEqual(
        held.map((h) => JSON.stringify(h.answers)).sort(),
      );
      for (const answer of answers) {
        expect(answer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
        expect(held.map((h) => h.id)).not.toContain(answer.id);
        expect(String(answer.answeredOn)).toMatch(/^2026-03-02/);
      }
      const { rows: participations } = await sql<{ xmin: string }>`
        select xmin::text as xmin from survey_participation`.execute(db);
      expect(participations).toHaveLength(5);
      const answerXmins = new Set(answers.map((a) => a.xmin));
      for (const { xmin } of participations) expect(answerXmins.has(xmin)).toBe(false);

      const results = (await get(builder, `/api/surveys/${evaluationId}/results`)).json();
      expect(results).toMatchObject({ answers: 5, withheld: null });
      expect(results.questions[0]).toMatchObject({ label: 'Giudizio complessivo', answered: 5, mean: 4 });
      expect(results.questions[0].counts.map((c: { count: number }) => c.count)).toEqual([0, 1, 0, 2, 2]);
      expect(results.questions[1].counts).toEqual([
        { label: 'Sì', count: 4, share: 80 },
        { label: 'No', count: 1, share: 20 },
      ]);
      expect(results.questions[2].texts).toEqual([MARK]);
      const csv = (await get(builder, `/api/surveys/${evaluationId}/answers.csv`)).body.trim().split('\r\n');
      expect(csv[0]).toBe('Giudizio complessivo;Lo consiglieresti?;Suggerimenti');
      expect(
        (await get(builder, `/api/surveys/${evaluationId}/answers.csv`)).headers['content-disposition'],
      ).toBe('attachment; filename="questionario-valutazione-del-corso-05-03-2026.csv"');
      expect(csv).toHaveLength(6);
    });
  });
}
