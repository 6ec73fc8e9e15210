import type { Kysely } from 'kysely';

/** A press contact erased on request (GDPR art. 17): the row stays, emptied, so past sends still count. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outreach_press_contact').addColumn('erased_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outreach_press_contact').dropColumn('erased_at').execute();
}
