import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The plenary council and its thematic tables: one row each, with the organisation that coordinates it.
  await db.schema
    .createTable('council_table')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('PLENARY', 'THEMATIC')`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('mandate', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('coordinator_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('council_table_period', sql`ends_on is null or starts_on <= ends_on`)
    .execute();

  // Who sits at a table, and from when to when: a change of representative closes one row and opens another.
  await db.schema
    .createTable('council_membership')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('representative_name', 'text', (c) => c.notNull())
    .addColumn('representative_email', 'text', (c) => c.notNull())
    .addColumn('deputy_name', 'text')
    .addColumn('deputy_email', 'text')
    .addColumn('from_on', 'date', (c) => c.notNull())
    .addColumn('to_on', 'date')
    .addCheckConstraint('council_membership_period', sql`to_on is null or from_on <= to_on`)
    .execute();
  await db.schema
    .createIndex('council_membership_current')
    .on('council_membership')
    .unique()
    .columns(['table_id', 'organisation_id'])
    .where(sql.ref('to_on'), 'is', null)
    .execute();
  await db.schema
    .createIndex('council_membership_organisation')
    .on('council_membership')
    .columns(['organisation_id', 'table_id'])
    .execute();

  await db.schema
    .createTable('council_meeting')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('CONVENED', 'HELD', 'CANCELLED')`))
    .addColumn('minutes_status', 'text', (c) =>
      c.notNull().check(sql`minutes_status in ('NONE', 'DRAFT', 'CIRCULATED', 'REVISED', 'APPROVED')`),
    )
    // The last version sent out to the participants: the drafts after it stay with the secretariat.
    .addColumn('minutes_circulated_version', 'integer')
    .addColumn('minutes_approved_at', 'timestamptz')
    .addColumn('convened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('convened_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addCheckConstraint('council_meeting_where', sql`place is not null or online_url is not null`)
    .execute();
  await db.schema
    .createIndex('council_meeting_table')
    .on('council_meeting')
    .columns(['table_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('council_agenda_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text')
    .addColumn('duration_minutes', 'integer', (c) =>
      c.notNull().check(sql`duration_minutes between 1 and 480`),
    )
    .addColumn('action_item_id', 'uuid')
    .addUniqueConstraint('council_agenda_item_position', ['meeting_id', 'position'])
    .execute();

  // One row per invited organisation: the answer before the day, and the register on the day.
  await db.schema
    .createTable('council_attendance')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('invited_email', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('PRESENT', 'DELEGATE', 'ABSENT')`))
    .addColumn('delegate_name', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('attended', 'boolean')
    .addColumn('attendee_name', 'text')
    .addPrimaryKeyConstraint('council_attendance_pk', ['meeting_id', 'organisation_id'])
    .addCheckConstraint(
      'council_attendance_delegate',
      sql`(answer = 'DELEGATE') = (delegate_name is not null)`,
    )
    .execute();

  // Every saved text of the minutes is kept; the meeting row says which stage the latest one is in.
  await db.schema
    .createTable('council_minutes_version')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('saved_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('council_minutes_version_pk', ['meeting_id', 'version'])
    .execute();

  await db.schema
    .createTable('council_minutes_comment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint(
      'council_minutes_comment_version',
      ['meeting_id', 'version'],
      'council_minutes_version',
      ['meeting_id', 'version'],
    )
    .execute();

  await db.schema
    .createTable('council_decision')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('council_agenda_item.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('council_action_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('agenda_item_id', 'uuid', (c) => c.references('council_agenda_item.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('council_decision.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_email', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`),
    )
    .addColumn('done_on', 'date')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('council_action_item_done', sql`(status = 'DONE') = (done_on is not null)`)
    .execute();
  await db.schema
    .createIndex('council_action_item_open')
    .on('council_action_item')
    .columns(['due_on'])
    .where(sql<boolean>`status in ('OPEN', 'IN_PROGRESS')`)
    .execute();
  await db.schema
    .createIndex('council_action_item_table')
    .on('council_action_item')
    .columns(['table_id', 'due_on'])
    .execute();

  await db.schema
    .createTable('council_action_note')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('action_item_id', 'uuid', (c) => c.notNull().references('council_action_item.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('council_initiative')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('council_decision.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('partners', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('budget_cents', 'bigint', (c) => c.check(sql`budget_cents >= 0`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('PLANNED', 'ACTIVE', 'COMPLETED', 'SUSPENDED')`),
    )
    .addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress between 0 and 100`))
    .addColumn('results', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('council_initiative_period', sql`starts_on <= ends_on`)
    .execute();

  await createNeedsAndResources(db);
}

/** The directory of territorial services (after Open Referral HSDS) and the questionnaires on needs. */
async function createNeedsAndResources(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('council_service')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('municipality_istat_code', 'text', (c) =>
      c.notNull().check(sql`municipality_istat_code ~ '^098[0-9]{3}$'`),
    )
    .addColumn('address', 'text')
    .addColumn('themes', sql`text[]`, (c) => c.notNull())
    .addColumn('target_groups', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('eligibility', 'text')
    .addColumn('hours', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('url', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('council_service_municipality')
    .on('council_service')
    .columns(['municipality_istat_code', 'name'])
    .execute();

  // A questionnaire's questions are data (kinds, options, conditions), validated by the module's contract.
  await db.schema
    .createTable('council_questionnaire')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'OPEN', 'CLOSED')`))
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // One answer per organisation and municipality: a member organisation edits only its own.
  await db.schema
    .createTable('council_response')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('council_questionnaire.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('municipality_istat_code', 'text', (c) =>
      c.notNull().check(sql`municipality_istat_code ~ '^098[0-9]{3}$'`),
    )
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addUniqueConstraint('council_response_once', [
      'questionnaire_id',
      'organisation_id',
      'municipality_istat_code',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'council_response',
    'council_questionnaire',
    'council_service',
    'council_initiative',
    'council_action_note',
    'council_action_item',
    'council_decision',
    'council_minutes_comment',
    'council_minutes_version',
    'council_attendance',
    'council_agenda_item',
    'council_meeting',
    'council_membership',
    'council_table',
  ])
    await db.schema.dropTable(table).execute();
}
