import { type Kysely, sql } from 'kysely';

/**
 * Whether the signed verbale uploaded by the auditor carries a digital signature (a PDF signature dictionary):
 * noted on upload, not verified; null for a copy kept before the upload was examined, and while there is none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_claim_verbale add column signed_digitally boolean,
    add constraint project_claim_verbale_signed_digitally
      check (signed_digitally is null or signed_sha256 is not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_claim_verbale drop constraint project_claim_verbale_signed_digitally,
    drop column signed_digitally`.execute(db);
}
