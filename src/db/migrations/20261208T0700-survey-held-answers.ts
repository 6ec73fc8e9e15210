import { type Kysely, sql } from 'kysely';

/**
 * Anonymous answers wait in a holding table while their questionnaire is open; closing it moves them to
 * `survey_anonymous_answer` in random order with fresh ids (decision 053). Answers already given pass the same way:
 * those of open questionnaires are held again, those of closed ones are rewritten in random order with new ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_held_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('answered_on', 'date', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_held_answer_questionnaire')
    .on('survey_held_answer')
    .column('questionnaire_id')
    .execute();
  await sql`with held as (
      delete from survey_anonymous_answer a using survey_questionnaire q
      where q.id = a.questionnaire_id and q.status <> 'CLOSED'
      returning a.id, a.questionnaire_id, a.answers, a.answered_on)
    insert into survey_held_answer (id, questionnaire_id, answers, answered_on)
    select id, questionnaire_id, answers, answered_on from held`.execute(db);
  await sql`with closed as (
      delete from survey_anonymous_answer returning questionnaire_id, answers, answered_on)
    insert into survey_anonymous_answer (id, questionnaire_id, answers, answered_on)
    select gen_random_uuid(), questionnaire_id, answers, answered_on from closed order by random()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`insert into survey_anonymous_answer (id, questionnaire_id, answers, answered_on)
    select id, questionnaire_id, answers, answered_on from survey_held_answer`.execute(db);
  await db.schema.dropTable('survey_held_answer').execute();
}
