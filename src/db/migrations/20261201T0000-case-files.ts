import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_type_version')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_type_version_pk', ['code', 'valid_from'])
    .execute();

  // The parties' registry is kept per office: the same passport or fiscal code is one person there.
  await db.schema
    .createTable('person')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('M', 'F')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('birth_place', 'text', (c) => c.notNull())
    .addColumn('citizenship', 'text', (c) => c.notNull())
    .addColumn('citizenship_cadastral_code', 'text')
    .addColumn('passport_number', 'text')
    .addColumn('passport_expiry', 'date')
    .addColumn('fiscal_code', 'text')
    .addColumn('fiscal_code_warnings', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_passport_unique')
    .on('person')
    .unique()
    // passport first: the intake looks persons up by passport numbers
    .columns(['organisation_id', 'passport_number', 'citizenship'])
    .where(sql.ref('passport_number'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('person_fiscal_code_unique')
    .on('person')
    .unique()
    .columns(['organisation_id', 'fiscal_code'])
    .where(sql.ref('fiscal_code'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('person_name')
    .on('person')
    .columns(['organisation_id', 'surname', 'given_name'])
    .execute();

  await db.schema
    .createTable('employer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('COMPANY', 'PERSON')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text', (c) => c.notNull())
    .addColumn('vat_number', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('pec', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('employer_fiscal_code_unique', ['organisation_id', 'fiscal_code'])
    .execute();

  await db.schema
    .createTable('quota')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().check(sql`total >= 0`))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_pk', ['organisation_id', 'year', 'sector'])
    .addCheckConstraint('quota_never_exceeded', sql`used between 0 and total`)
    .execute();

  await db.schema
    .createTable('protocol_counter')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('protocol_counter_pk', ['organisation_id', 'year'])
    .execute();

  await db.schema
    .createTable('case_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('type_valid_from', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('closed', 'boolean', (c) => c.notNull())
    .addColumn('awaiting_opinions', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('DESK', 'API', 'IMPORT')`))
    .addColumn('external_reference', 'text')
    .addColumn('quota_year', 'integer')
    .addColumn('quota_sector', 'text')
    .addColumn('quota_rank', 'integer')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('clock_suspended', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('high_risk_country', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('assignee_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('case_file_sequence_unique', ['organisation_id', 'year', 'sequence'])
    .execute();
  // The worklist: open cases of an office by due date, optionally of one assignee, state or type.
  await db.schema
    .createIndex('case_file_worklist')
    .on('case_file')
    .columns(['organisation_id', 'closed', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('case_file_assignee')
    .on('case_file')
    .columns(['organisation_id', 'assignee_id', 'closed', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('case_file_state')
    .on('case_file')
    .columns(['organisation_id', 'state', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('case_file_type')
    .on('case_file')
    .columns(['organisation_id', 'type_code', 'closed', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('case_file_arrival')
    .on('case_file')
    .columns(['organisation_id', 'closed', 'received_at', 'id'])
    .execute();
  // Filters the planner cannot serve in due-date order from the indexes above ("is null", booleans).
  await db.schema
    .createIndex('case_file_unassigned')
    .on('case_file')
    .columns(['organisation_id', 'due_on', 'id'])
    .where(sql.ref('assignee_id'), 'is', null)
    .where(sql.ref('closed'), '=', false)
    .execute();
  await db.schema
    .createIndex('case_file_awaiting_opinions')
    .on('case_file')
    .columns(['organisation_id', 'due_on', 'id'])
    .where(sql.ref('awaiting_opinions'), '=', true)
    .where(sql.ref('closed'), '=', false)
    .execute();
  await db.schema
    .createIndex('case_file_language')
    .on('case_file')
    .columns(['organisation_id', 'language', 'closed', 'due_on', 'id'])
    .execute();

  await db.schema
    .createTable('case_party')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('employer_id', 'uuid', (c) => c.references('employer.id'))
    .addPrimaryKeyConstraint('case_party_pk', ['case_id', 'role'])
    .addCheckConstraint('case_party_one_kind', sql`num_nonnulls(person_id, employer_id) = 1`)
    .execute();
  await db.schema.createIndex('case_party_person').on('case_party').column('person_id').execute();
  await db.schema.createIndex('case_party_employer').on('case_party').column('employer_id').execute();

  await db.schema
    .createTable('case_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('on_day', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('clock_event', 'text')
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('case_event_case').on('case_event').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('case_opinion')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('FAVOURABLE', 'UNFAVOURABLE')`))
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('case_opinion_case').on('case_opinion').column('case_id').execute();

  await db.schema
    .createTable('intake_request')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_request_pk', ['organisation_id', 'idempotency_key'])
    .execute();

  // Systems that submit cases (the national portal, an import): a bearer token bound to one office.
  await db.schema
    .createTable('api_client')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('saved_view')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('saved_view_name_unique', ['user_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'saved_view',
    'api_client',
    'intake_request',
    'case_opinion',
    'case_event',
    'case_party',
    'case_file',
    'protocol_counter',
    'quota',
    'employer',
    'person',
    'case_type_version',
  ])
    await db.schema.dropTable(table).execute();
}
