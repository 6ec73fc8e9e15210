import { type Kysely, sql } from 'kysely';

/**
 * The search of the legal updates by their words: title, summary, full text, authority and number, in the
 * Italian stemming configuration (PostgreSQL and PGlite both have it), indexed with GIN on the same expression
 * the search uses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index legal_update_search on legal_update using gin (to_tsvector('italian'::regconfig,
    title || ' ' || summary || ' ' || coalesce(full_text, '') || ' ' || authority || ' ' || number))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index legal_update_search`.execute(db);
}
