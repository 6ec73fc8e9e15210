import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A glossary term goes through the review of the procedure sheets: edited as a draft, reviewed, published.
  // The public reads the published copy, which stays as it is while a new draft waits for review; the terms
  // already there were public, so they start published.
  await db.schema
    .alterTable('glossary_term')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('PUBLISHED').check(sql`status in ('DRAFT', 'REVIEWED', 'PUBLISHED')`),
    )
    .addColumn('published_term', 'text')
    .addColumn('published_definition', 'text')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`update glossary_term set published_term = term, published_definition = definition`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['reviewed_by', 'published_definition', 'published_term', 'status'])
    await db.schema.alterTable('glossary_term').dropColumn(column).execute();
}
