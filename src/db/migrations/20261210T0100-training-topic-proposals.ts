import type { Kysely } from 'kysely';

/**
 * Topics proposed to the trainers from outside a needs survey: a legal update the legal consultant turns into a
 * training topic with one click. Until a trainer puts it in a course it is one of the topics a new needs survey
 * offers; once in a course it is one of the course's topics.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_topic_proposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // The legal update it comes from: one topic per update.
    .addColumn('legal_update_id', 'uuid', (c) => c.notNull().unique().references('legal_update.id'))
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('course_id', 'uuid', (c) => c.references('training_course.id'))
    // Whether planning added the title to the course's topics (so that unplanning takes out only that line).
    .addColumn('added_to_course', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('planned_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('planned_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_topic_proposal').execute();
}
