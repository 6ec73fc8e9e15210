/** The queries of the procurement files and of the legal expert's checks. */
import type { Insertable, Updateable } from 'kysely';
import type {
  ProjectProcurementCheckItemTable,
  ProjectProcurementCheckTable,
  ProjectProcurementDocumentTable,
  ProjectProcurementExpenseTable,
  ProjectProcurementTable,
} from '../../../db/tables/project-procurement.ts';
import type { Db } from '../../../kernel/db.ts';

/** Every threshold of every code, newest first: a handful of rows. */
export function thresholds(db: Db) {
  return db
    .selectFrom('projectProcurementThreshold')
    .select(['code', 'validFrom', 'scope', 'limitCents', 'source'])
    .orderBy('validFrom', 'desc')
    .execute();
}

const FILE_COLUMNS = [
  'file.id',
  'file.projectId',
  'file.organisationId',
  'organisation.name as organisationName',
  'file.subject',
  'file.kind',
  'file.procedure',
  'file.cig',
  'file.amountCents',
  'file.contractorName',
  'file.decisionOn',
  'file.contractOn',
  'file.code',
  'file.updatedAt',
  'check.outcome',
] as const;

function files(db: Db) {
  return db
    .selectFrom('projectProcurement as file')
    .innerJoin('organisation', 'organisation.id', 'file.organisationId')
    .leftJoin('projectProcurementCheck as check', (join) =>
      join.onRef('check.procurementId', '=', 'file.id').on('check.isCurrent', '=', true),
    )
    .select(FILE_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('projectProcurementExpense as link')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('link.procurementId', '=', 'file.id')
        .as('expenseCount'),
    );
}
export type FileRow = Awaited<ReturnType<typeof findFile>> & {};

/** A project's files, of one organisation or all, by decision day. */
export function filesOf(db: Db, projectId: string, organisationId: string | null) {
  let query = files(db).where('file.projectId', '=', projectId);
  if (organisationId !== null) query = query.where('file.organisationId', '=', organisationId);
  return query.orderBy('file.decisionOn', 'desc').orderBy('file.subject').execute();
}

export function findFile(db: Db, id: string) {
  return files(db).where('file.id', '=', id).executeTakeFirst();
}

/** The file's own row, locked against a concurrent change or check. */
export function lockFile(db: Db, id: string) {
  return db.selectFrom('projectProcurement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertFile(db: Db, row: Insertable<ProjectProcurementTable>) {
  await db.insertInto('projectProcurement').values(row).execute();
}

export async function updateFile(db: Db, id: string, row: Updateable<ProjectProcurementTable>) {
  await db.updateTable('projectProcurement').set(row).where('id', '=', id).execute();
}

export function documentsOf(db: Db, procurementId: string) {
  return db
    .selectFrom('projectProcurementDocument')
    .select(['id', 'kind', 'fileName', 'size', 'mediaType', 'uploadedAt'])
    .where('procurementId', '=', procurementId)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export async function insertDocument(db: Db, row: Insertable<ProjectProcurementDocumentTable>) {
  await db.insertInto('projectProcurementDocument').values(row).execute();
}

export function findDocument(db: Db, procurementId: string, id: string) {
  return db
    .selectFrom('projectProcurementDocument')
    .select(['id', 'sha256', 'size', 'mediaType', 'fileName'])
    .where('procurementId', '=', procurementId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteDocument(db: Db, procurementId: string, id: string) {
  await db
    .deleteFrom('projectProcurementDocument')
    .where('procurementId', '=', procurementId)
    .where('id', '=', id)
    .execute();
}

/** The current check's outcome of a file (null: not checked) and how many of its expenses a claim took. */
export async function standingOf(db: Db, procurementId: string) {
  const [check, claimed] = await Promise.all([
    db
      .selectFrom('projectProcurementCheck')
      .select('outcome')
      .where('procurementId', '=', procurementId)
      .where('isCurrent', '=', true)
      .executeTakeFirst(),
    db
      .selectFrom('projectProcurementExpense as link')
      .innerJoin('projectExpense as expense', 'expense.id', 'link.expenseId')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('link.procurementId', '=', procurementId)
      .where('expense.claimId', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { outcome: check?.outcome ?? null, claimedExpenses: Number(claimed.n) };
}

/** Among `sha256s`, the files that are a procurement file's document. */
export async function storedDocuments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('projectProcurementDocument')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}

/** The expenses paid under a file, by document day. */
export function expensesOf(db: Db, procurementId: string) {
  return db
    .selectFrom('projectProcurementExpense as link')
    .innerJoin('projectExpense as expense', 'expense.id', 'link.expenseId')
    .select([
      'expense.id',
      'expense.description',
      'expense.documentNumber',
      'expense.documentDate',
      'expense.supplierName',
      'expense.amountCents',
      'expense.cig',
    ])
    .where('link.procurementId', '=', procurementId)
    .orderBy('expense.documentDate')
    .orderBy('expense.id')
    .execute();
}

/** An expense as a link needs it, locked so that no claim takes it meanwhile. */
export function lockExpense(db: Db, id: string) {
  return db
    .selectFrom('projectExpense')
    .select(['id', 'projectId', 'organisationId', 'cig', 'claimId', 'description', 'documentNumber'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The file an expense is linked to, if any. */
export function linkOf(db: Db, expenseId: string) {
  return db
    .selectFrom('projectProcurementExpense as link')
    .innerJoin('projectProcurement as file', 'file.id', 'link.procurementId')
    .select(['link.procurementId', 'file.subject', 'file.cig'])
    .where('link.expenseId', '=', expenseId)
    .executeTakeFirst();
}

export async function insertLink(db: Db, row: Insertable<ProjectProcurementExpenseTable>) {
  await db.insertInto('projectProcurementExpense').values(row).execute();
}

export function deleteLink(db: Db, procurementId: string, expenseId: string) {
  return db
    .deleteFrom('projectProcurementExpense')
    .where('procurementId', '=', procurementId)
    .where('expenseId', '=', expenseId)
    .executeTakeFirst();
}

/** The file each of the expenses is linked to, with the outcome of its current check (null: not checked). */
export function filesOfExpenses(db: Db, expenseIds: readonly string[]) {
  return db
    .selectFrom('projectProcurementExpense as link')
    .innerJoin('projectProcurement as file', 'file.id', 'link.procurementId')
    .leftJoin('projectProcurementCheck as check', (join) =>
      join.onRef('check.procurementId', '=', 'file.id').on('check.isCurrent', '=', true),
    )
    .select(['link.expenseId', 'file.subject', 'file.cig', 'check.outcome'])
    .where('link.expenseId', 'in', [...expenseIds])
    .orderBy('link.expenseId')
    .execute();
}

/** A file's checks, the current one first, then the others newest first. */
export function checksOf(db: Db, procurementId: string) {
  return db
    .selectFrom('projectProcurementCheck')
    .select([
      'id',
      'number',
      'outcome',
      'notes',
      'checkedOn',
      'checkedByName',
      'recordedAt',
      'isCurrent',
      'supersededAt',
      'supersededReason',
    ])
    .where('procurementId', '=', procurementId)
    .orderBy('isCurrent', 'desc')
    .orderBy('number', 'desc')
    .execute();
}

export function itemsOf(db: Db, checkIds: readonly string[]) {
  if (checkIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectProcurementCheckItem')
    .select(['checkId', 'item', 'label', 'answer', 'note'])
    .where('checkId', 'in', checkIds)
    .orderBy('checkId')
    .orderBy('position')
    .execute();
}

/** The number the next check of a file takes. */
export async function nextCheckNumber(db: Db, procurementId: string): Promise<number> {
  const row = await db
    .selectFrom('projectProcurementCheck')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('procurementId', '=', procurementId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Retires the file's current check, if any; returns it. */
export function supersedeCurrentCheck(
  db: Db,
  procurementId: string,
  at: Date,
  reason: 'NEW_CHECK' | 'FILE_CHANGED',
) {
  return db
    .updateTable('projectProcurementCheck')
    .set({ isCurrent: false, supersededAt: at, supersededReason: reason })
    .where('procurementId', '=', procurementId)
    .where('isCurrent', '=', true)
    .returning(['id', 'outcome', 'checkedOn'])
    .executeTakeFirst();
}

export async function insertCheck(
  db: Db,
  row: Insertable<ProjectProcurementCheckTable>,
  items: readonly Insertable<ProjectProcurementCheckItemTable>[],
) {
  await db.insertInto('projectProcurementCheck').values(row).execute();
  if (items.length > 0)
    await db
      .insertInto('projectProcurementCheckItem')
      .values([...items])
      .execute();
}
