import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A procedure sheet of the public portal, one per SUI procedure.
  await db.schema
    .createTable('procedure_sheet')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[a-z0-9-]{2,60}$'`))
    .addColumn('case_type', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  // The sheet in one language: the working copy under review and the copy the public reads.
  // Each edit of a text raises its revision; a translation keeps the Italian revision it was made from.
  await db.schema
    .createTable('procedure_sheet_text')
    .addColumn('sheet_code', 'text', (c) => c.notNull().references('procedure_sheet.code'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language ~ '^[a-z]{2,3}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'REVIEWED', 'PUBLISHED')`))
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('source_revision', 'integer')
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('published_content', 'jsonb')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_revision', 'integer')
    .addColumn('published_source_revision', 'integer')
    .addColumn('published_reviewed_at', 'timestamptz')
    .addPrimaryKeyConstraint('procedure_sheet_text_pk', ['sheet_code', 'language'])
    .addCheckConstraint(
      'procedure_sheet_text_published',
      sql`(published_content is null) = (published_at is null) and (published_at is null) = (published_revision is null)`,
    )
    .execute();

  // Legal terms explained in plain words, per language.
  await db.schema
    .createTable('glossary_term')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('term_key', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('glossary_term_pk', ['language', 'term_key'])
    .execute();

  // The applicant's confirmation of an appointment, from the signed link of the convocation.
  await db.schema.alterTable('appointment').addColumn('confirmed_at', 'timestamptz').execute();

  // The key that signs the appointment links: one per installation, made at first use, shared by every process.
  await db.schema
    .createTable('link_signing_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointment').dropColumn('confirmed_at').execute();
  for (const table of ['link_signing_key', 'glossary_term', 'procedure_sheet_text', 'procedure_sheet'])
    await db.schema.dropTable(table).execute();
}
