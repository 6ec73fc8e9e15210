import { type Kysely, sql } from 'kysely';

/**
 * The procurement files of a project and the legal expert's checks: the thresholds of each code of public
 * contracts as data (see decision 083 for their sources), the files with their documents and the expenses
 * paid under them, and the checks, each with its answers; the current check is the file's standing, the
 * earlier ones stay as its history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_procurement_threshold')
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code in ('DLGS_50_2016', 'DLGS_36_2023')`))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('WORKS', 'SUPPLIES_SERVICES')`))
    .addColumn('procedure', 'text', (c) => c.notNull().check(sql`procedure in ('DIRECT_AWARD')`))
    .addColumn('limit_cents', 'bigint', (c) => c.notNull().check(sql`limit_cents > 0`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_procurement_threshold_pk', ['code', 'valid_from', 'scope', 'procedure'])
    .execute();
  // The direct-award ceilings, net of VAT, by the day of the decision to contract.
  await sql`insert into project_procurement_threshold (code, valid_from, scope, procedure, limit_cents, source)
    values
      ('DLGS_50_2016', '2016-04-19', 'WORKS', 'DIRECT_AWARD', 4000000, 'art. 36, c. 2, lett. a) D.Lgs. 50/2016'),
      ('DLGS_50_2016', '2016-04-19', 'SUPPLIES_SERVICES', 'DIRECT_AWARD', 4000000, 'art. 36, c. 2, lett. a) D.Lgs. 50/2016'),
      ('DLGS_50_2016', '2020-07-17', 'WORKS', 'DIRECT_AWARD', 15000000, 'art. 1, c. 2, lett. a) D.L. 76/2020'),
      ('DLGS_50_2016', '2020-07-17', 'SUPPLIES_SERVICES', 'DIRECT_AWARD', 7500000, 'art. 1, c. 2, lett. a) D.L. 76/2020'),
      ('DLGS_50_2016', '2021-06-01', 'WORKS', 'DIRECT_AWARD', 15000000, 'art. 1, c. 2, lett. a) D.L. 76/2020 come modificato dal D.L. 77/2021'),
      ('DLGS_50_2016', '2021-06-01', 'SUPPLIES_SERVICES', 'DIRECT_AWARD', 13900000, 'art. 1, c. 2, lett. a) D.L. 76/2020 come modificato dal D.L. 77/2021'),
      ('DLGS_36_2023', '2023-07-01', 'WORKS', 'DIRECT_AWARD', 15000000, 'art. 50, c. 1, lett. a) D.Lgs. 36/2023'),
      ('DLGS_36_2023', '2023-07-01', 'SUPPLIES_SERVICES', 'DIRECT_AWARD', 14000000, 'art. 50, c. 1, lett. b) D.Lgs. 36/2023')
  `.execute(db);

  await db.schema
    .createTable('project_procurement')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('SUPPLIES', 'SERVICES', 'WORKS', 'INDIVIDUAL')`),
    )
    .addColumn('procedure', 'text', (c) =>
      c.notNull().check(sql`procedure in ('DIRECT_AWARD', 'NEGOTIATED', 'OPEN', 'PUBLIC_NOTICE')`),
    )
    .addColumn('cig', 'text', (c) => c.check(sql`cig ~ '^[A-Z0-9]{10}$'`))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('contractor_name', 'text')
    .addColumn('decision_on', 'date', (c) => c.notNull())
    .addColumn('contract_on', 'date')
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code in ('DLGS_50_2016', 'DLGS_36_2023')`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // an individual assignment has no CIG
    .addCheckConstraint('project_procurement_cig', sql`kind <> 'INDIVIDUAL' or cig is null`)
    .addCheckConstraint('project_procurement_dates', sql`contract_on is null or contract_on >= decision_on`)
    .execute();
  await db.schema
    .createIndex('project_procurement_project')
    .on('project_procurement')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('project_procurement_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('procurement_id', 'uuid', (c) => c.notNull().references('project_procurement.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('DETERMINATION', 'NOTICE', 'OFFERS', 'CONTRACT', 'REQUIREMENTS', 'OTHER')`),
    )
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('project_procurement_document_file')
    .on('project_procurement_document')
    .column('procurement_id')
    .execute();
  await db.schema
    .createIndex('project_procurement_document_sha256')
    .on('project_procurement_document')
    .column('sha256')
    .execute();

  await db.schema
    .createTable('project_procurement_expense')
    .addColumn('expense_id', 'uuid', (c) => c.primaryKey().references('project_expense.id'))
    .addColumn('procurement_id', 'uuid', (c) => c.notNull().references('project_procurement.id'))
    .addColumn('linked_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_procurement_expense_file')
    .on('project_procurement_expense')
    .column('procurement_id')
    .execute();

  await db.schema
    .createTable('project_procurement_check')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('procurement_id', 'uuid', (c) => c.notNull().references('project_procurement.id'))
    // the checks of a file in the order they were made: 1, 2, 3…
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('POSITIVE', 'POSITIVE_WITH_REMARKS', 'NEGATIVE')`),
    )
    .addColumn('notes', 'text')
    .addColumn('checked_on', 'date', (c) => c.notNull())
    .addColumn('checked_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('checked_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull())
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('superseded_reason', 'text', (c) =>
      c.check(sql`superseded_reason in ('NEW_CHECK', 'FILE_CHANGED')`),
    )
    .addUniqueConstraint('project_procurement_check_number', ['procurement_id', 'number'])
    .addCheckConstraint(
      'project_procurement_check_superseded',
      sql`is_current = (superseded_at is null) and (superseded_at is null) = (superseded_reason is null)`,
    )
    .execute();
  await db.schema
    .createIndex('project_procurement_check_one_current')
    .on('project_procurement_check')
    .column('procurement_id')
    .unique()
    .where(sql.ref('is_current'), '=', true)
    .execute();
  await db.schema
    .createTable('project_procurement_check_item')
    .addColumn('check_id', 'uuid', (c) => c.notNull().references('project_procurement_check.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('YES', 'NO', 'NOT_APPLICABLE')`))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('project_procurement_check_item_pk', ['check_id', 'position'])
    .addUniqueConstraint('project_procurement_check_item_once', ['check_id', 'item'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'project_procurement_check_item',
    'project_procurement_check',
    'project_procurement_expense',
    'project_procurement_document',
    'project_procurement',
    'project_procurement_threshold',
  ])
    await db.schema.dropTable(table).execute();
}
