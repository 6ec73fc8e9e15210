import { type Kysely, sql } from 'kysely';

/**
 * After an event: the sessions whose attendance certificates the staff opened, the certificates issued on
 * request (one per registration, numbered per year) and the follow-up questionnaire with its invitations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_certificate_opening')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey().references('outreach_session.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    // The end of the request window: the links sent on opening expire then.
    .addColumn('requests_until', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_certificate_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_attendance_certificate')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // One certificate per registration: asking again finds the first.
    .addColumn('registration_id', 'uuid', (c) => c.notNull().unique().references('outreach_registration.id'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('outreach_session.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('event_title', 'text', (c) => c.notNull())
    .addColumn('session_label', 'text', (c) => c.notNull())
    .addColumn('session_starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('session_ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema
    .createIndex('outreach_attendance_certificate_session')
    .on('outreach_attendance_certificate')
    .column('session_id')
    .execute();

  await db.schema
    .createTable('outreach_follow_up_survey')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey().references('outreach_event.id'))
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().unique().references('survey_questionnaire.id'))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('CHECKED_IN', 'CONFIRMED')`))
    .addColumn('launched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('launched_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();

  await db.schema
    .createTable('outreach_follow_up_invitation')
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('survey_questionnaire.id'))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('outreach_registration.id'))
    .addColumn('has_answered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('outreach_follow_up_invitation_pk', ['questionnaire_id', 'registration_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outreach_follow_up_invitation',
    'outreach_follow_up_survey',
    'outreach_attendance_certificate',
    'outreach_certificate_counter',
    'outreach_certificate_opening',
  ])
    await db.schema.dropTable(table).execute();
}
