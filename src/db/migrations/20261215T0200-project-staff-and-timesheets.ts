import { type Kysely, sql } from 'kysely';

/**
 * The project's staff and assignments with their contracts, and the monthly timesheets: hours per work package
 * and activity, submitted by the person, approved or rejected by the WP supervisor, locked by a later claim.
 * Hours are kept in minutes and money in euro cents, both as integers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('INTERNAL', 'EXTERNAL', 'LEGAL_EXPERT', 'AUDITOR', 'WP_SUPERVISOR', 'CTI_CONSULTANT')`,
        ),
    )
    .addColumn('contract_reference', 'text', (c) => c.notNull())
    .addColumn('contract_starts_on', 'date', (c) => c.notNull())
    .addColumn('contract_ends_on', 'date', (c) => c.notNull())
    .addColumn('monthly_minutes_cap', 'integer', (c) => c.check(sql`monthly_minutes_cap > 0`))
    .addColumn('total_minutes_cap', 'integer', (c) => c.check(sql`total_minutes_cap > 0`))
    .addColumn('fee_cents', 'bigint', (c) => c.check(sql`fee_cents >= 0`))
    .addColumn('deliverables', 'text')
    .addColumn('annual_gross_cost_cents', 'bigint', (c) => c.check(sql`annual_gross_cost_cents > 0`))
    .addColumn('annual_hours', 'integer', (c) => c.check(sql`annual_hours > 0`))
    .addColumn('hourly_cost_cents', 'integer', (c) => c.check(sql`hourly_cost_cents >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('project_staff_contract_period', sql`contract_ends_on >= contract_starts_on`)
    .addCheckConstraint(
      'project_staff_hourly_cost',
      sql`(hourly_cost_cents is null) = (annual_gross_cost_cents is null or annual_hours is null)`,
    )
    .addUniqueConstraint('project_staff_contract', ['project_id', 'contract_reference'])
    .execute();
  await db.schema.createIndex('project_staff_user').on('project_staff').column('user_id').execute();

  await db.schema
    .createTable('project_timesheet')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('project_staff.id'))
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'LOCKED')`),
    )
    .addColumn('total_minutes', 'integer', (c) => c.notNull().check(sql`total_minutes >= 0`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('decided_by_name', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('hourly_cost_cents', 'integer')
    .addColumn('cost_cents', 'bigint')
    // The claim that charged it: the claims' table comes later, so no reference is declared here.
    .addColumn('claim_id', 'uuid')
    .addColumn('locked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_timesheet_month', ['staff_id', 'month'])
    .addCheckConstraint(
      'project_timesheet_locked',
      sql`(status = 'LOCKED') = (claim_id is not null and locked_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('project_timesheet_status')
    .on('project_timesheet')
    .columns(['status', 'month'])
    .execute();

  await db.schema
    .createTable('project_timesheet_line')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('timesheet_id', 'uuid', (c) => c.notNull().references('project_timesheet.id'))
    .addColumn('work_package_id', 'uuid', (c) => c.notNull().references('project_work_package.id'))
    .addColumn('item_id', 'uuid', (c) => c.references('project_item.id'))
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes > 0`))
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('project_timesheet_line_sheet')
    .on('project_timesheet_line')
    .column('timesheet_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['project_timesheet_line', 'project_timesheet', 'project_staff'])
    await db.schema.dropTable(table).execute();
}
