import { type Kysely, sql } from 'kysely';

/**
 * A published glossary term keeps who reviewed it, copied at publication as for the sheets (decision 042): a
 * term without one is a draft the public reads with that label. A term published before keeps its reviewer
 * only where that reviewer reviewed the very words published; the shipped terms had none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('glossary_term')
    .addColumn('published_reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`update glossary_term set published_reviewed_by = reviewed_by
    where status = 'PUBLISHED' and reviewed_by is not null
      and published_term = term and published_definition = definition`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('glossary_term').dropColumn('published_reviewed_by').execute();
}
