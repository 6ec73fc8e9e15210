import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluations } from '../src/modules/training/evaluations.ts';
import { POOLED_GROUP } from '../src/modules/training/needs-rules.ts';
import { trainingIndicators } from '../src/modules/training/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const PUBLIC = 'Operatori degli enti pubblici';
const PRIVATE = 'Operatori del privato sociale (Terzo Settore)';
const BOTH = 'Operatori pubblici e del privato sociale';

/** Six named answers: track, type of organisation, need for topics A, B, C (counted by hand in the test). */
const ANSWERS: [string, string, number, number, number][] = [
  [PUBLIC, 'Comune', 5, 3, 1],
  [PUBLIC, 'Comune', 4, 4, 2],
  [PUBLIC, 'Questura', 3, 5, 1],
  [PRIVATE, 'Cooperativa', 2, 5, 3],
  [PRIVATE, 'Cooperativa', 1, 4, 2],
  [BOTH, 'Comune', 5, 2, 4],
];

/** A sentence no other row holds: where it turns up, the anonymous evaluation is. */
const MARK = 'Più casi pratici sul decreto flussi';

const COURSE = {
  title: 'Il decreto flussi',
  track: 'BOTH',
  objectives: 'Conoscere le quote e le domande.',
  topics: 'Quote\nDomande',
  hours: 3,
  targetRoles: 'Operatori',
  completionPercent: 75,
};

for (const backend of BACKENDS) {
  describe(`training needs survey and evaluations on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const emails: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const sessions: Record<string, Session> = {};
    const trainees = ['t1', 't2', 't3', 't4', 't5', 't6'];
    let firstEdition: string;
    let secondEdition: string;
    let courseId: string;

    const send = (who: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who]?.headers, ...(payload ? { payload } : {}) });
    const post = (who: string, url: string, payload: object = {}) => send(who, 'POST', url, payload);
    const get = (who: string, url: string) => t.app.inject({ url, headers: sessions[who]?.headers });
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      for (const who of Object.keys(emails)) sessions[who] = await signIn(t.app, emails[who] as string);
    };
    const answer = (survey: string, values: [string, string, number, number, number]) => ({
      answers: {
        ruolo: 'Assistente sociale',
        tipo_ente: values[1],
        percorso: values[0],
        argomento_1: values[2],
        argomento_2: values[3],
        argomento_3: values[4],
        formato: 'Online',
        ...(survey === 'mark' ? { altro: MARK } : {}),
      },
    });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
      const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
      const people: [string, string, 'trainer' | 'trainee' | 'project_manager'][] = [
        ['trainer', coop.id, 'trainer'],
        ['other', coop.id, 'trainer'],
        ['pm', coop.id, 'project_manager'],
        ...trainees.map(
          (who, index) => [who, index < 4 ? comune.id : coop.id, 'trainee'] as [string, string, 'trainee'],
        ),
      ];
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        emails[who] = user.email;
        ids[who] = user.id;
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('launches a needs survey from the template, for the training staff only', async () => {
      const template = (await get('trainer', '/api/training/needs-surveys/template')).json();
      expect(template.topics.split('\n')).toContain('Il ricongiungimento familiare');
      expect((await get('t1', '/api/training/needs-surveys/template')).statusCode).toBe(403);
      const input = {
        title: 'Fabbisogni 2026',
        intro: template.intro,
        topics: 'A\nB\n\nC\nb',
        anonymous: false,
      };
      expect((await post('t1', '/api/training/needs-surveys', input)).statusCode).toBe(403);
      const blank = await post('trainer', '/api/training/needs-surveys', { ...input, topics: '\n \n' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([expect.objectContaining({ path: 'body.topics' })]);
      const tooMany = await post('trainer', '/api/training/needs-surveys', {
        ...input,
        topics: Array.from({ length: 41 }, (_, n) => `Argomento ${n}`).join('\n'),
      });
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json().errors).toEqual([{ path: 'body.topics', message: 'al più 40 argomenti' }]);
      const created = await post('trainer', '/api/training/needs-surveys', input);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ status: 'DRAFT', ownerKind: 'TRAINING_NEEDS', canBuild: true });
      expect(created.json().questions.map((q: { key: string; label: string }) => [q.key, q.label])).toEqual([
        ['ruolo', 'Il suo ruolo'],
        ['tipo_ente', 'Il tipo di ente per cui lavora'],
        ['percorso', 'Il percorso formativo che le interessa'],
        ['argomento_1', 'A'],
        ['argomento_2', 'B'],
        ['argomento_3', 'C'],
        ['formato', 'Il formato che preferisce'],
        ['altro', 'Altri argomenti o osservazioni'],
      ]);
      const list = (await get('pm', '/api/training/needs-surveys')).json();
      expect(list).toEqual([expect.objectContaining({ id: created.json().id, title: 'Fabbisogni 2026' })]);
    });

    it('aggregates the demand by topic, track and type of organisation as counted by hand', async () => {
      const [survey] = (await get('trainer', '/api/training/needs-surveys')).json();
      const id = survey.id as string;
      await post('trainer', `/api/surveys/${id}/invitations`, { userIds: trainees.map((who) => ids[who]) });
      expect((await post('trainer', `/api/surveys/${id}/open`)).json().status).toBe('OPEN');
      for (const [index, values] of ANSWERS.entries())
        expect(
          (await post(trainees[index] as string, `/api/surveys/${id}/answers`, answer('', values)))
            .statusCode,
        ).toBe(200);
      const results = (await get('other', `/api/training/needs-surveys/${id}/results`)).json();
      expect(results).toMatchObject({ answers: 6, invited: 6, withheld: null, anonymous: false });
      // A: 5 4 3 2 1 5 = 20/6; B: 3 4 5 5 4 2 = 23/6; C: 1 2 1 3 2 4 = 13/6; high = rated 4 or 5.
      expect(results.topics).toEqual([
        { key: 'argomento_2', topic: 'B', answered: 6, mean: 3.83, high: 4, highShare: 67, course: null },
        { key: 'argomento_1', topic: 'A', answered: 6, mean: 3.33, high: 3, highShare: 50, course: null },
        { key: 'argomento_3', topic: 'C', answered: 6, mean: 2.17, high: 1, highShare: 17, course: null },
      ]);
      const means = (a: number | null, b: number | null, c: number | null) => [
        { key: 'argomento_1', mean: a },
        { key: 'argomento_2', mean: b },
        { key: 'argomento_3', mean: c },
      ];
      expect(results.byTrack).toEqual([
        { label: PUBLIC, answers: 3, means: means(4, 4, 1.33) },
        { label: PRIVATE, answers: 2, means: means(1.5, 4.5, 2.5) },
        { label: BOTH, answers: 1, means: means(5, 2, 4) },
      ]);
      expect(results.byOrganisationType).toEqual([
        { label: 'Questura', answers: 1, means: means(3, 5, 1) },
        { label: 'Comune', answers: 3, means: means(4.67, 3, 2.33) },
        { label: 'Cooperativa', answers: 2, means: means(1.5, 4.5, 2.5) },
      ]);
    });

    it('puts a topic in the programme with a course, for the trainers to plan from', async () => {
      const [survey] = (await get('trainer', '/api/training/needs-surveys')).json();
      const url = `/api/training/needs-surveys/${survey.id}/topics/argomento_2/plan`;
      const course = await post('trainer', '/api/training/courses', { ...COURSE, trainerIds: [ids.trainer] });
      courseId = course.json().id;
      expect((await send('t1', 'PUT', url, { courseId })).statusCode).toBe(403);
      const unknown = await send('trainer', 'PUT', url.replace('argomento_2', 'ruolo'), { courseId });
      expect(unknown.statusCode).toBe(404);
      const wrongCourse = await send('trainer', 'PUT', url, { courseId: survey.id });
      expect(wrongCourse.statusCode).toBe(422);
      expect(wrongCourse.json().errors).toEqual([
        { path: 'body.courseId', message: 'Scegliere un corso dall’elenco' },
      ]);
      // Another trainer may neither plan onto a course they do not run nor take its topic off.
      const notTheirs = await send('other', 'PUT', url, { courseId });
      expect(notTheirs.statusCode).toBe(403);
      expect(notTheirs.json().detail).toBe(
        'Solo i formatori del corso e lo staff del progetto possono modificarlo.',
      );
      const planned = (await send('trainer', 'PUT', url, { courseId })).json();
      expect(planned.topics[0]).toMatchObject({ topic: 'B', course: { id: courseId, title: COURSE.title } });
      expect((await send('other', 'DELETE', url)).statusCode).toBe(403);
      expect(
        (await get('trainer', `/api/training/needs-surveys/${survey.id}/results`)).json().topics[0].course,
      ).toMatchObject({ id: courseId });
      const removed = (await send('pm', 'DELETE', url)).json();
      expect(removed.topics[0].course).toBeNull();
      expect((await send('pm', 'DELETE', url)).statusCode).toBe(404);
    });

    it('shows nothing of an anonymous needs survey below 5 answers, even closed', async () => {
      const created = await post('pm', '/api/training/needs-surveys', {
        title: 'Fabbisogni anonimi',
        intro: 'Anonima.',
        topics: 'A\nB\nC',
        anonymous: true,
      });
      const id = created.json().id as string;
      await post('pm', `/api/surveys/${id}/invitations`, { userIds: trainees.map((who) => ids[who]) });
      await post('pm', `/api/surveys/${id}/open`);
      for (const [index, values] of ANSWERS.slice(0, 4).entries())
        await post(trainees[index] as string, `/api/surveys/${id}/answers`, answer('', values));
      await post('pm', `/api/surveys/${id}/close`);
      const results = (await get('trainer', `/api/training/needs-surveys/${id}/results`)).json();
      expect(results).toMatchObject({ answers: 4, topics: [], byTrack: [], byOrganisationType: [] });
      expect(results.withheld).toMatch(/meno di 5 risposte/);
    });

    it('pools the small groups of an anonymous needs survey', async () => {
      const created = await post('pm', '/api/training/needs-surveys', {
        title: 'Fabbisogni anonimi, seconda',
        intro: 'Anonima.',
        topics: 'A\nB\nC',
        anonymous: true,
      });
      const id = created.json().id as string;
      await post('pm', `/api/surveys/${id}/invitations`, { userIds: trainees.map((who) => ids[who]) });
      await post('pm', `/api/surveys/${id}/open`);
      for (const [index, values] of ANSWERS.entries())
        await post(trainees[index] as string, `/api/surveys/${id}/answers`, answer('', values));
      await post('pm', `/api/surveys/${id}/close`);
      const results = (await get('trainer', `/api/training/needs-surveys/${id}/results`)).json();
      expect(results.topics.map((topic: { mean: number }) => topic.mean)).toEqual([3.83, 3.33, 2.17]);
      // No track nor type has 5 answers: all six are shown together.
      expect(results.byTrack).toEqual([expect.objectContaining({ label: POOLED_GROUP, answers: 6 })]);
      expect(results.byOrganisationType).toEqual([
        expect.objectContaining({ label: POOLED_GROUP, answers: 6 }),
      ]);
    });

    it('sends the anonymous evaluation when an edition ends, by the trainer’s button or by the job', async () => {
      const edition = (name: string, day: string) =>
        post('trainer', `/api/training/courses/${courseId}/editions`, {
          name,
          capacity: 10,
          cancelUntil: '2026-03-04',
          sessions: [{ day, startTime: '09:00', endTime: '12:00', place: 'Prefettura di Lodi' }],
        });
      firstEdition = (await edition('Prima', '2026-03-05')).json().id;
      secondEdition = (await edition('Seconda', '2026-03-06')).json().id;
      for (const who of trainees.slice(0, 5))
        expect((await post(who, `/api/training/editions/${firstEdition}/enrolment`)).statusCode).toBe(201);
      for (const who of trainees.slice(4, 6))
        expect((await post(who, `/api/training/editions/${secondEdition}/enrolment`)).statusCode).toBe(201);
      const early = await post('trainer', `/api/training/editions/${firstEdition}/evaluation`);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe(
        'L’edizione non è ancora conclusa: la valutazione si invia dopo l’ultima sessione.',
      );

      await moveTo('2026-03-05T14:00:00+01:00');
      expect((await post('other', `/api/training/editions/${firstEdition}/evaluation`)).statusCode).toBe(403);
      const sent = await post('trainer', `/api/training/editions/${firstEdition}/evaluation`);
      expect(sent.statusCode).toBe(201);
      expect(sent.json()).toMatchObject({ status: 'OPEN', invited: 5, responses: 0, closesOn: '2026-03-19' });
      expect((await post('trainer', `/api/training/editions/${firstEdition}/evaluation`)).statusCode).toBe(
        409,
      );

      // A third edition ending the same day cannot be sent (the database refuses it): the second goes anyway.
      const third = (await edition('Terza', '2026-03-06')).json().id as string;
      expect((await post('t1', `/api/training/editions/${third}/enrolment`)).statusCode).toBe(201);
      await sql`create function refuse_third() returns trigger language plpgsql as $$
        begin raise exception 'edizione bloccata'; end $$`.execute(database.db);
      await sql`create trigger refuse_third before insert on training_evaluation for each row
        when (new.edition_id = ${sql.lit(third)}::uuid) execute function refuse_third()`.execute(database.db);
      await moveTo('2026-03-06T14:00:00+01:00');
      expect(await runEvaluations(t.platform)).toMatchObject({ sent: 1, closed: 0, failed: 1 });
      expect(await runEvaluations(t.platform)).toMatchObject({ sent: 0, closed: 0, failed: 1 });
      await sql`drop trigger refuse_third on training_evaluation`.execute(database.db);
      const notSent = await get('pm', `/api/training/editions/${third}/evaluation`);
      expect(notSent.statusCode).toBe(200);
      expect(notSent.json()).toBeNull();
      const second = (await get('pm', `/api/training/editions/${secondEdition}/evaluation`)).json();
      expect(second).toMatchObject({ status: 'OPEN', invited: 2 });
    });

    it('keeps the evaluation answers apart from the people, and shows them only to the course’s trainers and staff', async () => {
      const first = (await get('t1', `/api/training/editions/${firstEdition}/evaluation`)).json();
      expect(first).toMatchObject({ results: null, hasAnswered: false });
      const questionnaireId = first.questionnaireId as string;
      const evaluation = (who: string, level: number, text?: string) =>
        post(who, `/api/surveys/${questionnaireId}/answers`, {
          answers: {
            soddisfazione: level,
            contenuti: level,
            formatore: 5,
            organizzazione: 3,
            utilita: level,
            ...(text ? { commenti: text } : {}),
          },
        });
      for (const [index, who] of trainees.slice(0, 5).entries())
        expect(
          (await evaluation(who, [5, 4, 4, 3, 5][index] as number, index === 0 ? MARK : undefined))
            .statusCode,
        ).toBe(200);
      expect((await evaluation('t6', 1)).statusCode).toBe(404);
      expect((await get('t1', `/api/training/editions/${firstEdition}/evaluation`)).json().hasAnswered).toBe(
        true,
      );
      const secondId = (await get('pm', `/api/training/editions/${secondEdition}/evaluation`)).json()
        .questionnaireId;
      await post('t5', `/api/surveys/${secondId}/answers`, {
        answers: { soddisfazione: 1, contenuti: 1, formatore: 1, organizzazione: 1, utilita: 1 },
      });

      const open = (await get('trainer', `/api/training/editions/${firstEdition}/evaluation`)).json();
      expect(open.results).toMatchObject({ answers: 5, questions: [] });
      expect((await post('t1', `/api/training/editions/${firstEdition}/evaluation/close`)).statusCode).toBe(
        403,
      );
      expect(
        (await post('other', `/api/training/editions/${firstEdition}/evaluation/close`)).statusCode,
      ).toBe(403);
      const closed = (
        await post('trainer', `/api/training/editions/${firstEdition}/evaluation/close`)
      ).json();
      expect(closed.status).toBe('CLOSED');
      // 5 4 4 3 5: mean 4.2.
      expect(closed.results.questions[0]).toMatchObject({ key: 'soddisfazione', answered: 5, mean: 4.2 });
      expect(closed.results.questions[5].texts).toEqual([MARK]);

      // Another trainer, and the generic questionnaire pages, do not reach the results.
      expect((await get('other', `/api/training/editions/${firstEdition}/evaluation`)).statusCode).toBe(404);
      expect((await get('trainer', `/api/surveys/${questionnaireId}/results`)).statusCode).toBe(404);
      expect((await get('trainer', `/api/surveys/${questionnaireId}/answers.csv`)).statusCode).toBe(404);
      expect((await post('trainer', `/api/surveys/${questionnaireId}/open`)).statusCode).toBe(404);
      const listed = (await get('other', '/api/surveys')).json();
      expect(listed.items.map((q: { ownerKind: string }) => q.ownerKind)).not.toContain('COURSE_EVALUATION');

      // No table ties an answer to a person: the text lives only among the anonymous answers, with no person column.
      const { rows: tables } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
      const holding: string[] = [];
      for (const { name } of tables) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(name)} x where x::text like ${`%${MARK}%`}`.execute(
          database.db,
        );
        if ((rows[0]?.n ?? 0) > 0) holding.push(name);
      }
      expect(holding).toEqual(['survey_anonymous_answer']);
      const columns = async (table: string) =>
        (
          await sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table} order by 1`.execute(database.db)
        ).rows.map((row) => row.name);
      expect(await columns('survey_anonymous_answer')).toEqual([
        'answered_on',
        'answers',
        'id',
        'questionnaire_id',
      ]);
      expect(await columns('training_evaluation')).toEqual([
        'closed_at',
        'closes_on',
        'edition_id',
        'questionnaire_id',
        'sent_at',
      ]);
      const stored = await database.db.selectFrom('surveyAnonymousAnswer').select('answers').execute();
      for (const who of trainees) expect(JSON.stringify(stored)).not.toContain(ids[who]);
      const entries = await database.db
        .selectFrom('auditEntry')
        .select(['actorUserId', 'organisationId'])
        .where('action', '=', 'surveys.answer.anonymous')
        .where('entityId', '=', questionnaireId)
        .execute();
      expect(entries).toEqual(Array(5).fill({ actorUserId: null, organisationId: null }));
    });

    it('gathers a trainer’s evaluations across editions, counting only those shown', async () => {
      expect((await get('other', `/api/training/trainers/${ids.trainer}/evaluations`)).statusCode).toBe(404);
      expect((await get('t1', `/api/training/trainers/${ids.trainer}/evaluations`)).statusCode).toBe(403);
      await moveTo('2026-03-20T10:00:00+01:00');
      // The second edition closes by itself a fortnight after it was sent; the first was closed already.
      expect(await runEvaluations(t.platform)).toMatchObject({ sent: 0, closed: 1, failed: 0 });
      const own = (await get('trainer', `/api/training/trainers/${ids.trainer}/evaluations`)).json();
      const byPm = (await get('pm', `/api/training/trainers/${ids.trainer}/evaluations`)).json();
      expect(byPm).toEqual(own);
      expect(own.answers).toBe(5);
      expect(own.questions[0]).toMatchObject({ key: 'soddisfazione', mean: 4.2 });
      expect(own.editions).toEqual([
        expect.objectContaining({
          editionName: 'Seconda',
          status: 'CLOSED',
          responses: 1,
          isReleased: false,
          satisfaction: null,
        }),
        expect.objectContaining({
          editionName: 'Prima',
          status: 'CLOSED',
          responses: 5,
          isReleased: true,
          satisfaction: 4.2,
        }),
      ]);
      const figures = await trainingIndicators(t.platform);
      expect(figures).toMatchObject({ needsSurveyAnswers: 16, evaluationAnswers: 5, meanSatisfaction: 4.2 });
    });
  });
}
