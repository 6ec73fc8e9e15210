import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // WP3: the legal expert's notes on new legislation, circulars and judgments, and who has read them.
  await db.schema
    .createTable('legal_update')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('LEGISLATION', 'CIRCULAR', 'JUDGMENT')`))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('full_text', 'text')
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'PUBLISHED')`))
    // The PDF of the act, stored by content.
    .addColumn('attachment_sha256', 'text')
    .addColumn('attachment_size', 'integer')
    .addColumn('attachment_file_name', 'text')
    // The change to a case type the update requires, and when the SUI manager applied it.
    .addColumn('change_case_type', 'text')
    .addColumn('change_note', 'text')
    .addColumn('change_applied_from', 'date')
    .addColumn('change_applied_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('change_applied_at', 'timestamptz')
    .addColumn('written_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addCheckConstraint(
      'legal_update_change',
      sql`(change_case_type is null) = (change_note is null) and (change_applied_from is null or change_case_type is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('legal_update_published')
    .on('legal_update')
    .columns(['status', 'issued_on'])
    .execute();
  await db.schema
    .createTable('legal_update_article')
    .addColumn('update_id', 'uuid', (c) => c.notNull().references('legal_update.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('act', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('paragraph', 'text')
    .addPrimaryKeyConstraint('legal_update_article_pk', ['update_id', 'position'])
    .execute();
  await db.schema
    .createTable('legal_update_case_type')
    .addColumn('update_id', 'uuid', (c) => c.notNull().references('legal_update.id'))
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_update_case_type_pk', ['update_id', 'case_type'])
    .execute();
  await db.schema
    .createIndex('legal_update_case_type_code')
    .on('legal_update_case_type')
    .column('case_type')
    .execute();
  await db.schema
    .createTable('legal_update_reading')
    .addColumn('update_id', 'uuid', (c) => c.notNull().references('legal_update.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_update_reading_pk', ['user_id', 'update_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'legal_update_reading',
    'legal_update_case_type',
    'legal_update_article',
    'legal_update',
  ])
    await db.schema.dropTable(table).execute();
}
