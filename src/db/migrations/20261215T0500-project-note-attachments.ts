import type { Kysely } from 'kysely';

/** Files attached to a work package's monthly progress note (minutes, photos, reports), kept by content. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_note_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('note_id', 'uuid', (c) => c.notNull().references('project_progress_note.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('project_note_attachment_note')
    .on('project_note_attachment')
    .column('note_id')
    .execute();
  await db.schema
    .createIndex('project_note_attachment_sha256')
    .on('project_note_attachment')
    .column('sha256')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_note_attachment').execute();
}
