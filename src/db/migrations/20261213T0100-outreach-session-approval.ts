import { type Kysely, sql } from 'kysely';

/**
 * Sessions by invitation: a registration waits for the staff's approval, then takes a seat or its place at
 * the end of the waitlist like any newcomer of that moment; or it is declined.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outreach_session')
    .addColumn('requires_approval', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('outreach_registration')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  // A request waiting for approval is alive too: the same address cannot ask twice.
  await sql`drop index outreach_registration_once`.execute(db);
  await sql`create unique index outreach_registration_once on outreach_registration (session_id, email)
    where status in ('CONFIRMED', 'WAITLISTED', 'OFFERED', 'PENDING')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Requests still waiting, or declined, had no seat: they end as cancelled.
  await sql`update outreach_registration set status = 'CANCELLED', cancelled_at = coalesce(decided_at, created_at)
    where status in ('PENDING', 'DECLINED')`.execute(db);
  await sql`drop index outreach_registration_once`.execute(db);
  await sql`create unique index outreach_registration_once on outreach_registration (session_id, email)
    where status in ('CONFIRMED', 'WAITLISTED', 'OFFERED')`.execute(db);
  await db.schema
    .alterTable('outreach_registration')
    .dropColumn('decided_by')
    .dropColumn('decided_at')
    .execute();
  await db.schema.alterTable('outreach_session').dropColumn('requires_approval').execute();
}
