import { type Kysely, sql } from 'kysely';

/**
 * When an account was switched off, kept with the account: its retention runs from that day, and the audit
 * trail, which has a retention of its own, must not decide it. Accounts already off take the day the audit
 * trail recorded; those whose entry is no longer there take the day of this change, so that none is emptied
 * earlier than it would have been.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('deactivated_at', 'timestamptz').execute();
  await sql`update app_user u set deactivated_at = coalesce((
      select max(a.at) from audit_entry a
      where a.entity_type = 'identity.user' and a.entity_id = u.id::text and a.action = 'identity.user.deactivate'
    ), now())
    where not u.is_active`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('deactivated_at').execute();
}
