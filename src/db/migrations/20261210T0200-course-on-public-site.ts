import type { Kysely } from 'kysely';

/**
 * Whether a course is shown on the public site while it takes enrolments. The courses already there stay shown:
 * until now every course with an open edition was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('training_course')
    .addColumn('on_public_site', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('training_course').dropColumn('on_public_site').execute();
}
