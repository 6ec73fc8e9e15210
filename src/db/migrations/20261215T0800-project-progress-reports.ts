import { type Kysely, sql } from 'kysely';

/**
 * The project's progress reports: per project and period, the facts assembled for the draft (kept as they were)
 * and the sections the project manager edits until the report is final.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_report')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('INTERMEDIATE', 'FINAL')`))
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'FINAL')`))
    .addColumn('snapshot_id', 'uuid', (c) => c.references('project_indicator_snapshot.id'))
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finalised_at', 'timestamptz')
    .addColumn('finalised_by_name', 'text')
    .addCheckConstraint('project_report_period', sql`period_to >= period_from`)
    .execute();
  await db.schema
    .createIndex('project_report_project')
    .on('project_report')
    .columns(['project_id', 'period_to'])
    .execute();
  await db.schema
    .createTable('project_report_section')
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('project_report.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_report_section_pk', ['report_id', 'key'])
    .execute();
  // A final report is the one sent: its facts and sections stay as they were.
  await sql`
    create function project_report_final_locked() returns trigger language plpgsql as $$
    begin
      if old.status = 'FINAL' then
        raise exception 'a final progress report is never changed';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger project_report_final_locked
    before update or delete on project_report
    for each row execute function project_report_final_locked()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_report_section').execute();
  await db.schema.dropTable('project_report').execute();
  await sql`drop function project_report_final_locked()`.execute(db);
}
