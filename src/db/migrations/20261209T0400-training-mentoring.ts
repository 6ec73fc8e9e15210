import { type Kysely, sql } from 'kysely';

/**
 * WP3: the on-the-job training of the SUI team, one row per mentoring of a person on a topic, in quarters of an
 * hour; part of the hours trained in the training record and the indicators (decision 059).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_mentoring')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('mentee_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('mentor_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) =>
      c.notNull().check(sql`minutes > 0 and minutes <= 720 and minutes % 15 = 0`),
    )
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('training_mentoring_two_people', sql`mentee_id <> mentor_id`)
    .execute();
  await db.schema
    .createIndex('training_mentoring_mentee')
    .on('training_mentoring')
    .columns(['mentee_id', 'day'])
    .execute();
  await db.schema
    .createIndex('training_mentoring_organisation')
    .on('training_mentoring')
    .columns(['organisation_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_mentoring').execute();
}
