import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A document attached to a point of a meeting's agenda: the file lives in the content-addressed store.
  await db.schema
    .createTable('council_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('council_agenda_item.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('council_document_meeting')
    .on('council_document')
    .columns(['meeting_id', 'agenda_item_id'])
    .execute();

  // A meeting moved or cancelled: its calendar entry keeps its UID, each change raises the sequence (RFC 5545).
  await db.schema
    .alterTable('council_meeting')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0).check(sql`sequence >= 0`))
    .execute();
  await db.schema.alterTable('council_meeting').addColumn('cancel_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('council_meeting').dropColumn('cancel_reason').execute();
  await db.schema.alterTable('council_meeting').dropColumn('sequence').execute();
  await db.schema.dropTable('council_document').execute();
}
