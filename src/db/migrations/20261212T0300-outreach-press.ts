import { type Kysely, sql } from 'kysely';

/**
 * The press office of WP4: contacts with the legal basis for writing to them and their unsubscription,
 * press releases written and reviewed, then sent through the e-mail outbox to chosen contacts, each send
 * on record with the mail that carried it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_press_contact')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('beat', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('legal_basis_note', 'text')
    .addColumn('unsubscribed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index outreach_press_contact_email on outreach_press_contact (lower(email))`.execute(
    db,
  );

  await db.schema
    .createTable('outreach_press_release')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('sent_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_press_send')
    .addColumn('release_id', 'uuid', (c) => c.notNull().references('outreach_press_release.id'))
    .addColumn('contact_id', 'uuid', (c) => c.notNull().references('outreach_press_contact.id'))
    .addColumn('mail_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('outreach_press_send_pk', ['release_id', 'contact_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outreach_press_send', 'outreach_press_release', 'outreach_press_contact'])
    await db.schema.dropTable(table).execute();
}
