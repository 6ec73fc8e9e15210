import { type Kysely, sql } from 'kysely';

/**
 * The project's indicators: their definitions per project (versioned), the manual values with their evidence,
 * and the snapshots per reporting period with the values frozen in them. Indexes let the sources count a
 * period of a large office without reading every case file and opinion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_indicator')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('OUTPUT', 'RESULT')`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('baseline', 'float8', (c) => c.notNull())
    .addColumn('target', 'float8', (c) => c.notNull())
    .addColumn('work_package_id', 'uuid', (c) => c.references('project_work_package.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_indicator_code', ['project_id', 'code'])
    .execute();
  await db.schema
    .createTable('project_indicator_value')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('project_indicator.id'))
    .addColumn('value', 'float8', (c) => c.notNull())
    .addColumn('measured_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_indicator_value_day')
    .on('project_indicator_value')
    .columns(['indicator_id', 'measured_on'])
    .execute();
  await db.schema
    .createTable('project_indicator_snapshot')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('taken_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addCheckConstraint('project_indicator_snapshot_period', sql`period_to >= period_from`)
    .execute();
  await db.schema
    .createIndex('project_indicator_snapshot_project')
    .on('project_indicator_snapshot')
    .columns(['project_id', 'period_to', 'taken_at'])
    .execute();
  // Values are written once, with the snapshot, and never changed.
  await db.schema
    .createTable('project_indicator_snapshot_value')
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('project_indicator_snapshot.id'))
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('project_indicator.id'))
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('value', 'float8')
    .addColumn('parameters', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_indicator_snapshot_value_pk', ['snapshot_id', 'indicator_id'])
    .execute();
  await sql`
    create function project_indicator_snapshot_value_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a snapshot''s values are never changed';
    end $$`.execute(db);
  await sql`
    create trigger project_indicator_snapshot_value_frozen
    before update or delete on project_indicator_snapshot_value
    for each row execute function project_indicator_snapshot_value_frozen()`.execute(db);

  // The sources count a period: case files by arrival, opinions by answer, registrations by day.
  await db.schema.createIndex('case_file_received').on('case_file').column('received_at').execute();
  await db.schema
    .createIndex('opinion_request_answered')
    .on('opinion_request')
    .columns(['state', 'closed_at'])
    .execute();
  await db.schema
    .createIndex('appointment_mediator_day')
    .on('appointment')
    .columns(['starts_at', 'case_id'])
    .where(sql.ref('mediator_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('outreach_registration_day')
    .on('outreach_registration')
    .columns(['created_at', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'outreach_registration_day',
    'appointment_mediator_day',
    'opinion_request_answered',
    'case_file_received',
  ])
    await db.schema.dropIndex(index).execute();
  for (const table of [
    'project_indicator_snapshot_value',
    'project_indicator_snapshot',
    'project_indicator_value',
    'project_indicator',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function project_indicator_snapshot_value_frozen()`.execute(db);
}
