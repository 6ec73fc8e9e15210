import { type Kysely, sql } from 'kysely';

/**
 * The funded projects and their plan: each project under its programme's rulebook, its partners, work packages,
 * and the activities, deliverables and milestones of each package with planned and actual dates; the WP
 * supervisor's monthly note per package.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('acronym', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) =>
      c.notNull().check(sql`programme in ('FAMI_2014_2020', 'FAMI_2021_2027')`),
    )
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('cup', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('project_period', sql`ends_on > starts_on`)
    .execute();
  await db.schema
    .createTable('project_partner')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('LEAD', 'PARTNER')`))
    .addColumn('tasks', 'text')
    .addPrimaryKeyConstraint('project_partner_pk', ['project_id', 'organisation_id'])
    .execute();
  // One lead beneficiary per project.
  await db.schema
    .createIndex('project_partner_one_lead')
    .on('project_partner')
    .column('project_id')
    .unique()
    .where(sql.ref('role'), '=', 'LEAD')
    .execute();
  await db.schema
    .createTable('project_work_package')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('lead_organisation_id', 'uuid', (c) => c.references('organisation.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_work_package_code', ['project_id', 'code'])
    .execute();
  await db.schema
    .createTable('project_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('work_package_id', 'uuid', (c) => c.notNull().references('project_work_package.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('ACTIVITY', 'DELIVERABLE', 'MILESTONE')`),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('planned_start', 'date', (c) => c.notNull())
    .addColumn('planned_end', 'date', (c) => c.notNull())
    .addColumn('actual_start', 'date')
    .addColumn('actual_end', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')`),
    )
    .addColumn('risks', 'text')
    .addColumn('mitigation', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('project_item_planned', sql`planned_end >= planned_start`)
    .addCheckConstraint('project_item_actual', sql`actual_end is null or actual_end >= actual_start`)
    .addUniqueConstraint('project_item_code', ['work_package_id', 'code'])
    .execute();
  await db.schema
    .createTable('project_progress_note')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('work_package_id', 'uuid', (c) => c.notNull().references('project_work_package.id'))
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_progress_note_month', ['work_package_id', 'month'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'project_progress_note',
    'project_item',
    'project_work_package',
    'project_partner',
    'project',
  ])
    await db.schema.dropTable(table).execute();
}
