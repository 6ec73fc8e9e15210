import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // WP3: courses of a track (public bodies, Third Sector, or both), their editions, sessions and enrolments.
  await db.schema
    .createTable('training_course')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull().check(sql`track in ('PUBLIC', 'PRIVATE', 'BOTH')`))
    .addColumn('objectives', 'text', (c) => c.notNull())
    .addColumn('topics', 'jsonb', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull().check(sql`hours > 0`))
    .addColumn('target_roles', 'text', (c) => c.notNull())
    .addColumn('prerequisites', 'text')
    .addColumn('completion_percent', 'integer', (c) =>
      c.notNull().check(sql`completion_percent between 1 and 100`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('training_course_trainer')
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('training_course.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('training_course_trainer_pk', ['course_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('training_material')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('training_course.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('training_material_course')
    .on('training_material')
    .column('course_id')
    .execute();
  await db.schema
    .createTable('training_edition')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('training_course.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('cancel_until', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_edition_course').on('training_edition').column('course_id').execute();
  await db.schema
    .createTable('training_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('training_edition.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    // The key the rotating check-in codes are derived from (HMAC): no table of codes is kept.
    .addColumn('check_in_secret', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addCheckConstraint('training_session_times', sql`ends_at > starts_at`)
    .addCheckConstraint('training_session_where', sql`place is not null or online_url is not null`)
    .execute();
  await db.schema
    .createIndex('training_session_edition')
    .on('training_session')
    .columns(['edition_id', 'starts_at'])
    .execute();
  await db.schema
    .createTable('training_enrolment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('training_edition.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('ENROLLED', 'WAITLISTED', 'CANCELLED')`),
    )
    .addColumn('enrolled_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('promoted_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  // One live enrolment (enrolled or waiting) per person and edition: a second request finds it.
  await sql`create unique index training_enrolment_live on training_enrolment (edition_id, user_id)
    where status <> 'CANCELLED'`.execute(db);
  await db.schema.createIndex('training_enrolment_user').on('training_enrolment').column('user_id').execute();
  await db.schema
    .createTable('training_attendance')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('training_session.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('REGISTER', 'CHECK_IN')`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'training_attendance',
    'training_enrolment',
    'training_session',
    'training_edition',
    'training_material',
    'training_course_trainer',
    'training_course',
  ])
    await db.schema.dropTable(table).execute();
}
