import type { Kysely } from 'kysely';

/**
 * Training's use of questionnaires (decision 058): the topics of a needs survey the trainers put in their programme,
 * each with the course that answers it, and the end-of-course evaluation of each edition.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_topic_plan')
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('topic_key', 'text', (c) => c.notNull())
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('training_course.id'))
    .addColumn('planned_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_topic_plan_pk', ['questionnaire_id', 'topic_key'])
    .execute();
  // One evaluation per edition; who answered it is the surveys module's business, and only as "has answered".
  await db.schema
    .createTable('training_evaluation')
    .addColumn('edition_id', 'uuid', (c) => c.primaryKey().references('training_edition.id'))
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().unique().references('survey_questionnaire.id'))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_evaluation').execute();
  await db.schema.dropTable('training_topic_plan').execute();
}
