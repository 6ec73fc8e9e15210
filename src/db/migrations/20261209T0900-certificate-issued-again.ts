import { type Kysely, sql } from 'kysely';

/** A revoked certificate no longer counts: its holder may be issued a new one for the same edition. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table training_certificate drop constraint training_certificate_once`.execute(db);
  await sql`create unique index training_certificate_once on training_certificate (edition_id, user_id) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index training_certificate_once`.execute(db);
  await sql`alter table training_certificate add constraint training_certificate_once unique (edition_id, user_id)`.execute(
    db,
  );
}
