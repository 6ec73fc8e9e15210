import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The file itself lives in the content-addressed store (`<dataDir>/files/<sha256>`); this is its metadata.
  await db.schema
    .createTable('case_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('checklist_code', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('media_type', 'text', (c) =>
      c.notNull().check(sql`media_type in ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('superseded_by', 'uuid', (c) => c.references('case_document.id'))
    .execute();
  // One version number per checklist item of a case; documents outside the checklist are not versioned.
  await db.schema
    .createIndex('case_document_version_unique')
    .on('case_document')
    .unique()
    .columns(['case_id', 'checklist_code', 'version'])
    .where(sql.ref('checklist_code'), 'is not', null)
    .execute();
  await db.schema.createIndex('case_document_case').on('case_document').column('case_id').execute();

  // The documents a case ends with (nulla osta, decree of rejection): the data they are printed from.
  await db.schema
    .createTable('case_outcome')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    .addColumn('reason', 'text')
    .addColumn('issued_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'case_outcome_valid_after_issue',
      sql`valid_until is null or valid_until >= issued_on`,
    )
    .execute();
  await db.schema.createIndex('case_outcome_case').on('case_outcome').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_outcome').execute();
  await db.schema.dropTable('case_document').execute();
}
