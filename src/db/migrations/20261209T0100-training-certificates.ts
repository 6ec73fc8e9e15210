import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Who signs the certificates: set for an edition, or for every edition of a course.
  await db.schema
    .createTable('training_signatory')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('course_id', 'uuid', (c) => c.references('training_course.id').unique())
    .addColumn('edition_id', 'uuid', (c) => c.references('training_edition.id').unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addCheckConstraint('training_signatory_one_scope', sql`num_nonnulls(course_id, edition_id) = 1`)
    .execute();
  // Certificate numbers, gap-free per year: each year's last number, taken in the issuing transaction.
  await db.schema
    .createTable('training_certificate_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
  // A certificate keeps what it attests as issued: a later change of name, title or register does not alter it.
  await db.schema
    .createTable('training_certificate')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('training_edition.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('course_title', 'text', (c) => c.notNull())
    .addColumn('edition_name', 'text', (c) => c.notNull())
    .addColumn('minutes_attended', 'integer', (c) => c.notNull())
    .addColumn('minutes_total', 'integer', (c) => c.notNull())
    .addColumn('first_day', 'date', (c) => c.notNull())
    .addColumn('last_day', 'date', (c) => c.notNull())
    .addColumn('signatory_name', 'text', (c) => c.notNull())
    .addColumn('signatory_role', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('revocation_reason', 'text')
    // one certificate per person and edition: generating again adds none
    .addUniqueConstraint('training_certificate_once', ['edition_id', 'user_id'])
    .addCheckConstraint(
      'training_certificate_revocation',
      sql`(revoked_at is null) = (revocation_reason is null) and (revoked_at is null) = (revoked_by is null)`,
    )
    .execute();
  await db.schema
    .createIndex('training_certificate_user')
    .on('training_certificate')
    .column('user_id')
    .execute();
  // A generation asked for an edition, worked by the job queue, with its progress for the page that polls it.
  await db.schema
    .createTable('training_certificate_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('training_edition.id'))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('failure', 'text')
    .execute();
  // One generation at a time per edition.
  await sql`create unique index training_certificate_run_open on training_certificate_run (edition_id)
    where finished_at is null`.execute(db);
  await db.schema
    .createIndex('training_certificate_run_edition')
    .on('training_certificate_run')
    .columns(['edition_id', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'training_certificate_run',
    'training_certificate',
    'training_certificate_counter',
    'training_signatory',
  ])
    await db.schema.dropTable(table).execute();
}
