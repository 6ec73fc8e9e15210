/** The queries of the project's budget and expenses. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  ProjectBudgetLineTable,
  ProjectBudgetVersionTable,
  ProjectExpenseAttachmentTable,
  ProjectExpenseTable,
} from '../../../db/tables/project-finance.ts';
import type { Db } from '../../../kernel/db.ts';

/** The rulebook of a programme in force on a day: what every expense must show, and the budget's caps. */
export async function rulebookOf(db: Db, programme: 'FAMI_2014_2020' | 'FAMI_2021_2027', day: string) {
  const rulebook = await db
    .selectFrom('projectRulebook')
    .select(['validFrom', 'cupRequired', 'cashLimitCents'])
    .where('programme', '=', programme)
    .where('validFrom', '<=', day)
    .orderBy('validFrom', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!rulebook) return null;
  const caps = await db
    .selectFrom('projectBudgetCap')
    .select(['code', 'subject', 'lines', 'maxBasisPoints'])
    .where('programme', '=', programme)
    .where('validFrom', '=', rulebook.validFrom)
    .orderBy('code')
    .execute();
  const required = await db
    .selectFrom('projectRequiredLine')
    .select(['code', 'subject', 'triggerKinds', 'source'])
    .where('programme', '=', programme)
    .where('validFrom', '=', rulebook.validFrom)
    .orderBy('code')
    .execute();
  return {
    cupRequired: rulebook.cupRequired,
    cashLimitCents: Number(rulebook.cashLimitCents),
    caps: caps.map((cap) => ({ ...cap, lines: cap.lines.split(',') })),
    required: required.map((line) => ({
      ...line,
      triggerKinds: line.triggerKinds === null ? null : line.triggerKinds.split(','),
    })),
  };
}

/**
 * The kinds of procurement a project has on file (supplies, services, works, individual assignments), an
 * assignment of the staff register (any contract but an employee's) counting as an individual one.
 */
export async function procurementKindsOf(db: Db, projectId: string): Promise<Set<string>> {
  const [files, assignments] = await Promise.all([
    db
      .selectFrom('projectProcurement')
      .select('kind')
      .distinct()
      .where('projectId', '=', projectId)
      .execute(),
    db
      .selectFrom('projectStaff')
      .select('id')
      .where('projectId', '=', projectId)
      .where('kind', '!=', 'INTERNAL')
      .limit(1)
      .execute(),
  ]);
  return new Set([...files.map((f) => f.kind), ...(assignments.length > 0 ? ['INDIVIDUAL'] : [])]);
}

const VERSION_COLUMNS = [
  'id',
  'number',
  'reason',
  'approvedOn',
  'approvalReference',
  'isCurrent',
  'recordedByName',
  'recordedAt',
] as const;

/** Every budget version of a project, the first one first. */
export function versionsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectBudgetVersion')
    .select(VERSION_COLUMNS)
    .where('projectId', '=', projectId)
    .orderBy('number')
    .execute();
}

export function currentVersionOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectBudgetVersion')
    .select(VERSION_COLUMNS)
    .where('projectId', '=', projectId)
    .where('isCurrent', '=', true)
    .executeTakeFirst();
}

/** The lines of some versions with their partner's name, in the order they were entered. */
export function linesOf(db: Db, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectBudgetLine as l')
    .innerJoin('organisation as o', 'o.id', 'l.organisationId')
    .select([
      'l.id',
      'l.versionId',
      'l.code',
      'l.description',
      'l.organisationId',
      'o.name as organisationName',
      'l.amountCents',
    ])
    .where('l.versionId', 'in', versionIds)
    .orderBy('l.versionId')
    .orderBy('l.position')
    .execute();
}

export async function retireCurrentVersion(db: Db, projectId: string) {
  await db
    .updateTable('projectBudgetVersion')
    .set({ isCurrent: false })
    .where('projectId', '=', projectId)
    .where('isCurrent', '=', true)
    .execute();
}

export async function insertVersion(
  db: Db,
  version: Insertable<ProjectBudgetVersionTable>,
  lines: readonly Insertable<ProjectBudgetLineTable>[],
) {
  await db.insertInto('projectBudgetVersion').values(version).execute();
  await db.insertInto('projectBudgetLine').values(lines).execute();
}

const EXPENSE_COLUMNS = [
  'e.id',
  'e.projectId',
  'e.organisationId',
  'o.name as organisationName',
  'e.lineCode',
  'e.workPackageId',
  'w.code as workPackageCode',
  'e.description',
  'e.documentType',
  'e.documentNumber',
  'e.documentDate',
  'e.supplierName',
  'e.supplierTaxCode',
  'e.netCents',
  'e.vatCents',
  'e.totalCents',
  'e.amountCents',
  'e.cig',
  'e.cup',
  'e.paymentDate',
  'e.paymentMethod',
  'e.paymentReference',
  'e.annulled',
  'e.status',
  'e.claimId',
  'e.updatedAt',
] as const;

function expenses(db: Db) {
  return db
    .selectFrom('projectExpense as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisationId')
    .leftJoin('projectWorkPackage as w', 'w.id', 'e.workPackageId')
    .select(EXPENSE_COLUMNS);
}
export type ExpenseRow = Awaited<ReturnType<ReturnType<typeof expenses>['executeTakeFirstOrThrow']>>;

export type ExpenseQuery = {
  organisationId?: string | undefined;
  lineCode?: string | undefined;
  status?: string | undefined;
};

/** A project's expenses, by document date, filtered. */
export function expensesOf(db: Db, projectId: string, filter: ExpenseQuery) {
  let query = expenses(db).where('e.projectId', '=', projectId);
  if (filter.organisationId) query = query.where('e.organisationId', '=', filter.organisationId);
  if (filter.lineCode) query = query.where('e.lineCode', '=', filter.lineCode as ExpenseRow['lineCode']);
  if (filter.status) query = query.where('e.status', '=', filter.status as ExpenseRow['status']);
  return query.orderBy('e.documentDate').orderBy('e.id').execute();
}

export function findExpense(db: Db, id: string) {
  return expenses(db).where('e.id', '=', id).executeTakeFirst();
}

/** The expense, locked against a concurrent change while it is written. */
export function lockExpense(db: Db, id: string) {
  return db.selectFrom('projectExpense').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Some expenses of a project, locked until the transaction ends, in the order of their ids (two transactions
 * locking overlapping sets never wait for each other in a circle).
 */
export function lockExpenses(db: Db, projectId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return expenses(db)
    .where('e.projectId', '=', projectId)
    .where('e.id', 'in', [...new Set(ids)])
    .orderBy('e.id')
    .forUpdate('e')
    .execute();
}

/** Removes an expense not in any claim, with its attachments and its link to a procurement file. */
export async function deleteExpense(db: Db, id: string) {
  await db.deleteFrom('projectExpenseAttachment').where('expenseId', '=', id).execute();
  await db.deleteFrom('projectProcurementExpense').where('expenseId', '=', id).execute();
  await db.deleteFrom('projectExpense').where('id', '=', id).execute();
}

/** The claim, draft or submitted, that took an expense; undefined when none did. */
export function claimOfExpense(db: Db, expenseId: string) {
  return db
    .selectFrom('projectClaimExpense as ce')
    .innerJoin('projectClaim as c', 'c.id', 'ce.claimId')
    .select(['c.id', 'c.number', 'c.status'])
    .where('ce.expenseId', '=', expenseId)
    .executeTakeFirst();
}

/** The procurement file an expense is linked to, if any. */
export function procurementOfExpense(db: Db, expenseId: string) {
  return db
    .selectFrom('projectProcurementExpense')
    .select('procurementId')
    .where('expenseId', '=', expenseId)
    .executeTakeFirst();
}

/** What each partner has charged to each macro-voce of a project. */
export async function chargedByLine(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('projectExpense')
    .select(['organisationId', 'lineCode', sql<string>`sum(amount_cents)`.as('charged')])
    .where('projectId', '=', projectId)
    .groupBy(['organisationId', 'lineCode'])
    .execute();
  return rows.map((row) => ({ ...row, chargedCents: Number(row.charged) }));
}

type DocumentKey = { supplierTaxCode: string; documentNumber: string; documentDate: string };

/**
 * Holds, until the transaction ends, the right to charge one supporting document: two expenses of the same
 * document, in this project or another, are checked one after the other.
 */
export async function lockDocument(db: Db, key: DocumentKey) {
  const name = `project-expense|${key.supplierTaxCode}|${key.documentNumber}|${key.documentDate}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(db);
}

/**
 * Holds the right to charge each of some documents, as `lockDocument` does for one, taking the locks in one
 * order so that two holders of overlapping sets never wait for each other in a circle.
 */
export async function lockDocuments(db: Db, keys: readonly DocumentKey[]) {
  const names = [
    ...new Set(
      keys.map((key) => `project-expense|${key.supplierTaxCode}|${key.documentNumber}|${key.documentDate}`),
    ),
  ].sort();
  for (let start = 0; start < names.length; start += 5000)
    await sql`select pg_advisory_xact_lock(hashtextextended(d.name, 0))
      from (values ${sql.join(names.slice(start, start + 5000).map((name) => sql`(${name})`))}) as d(name)
      order by d.name`.execute(db);
}

/** The expenses, in any project, charging some documents, with their project's acronym. */
export function chargesOfDocuments(db: Db, keys: readonly DocumentKey[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectExpense as e')
    .innerJoin('project as p', 'p.id', 'e.projectId')
    .select(['e.id', 'e.supplierTaxCode', 'e.documentNumber', 'e.documentDate', 'e.amountCents', 'p.acronym'])
    .where((eb) =>
      eb.or(
        keys.map((key) =>
          eb.and([
            eb('e.supplierTaxCode', '=', key.supplierTaxCode),
            eb('e.documentNumber', '=', key.documentNumber),
            eb('e.documentDate', '=', key.documentDate),
          ]),
        ),
      ),
    )
    .execute();
}

/** For each expense of a project, the other expenses (in any project) charging the same document. */
export function sharedDocumentCharges(db: Db, projectId: string) {
  return db
    .selectFrom('projectExpense as e')
    .innerJoin('projectExpense as o', (join) =>
      join
        .onRef('o.supplierTaxCode', '=', 'e.supplierTaxCode')
        .onRef('o.documentNumber', '=', 'e.documentNumber')
        .onRef('o.documentDate', '=', 'e.documentDate')
        .onRef('o.id', '<>', 'e.id'),
    )
    .innerJoin('project as p', 'p.id', 'o.projectId')
    .select(['e.id as expenseId', 'o.amountCents', 'p.acronym'])
    .where('e.projectId', '=', projectId)
    .execute();
}

export async function insertExpense(db: Db, row: Insertable<ProjectExpenseTable>) {
  await db.insertInto('projectExpense').values(row).execute();
}

export async function updateExpense(db: Db, id: string, row: Updateable<ProjectExpenseTable>) {
  await db.updateTable('projectExpense').set(row).where('id', '=', id).execute();
}

const ATTACHMENT_COLUMNS = [
  'id',
  'expenseId',
  'kind',
  'sha256',
  'size',
  'mediaType',
  'fileName',
  'uploadedAt',
] as const;

export function attachmentsOf(db: Db, expenseIds: readonly string[]) {
  if (expenseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectExpenseAttachment')
    .select(ATTACHMENT_COLUMNS)
    .where('expenseId', 'in', expenseIds)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Db, expenseId: string, id: string) {
  return db
    .selectFrom('projectExpenseAttachment')
    .select(ATTACHMENT_COLUMNS)
    .where('expenseId', '=', expenseId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAttachment(db: Db, row: Insertable<ProjectExpenseAttachmentTable>) {
  await db.insertInto('projectExpenseAttachment').values(row).execute();
}

/** Among `sha256s`, the files attached to some expense: the orphan sweeper keeps them. */
export async function storedAttachments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('projectExpenseAttachment')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}
