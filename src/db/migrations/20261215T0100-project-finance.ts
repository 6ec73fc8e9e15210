import { type Kysely, sql } from 'kysely';

const LINE_CODES = sql`('A', 'B', 'C', 'D', 'E', 'F', 'G1', 'G2', 'H', 'I', 'J')`;

/**
 * The project's budget and expenses for the funder's reporting: each rulebook's caps and expense rules as data;
 * the budget as versions (the initial one, then each re-modulation approved by the Managing Authority) with
 * lines per macro-voce and partner; the expenses with their supporting document, payment, cancellation stamp
 * and attachments. `claim_id` names the reimbursement claim that will lock an expense.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_rulebook')
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('cup_required', 'boolean', (c) => c.notNull())
    .addColumn('cash_limit_cents', 'bigint', (c) => c.notNull().check(sql`cash_limit_cents >= 0`))
    .addPrimaryKeyConstraint('project_rulebook_pk', ['programme', 'valid_from'])
    .execute();
  await db.schema
    .createTable('project_budget_cap')
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('max_basis_points', 'integer', (c) =>
      c.notNull().check(sql`max_basis_points between 0 and 10000`),
    )
    .addPrimaryKeyConstraint('project_budget_cap_pk', ['programme', 'valid_from', 'code'])
    .addForeignKeyConstraint('project_budget_cap_rulebook', ['programme', 'valid_from'], 'project_rulebook', [
      'programme',
      'valid_from',
    ])
    .execute();
  // Allegato 5 – Budget of a FAMI 2014-2020 call: G ≤ 7 %, G1 ≤ 7 %, G2 ≤ 2 % of direct costs; indirect costs
  // as a flat rate of 7 % of direct costs. The 2021-2027 grant agreements keep the same two controllers.
  // CUP on every document of publicly funded spending: art. 11 L. 3/2003. Cash: see decision 078.
  for (const [programme, validFrom] of [
    ['FAMI_2014_2020', '2014-01-01'],
    ['FAMI_2021_2027', '2021-01-01'],
  ] as const) {
    await sql`insert into project_rulebook (programme, valid_from, cup_required, cash_limit_cents)
      values (${programme}, ${validFrom}, true, 50000)`.execute(db);
    await sql`insert into project_budget_cap (programme, valid_from, code, subject, lines, max_basis_points)
      values
        (${programme}, ${validFrom}, 'G', 'Le spese per revisore indipendente ed esperto legale (G)', 'G1,G2', 700),
        (${programme}, ${validFrom}, 'G1', 'Le spese per il revisore indipendente (G1)', 'G1', 700),
        (${programme}, ${validFrom}, 'G2', 'Le spese per l’esperto legale (G2)', 'G2', 200),
        (${programme}, ${validFrom}, 'I', 'I costi indiretti (I)', 'I', 700)`.execute(db);
  }

  await db.schema
    .createTable('project_budget_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('reason', 'text')
    .addColumn('approved_on', 'date')
    .addColumn('approval_reference', 'text')
    .addColumn('is_current', 'boolean', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_budget_version_number', ['project_id', 'number'])
    // a re-modulation carries the Managing Authority's approval; the initial budget is the grant's own
    .addCheckConstraint(
      'project_budget_version_approval',
      sql`number = 1 or (reason is not null and approved_on is not null and approval_reference is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('project_budget_version_one_current')
    .on('project_budget_version')
    .column('project_id')
    .unique()
    .where(sql.ref('is_current'), '=', true)
    .execute();
  await db.schema
    .createTable('project_budget_line')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('project_budget_version.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code in ${LINE_CODES}`))
    .addColumn('description', 'text')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addUniqueConstraint('project_budget_line_position', ['version_id', 'position'])
    .execute();

  await db.schema
    .createTable('project_expense')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('project.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('line_code', 'text', (c) => c.notNull().check(sql`line_code in ${LINE_CODES}`))
    .addColumn('work_package_id', 'uuid', (c) => c.references('project_work_package.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) =>
      c.notNull().check(sql`document_type in ('INVOICE', 'PAYSLIP', 'NOTULA', 'RECEIPT', 'OTHER')`),
    )
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('document_date', 'date', (c) => c.notNull())
    .addColumn('supplier_name', 'text', (c) => c.notNull())
    .addColumn('supplier_tax_code', 'text', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull().check(sql`net_cents >= 0`))
    .addColumn('vat_cents', 'bigint', (c) => c.notNull().check(sql`vat_cents >= 0`))
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('cig', 'text')
    .addColumn('cup', 'text')
    .addColumn('payment_date', 'date')
    .addColumn('payment_method', 'text', (c) =>
      c.check(sql`payment_method in ('BANK_TRANSFER', 'F24', 'CARD', 'CHEQUE', 'CASH', 'OTHER')`),
    )
    .addColumn('payment_reference', 'text')
    .addColumn('annulled', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'COMPLETE')`))
    // the reimbursement claim that locks the expense; the claims' table comes with the claims
    .addColumn('claim_id', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('project_expense_total', sql`total_cents = net_cents + vat_cents`)
    .addCheckConstraint('project_expense_amount', sql`amount_cents > 0 and amount_cents <= total_cents`)
    .execute();
  await db.schema.createIndex('project_expense_project').on('project_expense').column('project_id').execute();
  // the double-funding check looks a document up across every project
  await db.schema
    .createIndex('project_expense_document')
    .on('project_expense')
    .columns(['supplier_tax_code', 'document_number', 'document_date'])
    .execute();
  await db.schema
    .createTable('project_expense_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('expense_id', 'uuid', (c) => c.notNull().references('project_expense.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('DOCUMENT', 'PAYMENT', 'STAMP', 'OTHER')`),
    )
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('project_expense_attachment_expense')
    .on('project_expense_attachment')
    .column('expense_id')
    .execute();
  await db.schema
    .createIndex('project_expense_attachment_sha256')
    .on('project_expense_attachment')
    .column('sha256')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'project_expense_attachment',
    'project_expense',
    'project_budget_line',
    'project_budget_version',
    'project_budget_cap',
    'project_rulebook',
  ])
    await db.schema.dropTable(table).execute();
}
