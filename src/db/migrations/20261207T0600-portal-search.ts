import { type Kysely, sql } from 'kysely';

/**
 * The search of the public portal: each published sheet text and glossary term keeps its words as a text-search
 * document in the text's own language (the stemming configuration PostgreSQL and PGlite both have, `simple` for
 * the others), indexed with GIN. The documents follow the published copy, so drafts are never found.
 */
const CONFIGURATION = sql.raw(`case language
  when 'it' then 'italian'::regconfig when 'en' then 'english'::regconfig when 'fr' then 'french'::regconfig
  when 'es' then 'spanish'::regconfig when 'ro' then 'romanian'::regconfig when 'ru' then 'russian'::regconfig
  when 'ar' then 'arabic'::regconfig when 'hi' then 'hindi'::regconfig else 'simple'::regconfig end`);

// `||` rather than `concat_ws`, which PostgreSQL does not count as immutable, as a generated column must be.
const field = (name: string) => sql.raw(`coalesce(published_content ->> '${name}', '')`);
// The sections of a sheet as they are at this migration (a later change of the contract gets its own migration).
const SHEET_BODY = [
  'what',
  'who',
  'requirements',
  'documents',
  'steps',
  'timeLimits',
  'costs',
  'whereHow',
  'refusalReasons',
].map(field);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table procedure_sheet_text add column search_document tsvector generated always as (
    setweight(to_tsvector(${CONFIGURATION}, ${field('title')}), 'A') ||
    setweight(to_tsvector(${CONFIGURATION}, ${field('summary')}), 'B') ||
    to_tsvector(${CONFIGURATION}, ${sql.join(SHEET_BODY, sql` || ' ' || `)})
  ) stored`.execute(db);
  await sql`alter table glossary_term add column search_document tsvector generated always as (
    setweight(to_tsvector(${CONFIGURATION}, coalesce(published_term, '')), 'A') ||
    to_tsvector(${CONFIGURATION}, coalesce(published_definition, ''))
  ) stored`.execute(db);
  for (const table of ['procedure_sheet_text', 'glossary_term'])
    await db.schema.createIndex(`${table}_search`).on(table).using('gin').column('search_document').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['procedure_sheet_text', 'glossary_term'])
    await db.schema.alterTable(table).dropColumn('search_document').execute();
}
