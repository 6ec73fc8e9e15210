import { type Kysely, sql } from 'kysely';

/**
 * The reimbursement claims (domande di rimborso) of a project: the expenses each takes, the corrections recorded
 * after its submission, the independent auditor's outcome per expense and the verification's verbale with its
 * signed copy. A submitted claim is never rewritten: `project_expense.claim_id` and the timesheets' `claim_id`
 * name it from then on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_claim')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('INTERMEDIATE', 'FINAL')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'SUBMITTED', 'VERIFIED')`))
    .addColumn('budget_version', 'integer')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('submitted_by_name', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_claim_number', ['project_id', 'number'])
    .addCheckConstraint('project_claim_period', sql`period_end >= period_start`)
    .addCheckConstraint(
      'project_claim_submitted',
      sql`(status = 'DRAFT') = (submitted_at is null) and (submitted_at is null) = (budget_version is null)`,
    )
    .execute();
  // at most one final claim per project
  await db.schema
    .createIndex('project_claim_one_final')
    .on('project_claim')
    .column('project_id')
    .unique()
    .where(sql.ref('kind'), '=', 'FINAL')
    .execute();

  await db.schema
    .createTable('project_claim_expense')
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('project_claim.id'))
    .addColumn('expense_id', 'uuid', (c) => c.notNull().references('project_expense.id').unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_claim_expense_pk', ['claim_id', 'expense_id'])
    .execute();

  await db.schema
    .createTable('project_claim_correction')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('project_claim.id'))
    .addColumn('expense_id', 'uuid', (c) => c.references('project_expense.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents <> 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_claim_correction_claim')
    .on('project_claim_correction')
    .column('claim_id')
    .execute();

  await db.schema
    .createTable('project_claim_outcome')
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('project_claim.id'))
    .addColumn('expense_id', 'uuid', (c) => c.notNull().references('project_expense.id'))
    .addColumn('checklist', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('ADMITTED', 'PARTIAL', 'NOT_ADMITTED')`),
    )
    .addColumn('admitted_cents', 'bigint', (c) => c.notNull().check(sql`admitted_cents >= 0`))
    .addColumn('reasons', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_claim_outcome_pk', ['claim_id', 'expense_id'])
    .addForeignKeyConstraint(
      'project_claim_outcome_expense',
      ['claim_id', 'expense_id'],
      'project_claim_expense',
      ['claim_id', 'expense_id'],
    )
    .addCheckConstraint(
      'project_claim_outcome_reasons',
      sql`outcome = 'ADMITTED' or (reasons is not null and length(reasons) > 0)`,
    )
    .execute();

  await db.schema
    .createTable('project_claim_verbale')
    .addColumn('claim_id', 'uuid', (c) => c.primaryKey().references('project_claim.id'))
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('closed_by_name', 'text', (c) => c.notNull())
    .addColumn('claimed_cents', 'bigint', (c) => c.notNull())
    .addColumn('admitted_cents', 'bigint', (c) => c.notNull())
    // the audit trail's latest seal when the verbale was drawn up: printed in its footer
    .addColumn('seal_position', 'bigint')
    .addColumn('seal_hash', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('signed_sha256', 'text')
    .addColumn('signed_size', 'integer')
    .addColumn('signed_media_type', 'text')
    .addColumn('signed_file_name', 'text')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('signed_by', 'uuid', (c) => c.references('app_user.id'))
    .addCheckConstraint(
      'project_claim_verbale_signed',
      sql`(signed_sha256 is null) = (signed_at is null) and (signed_at is null) = (signed_by is null)`,
    )
    .execute();
  await db.schema
    .createIndex('project_claim_verbale_sha256')
    .on('project_claim_verbale')
    .column('sha256')
    .execute();
  await db.schema
    .createIndex('project_claim_verbale_signed_sha256')
    .on('project_claim_verbale')
    .column('signed_sha256')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'project_claim_verbale',
    'project_claim_outcome',
    'project_claim_correction',
    'project_claim_expense',
    'project_claim',
  ])
    await db.schema.dropTable(table).execute();
}
