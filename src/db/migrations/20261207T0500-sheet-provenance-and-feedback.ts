import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Who wrote a sheet's text and how a translation was made, for the working copy and the published one; and
  // who validated the published copy. The first release published every shipped text as "reviewed" at the
  // moment it was installed, with no reviewer: those texts were never validated, so they become drafts
  // that the public reads with the label "bozza, non ancora verificata" until a real review.
  await db.schema
    .alterTable('procedure_sheet_text')
    .addColumn('provenance', 'jsonb')
    .addColumn('published_provenance', 'jsonb')
    .addColumn('published_reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`
    update procedure_sheet_text
       set published_reviewed_by = reviewed_by
     where reviewed_by is not null and published_revision = revision`.execute(db);
  await sql`
    update procedure_sheet_text set published_reviewed_at = null where published_reviewed_by is null`.execute(
    db,
  );
  await sql`
    update procedure_sheet_text
       set status = 'DRAFT', reviewed_at = null
     where reviewed_by is null and status <> 'DRAFT'`.execute(db);

  // Answers to "was this page useful?": counts only, per sheet, language, answer and reason from a fixed list.
  await db.schema
    .createTable('sheet_feedback')
    .addColumn('sheet_code', 'text', (c) => c.notNull().references('procedure_sheet.code'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language ~ '^[a-z]{2,3}$'`))
    .addColumn('useful', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('none', 'unclear', 'missing', 'outdated', 'language', 'other')`),
    )
    .addColumn('answers', 'integer', (c) => c.notNull().check(sql`answers >= 0`))
    .addPrimaryKeyConstraint('sheet_feedback_pk', ['sheet_code', 'language', 'useful', 'reason'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sheet_feedback').execute();
  for (const column of ['published_reviewed_by', 'published_provenance', 'provenance'])
    await db.schema.alterTable('procedure_sheet_text').dropColumn(column).execute();
}
