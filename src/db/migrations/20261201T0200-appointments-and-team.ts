import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The SUI's desks, where applicants are convoked.
  await db.schema
    .createTable('desk')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('desk_name_unique', ['organisation_id', 'name'])
    .execute();

  // Opening hours per ISO weekday (1 Monday … 7 Sunday), one row per window, cut into slots of equal length.
  await db.schema
    .createTable('desk_opening')
    .addColumn('desk_id', 'uuid', (c) => c.notNull().references('desk.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('opens', 'time', (c) => c.notNull())
    .addColumn('closes', 'time', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes between 5 and 240`))
    .addPrimaryKeyConstraint('desk_opening_pk', ['desk_id', 'weekday', 'opens'])
    .addCheckConstraint('desk_opening_window', sql`opens < closes`)
    .execute();

  await db.schema
    .createTable('appointment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('desk_id', 'uuid', (c) => c.notNull().references('desk.id'))
    .addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('SCHEDULED', 'ATTENDED', 'NO_SHOW', 'RESCHEDULED', 'CANCELLED')`),
    )
    .addColumn('documents_to_bring', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('recipient_email', 'text')
    .addColumn('via_pec', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('mediator_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('language', 'text')
    .addColumn('rescheduled_from', 'uuid', (c) => c.references('appointment.id'))
    .addColumn('letter_sent_at', 'timestamptz')
    .addColumn('outcome_notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addCheckConstraint('appointment_interval', sql`starts_at < ends_at`)
    .execute();
  // No double booking. Every slot of a desk starts on that desk's grid (opening time + n × slot length), so
  // two bookings of one desk overlap exactly when they start at the same instant: a unique index on the start
  // is the overlap test, and it holds under any concurrency. A mediator's bookings at desks with different
  // grids are also checked for overlap in the service, under a lock on the mediator.
  await db.schema
    .createIndex('appointment_desk_slot_unique')
    .on('appointment')
    .unique()
    .columns(['desk_id', 'starts_at'])
    .where(sql.ref('status'), '=', 'SCHEDULED')
    .execute();
  await db.schema
    .createIndex('appointment_mediator_slot_unique')
    .on('appointment')
    .unique()
    .columns(['mediator_id', 'starts_at'])
    .where(sql<boolean>`status = 'SCHEDULED' and mediator_id is not null`)
    .execute();
  await db.schema
    .createIndex('appointment_agenda')
    .on('appointment')
    .columns(['organisation_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointment_case')
    .on('appointment')
    .columns(['case_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointment_mediator')
    .on('appointment')
    .columns(['mediator_id', 'starts_at'])
    .where(sql.ref('mediator_id'), 'is not', null)
    .execute();

  // The languages (ISO 639-1) a linguistic-cultural mediator covers.
  await db.schema
    .createTable('mediator_language')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language ~ '^[a-z]{2}$'`))
    .addPrimaryKeyConstraint('mediator_language_pk', ['user_id', 'language'])
    .execute();
  await db.schema
    .createIndex('mediator_language_language')
    .on('mediator_language')
    .columns(['language', 'user_id'])
    .execute();

  // An operator's question to the legal expert on a case, with the day the answer is due.
  await db.schema
    .createTable('legal_question')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('asked_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('answered_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answer', 'text')
    .addCheckConstraint(
      'legal_question_answered',
      sql`(answered_at is null) = (answer is null) and (answered_at is null) = (answered_by is null)`,
    )
    .execute();
  await db.schema
    .createIndex('legal_question_queue')
    .on('legal_question')
    .columns(['organisation_id', 'due_on', 'asked_at'])
    .where(sql.ref('answered_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('legal_question_case')
    .on('legal_question')
    .columns(['case_id', 'asked_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['legal_question', 'mediator_language', 'appointment', 'desk_opening', 'desk'])
    await db.schema.dropTable(table).execute();
}
