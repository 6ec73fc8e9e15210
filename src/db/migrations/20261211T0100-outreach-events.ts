import { type Kysely, sql } from 'kysely';

/**
 * The events of WP4 (final conference, theatre installation, workshops): sessions with their seats, public
 * registration with a waitlist in arrival order and offers of freed seats, check-in lists at the door.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // How long a freed seat waits for the first of the waitlist to confirm it.
    .addColumn('offer_hours', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The public text in another language than Italian.
  await db.schema
    .createTable('outreach_event_text')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('outreach_event.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('outreach_event_text_pk', ['event_id', 'language'])
    .execute();

  await db.schema
    .createTable('outreach_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('outreach_event.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('accessibility', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('registration_until', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outreach_session_event').on('outreach_session').column('event_id').execute();

  await db.schema
    .createTable('outreach_registration')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // The arrival order: numbered while the session is locked, so it is the order seats were decided in.
    .addColumn('arrival', 'bigint', (c) => c.generatedAlwaysAsIdentity().notNull().unique())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('outreach_session.id'))
    .addColumn('ticket_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('organisation_type', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('accessibility_needs', 'text')
    .addColumn('interpretation_language', 'text')
    .addColumn('consent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('offered_at', 'timestamptz')
    .addColumn('offer_expires_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  // One live registration per address and session: the same e-mail twice is refused.
  await sql`create unique index outreach_registration_once on outreach_registration (session_id, email)
    where status in ('CONFIRMED', 'WAITLISTED', 'OFFERED')`.execute(db);
  await db.schema
    .createIndex('outreach_registration_queue')
    .on('outreach_registration')
    .columns(['session_id', 'status', 'arrival'])
    .execute();
  await sql`create index outreach_registration_offers on outreach_registration (offer_expires_at)
    where status = 'OFFERED'`.execute(db);

  await db.schema
    .createTable('outreach_check_in_list')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('outreach_event.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('outreach_check_in_list_name', ['event_id', 'name'])
    .execute();

  // A ticket is valid once per list: the second scan finds the first.
  await db.schema
    .createTable('outreach_check_in')
    .addColumn('list_id', 'uuid', (c) => c.notNull().references('outreach_check_in_list.id'))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('outreach_registration.id'))
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull())
    .addColumn('checked_in_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('outreach_check_in_pk', ['list_id', 'registration_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outreach_check_in',
    'outreach_check_in_list',
    'outreach_registration',
    'outreach_session',
    'outreach_event_text',
    'outreach_event',
  ])
    await db.schema.dropTable(table).execute();
}
