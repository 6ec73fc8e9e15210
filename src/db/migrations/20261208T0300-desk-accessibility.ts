import { type Kysely, sql } from 'kysely';

/**
 * Each desk says where it is and how a person with a disability reaches it, as the public offices page shows
 * it: the ISTAT code of its municipality (every existing desk is in Lodi, the chief town), step-free access,
 * lift and accessible toilet (unknown until the office says), and a note.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('desk')
    .addColumn('municipality_code', 'text', (c) =>
      c.notNull().defaultTo('098031').check(sql`municipality_code ~ '^098[0-9]{3}$'`),
    )
    .addColumn('step_free_access', 'boolean')
    .addColumn('lift', 'boolean')
    .addColumn('accessible_toilet', 'boolean')
    .addColumn('accessibility_notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('desk')
    .dropColumn('accessibility_notes')
    .dropColumn('accessible_toilet')
    .dropColumn('lift')
    .dropColumn('step_free_access')
    .dropColumn('municipality_code')
    .execute();
}
