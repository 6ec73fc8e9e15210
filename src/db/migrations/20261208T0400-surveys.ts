import { type Kysely, sql } from 'kysely';

/**
 * Questionnaires become a module of their own, shared by the council, training and events (decision 053): the
 * council's tables pass to it with their data, each questionnaire names the context that owns it, and anonymous
 * answers are kept apart from the set of people who answered, with nothing that links the two.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table council_questionnaire rename to survey_questionnaire`.execute(db);
  await sql`alter table survey_questionnaire
    add column owner_kind text not null default 'COUNCIL_NEEDS'
      check (owner_kind in ('COUNCIL_NEEDS', 'TRAINING_NEEDS', 'COURSE_EVALUATION', 'EVENT_FOLLOW_UP')),
    add column owner_id uuid,
    add column owner_label text,
    add column answered_by text not null default 'ORGANISATION' check (answered_by in ('ORGANISATION', 'PERSON')),
    add column anonymous boolean not null default false,
    add column reminder_days integer check (reminder_days between 1 and 60),
    add constraint survey_anonymous_by_person check (not anonymous or answered_by = 'PERSON')`.execute(db);
  await sql`alter table survey_questionnaire alter column owner_kind drop default, alter column answered_by drop default`.execute(
    db,
  );
  await db.schema
    .createIndex('survey_questionnaire_owner')
    .on('survey_questionnaire')
    .columns(['owner_kind', 'owner_id'])
    .execute();

  // Named answers: per organisation and municipality (the council), or per person (no municipality).
  await sql`alter table council_response rename to survey_response`.execute(db);
  await sql`alter table survey_response rename constraint council_response_once to survey_response_once`.execute(
    db,
  );
  await sql`alter table survey_response alter column municipality_istat_code drop not null`.execute(db);
  await sql`create unique index survey_response_person_once on survey_response (questionnaire_id, submitted_by)
    where municipality_istat_code is null`.execute(db);

  // Anonymous answers: no person, no organisation, only the day they were given.
  await db.schema
    .createTable('survey_anonymous_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('answered_on', 'date', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_anonymous_answer_questionnaire')
    .on('survey_anonymous_answer')
    .column('questionnaire_id')
    .execute();
  // Who has answered an anonymous questionnaire (one answer each), without when or what.
  await db.schema
    .createTable('survey_participation')
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('survey_participation_pk', ['questionnaire_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('survey_invitation')
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addPrimaryKeyConstraint('survey_invitation_pk', ['questionnaire_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['survey_invitation', 'survey_participation', 'survey_anonymous_answer'])
    await db.schema.dropTable(table).execute();
  await sql`delete from survey_response where municipality_istat_code is null`.execute(db);
  await sql`drop index survey_response_person_once`.execute(db);
  await sql`alter table survey_response alter column municipality_istat_code set not null`.execute(db);
  await sql`alter table survey_response rename constraint survey_response_once to council_response_once`.execute(
    db,
  );
  await sql`alter table survey_response rename to council_response`.execute(db);
  await sql`delete from survey_questionnaire where owner_kind <> 'COUNCIL_NEEDS'`.execute(db);
  await sql`drop index survey_questionnaire_owner`.execute(db);
  await sql`alter table survey_questionnaire drop constraint survey_anonymous_by_person,
    drop column owner_kind, drop column owner_id, drop column owner_label, drop column answered_by,
    drop column anonymous, drop column reminder_days`.execute(db);
  await sql`alter table survey_questionnaire rename to council_questionnaire`.execute(db);
}
