/** The queries of the reimbursement claims and of the auditor's verification. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  ProjectClaimCorrectionTable,
  ProjectClaimOutcomeTable,
  ProjectClaimTable,
  ProjectClaimVerbaleTable,
} from '../../../db/tables/project-claims.ts';
import type { Db } from '../../../kernel/db.ts';

const CLAIM_COLUMNS = [
  'id',
  'projectId',
  'number',
  'kind',
  'periodStart',
  'periodEnd',
  'status',
  'budgetVersion',
  'submittedAt',
  'submittedBy',
  'submittedByName',
  'createdBy',
] as const;

export function findClaim(db: Db, id: string) {
  return db.selectFrom('projectClaim').select(CLAIM_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The claim, locked against a concurrent change while it is written or verified. */
export function lockClaim(db: Db, id: string) {
  return db
    .selectFrom('projectClaim')
    .select(CLAIM_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

/** A project's claims, the latest first, with how many expenses each takes and what they add up to. */
export function claimsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectClaim as c')
    .leftJoin('projectClaimExpense as ce', 'ce.claimId', 'c.id')
    .leftJoin('projectExpense as e', 'e.id', 'ce.expenseId')
    .select([
      'c.id',
      'c.number',
      'c.kind',
      'c.periodStart',
      'c.periodEnd',
      'c.status',
      'c.submittedAt',
      (eb) => eb.fn.count<string>('ce.expenseId').as('expenses'),
      sql<string | null>`sum(e.amount_cents)`.as('claimed'),
    ])
    .where('c.projectId', '=', projectId)
    .groupBy('c.id')
    .orderBy('c.number', 'desc')
    .execute();
}

/** The next number of a project's claims; called under the project's lock. */
export async function nextNumber(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('projectClaim')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export function finalClaimOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectClaim')
    .select(['id', 'number'])
    .where('projectId', '=', projectId)
    .where('kind', '=', 'FINAL')
    .executeTakeFirst();
}

export async function insertClaim(db: Db, row: Insertable<ProjectClaimTable>) {
  await db.insertInto('projectClaim').values(row).execute();
}

export async function updateClaim(db: Db, id: string, row: Updateable<ProjectClaimTable>) {
  await db.updateTable('projectClaim').set(row).where('id', '=', id).execute();
}

/** The expense ids a claim takes, in its order. */
export async function expenseIdsOf(db: Db, claimId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('projectClaimExpense')
    .select('expenseId')
    .where('claimId', '=', claimId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.expenseId);
}

/** Removes a claim in preparation with its choice of expenses (a draft has no outcome, correction or verbale). */
export async function deleteClaim(db: Db, claimId: string) {
  await db.deleteFrom('projectClaimExpense').where('claimId', '=', claimId).execute();
  await db.deleteFrom('projectClaim').where('id', '=', claimId).where('status', '=', 'DRAFT').execute();
}

/** Replaces the expenses a claim in preparation takes. */
export async function replaceExpenses(db: Db, claimId: string, expenseIds: readonly string[]) {
  await db.deleteFrom('projectClaimExpense').where('claimId', '=', claimId).execute();
  if (expenseIds.length === 0) return;
  for (let start = 0; start < expenseIds.length; start += 5000)
    await db
      .insertInto('projectClaimExpense')
      .values(
        expenseIds
          .slice(start, start + 5000)
          .map((expenseId, i) => ({ claimId, expenseId, position: start + i })),
      )
      .execute();
}

/**
 * The expenses of a project with the claim that took each (none for the rest), locked while a claim takes them:
 * two claims never take the same expense.
 */
export function expensesWithClaims(db: Db, projectId: string, expenseIds: readonly string[]) {
  if (expenseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectExpense as e')
    .leftJoin('projectClaimExpense as ce', 'ce.expenseId', 'e.id')
    .leftJoin('projectClaim as c', 'c.id', 'ce.claimId')
    .select(['e.id', 'e.projectId', 'e.documentDate', 'e.status', 'ce.claimId', 'c.number as claimNumber'])
    .where('e.projectId', '=', projectId)
    .where('e.id', 'in', [...expenseIds])
    .forUpdate('e')
    .execute();
}

/** The claims that took some of a project's expenses. */
export function claimsOfExpenses(db: Db, projectId: string) {
  return db
    .selectFrom('projectClaimExpense as ce')
    .innerJoin('projectClaim as c', 'c.id', 'ce.claimId')
    .select(['ce.expenseId', 'c.id as claimId', 'c.number'])
    .where('c.projectId', '=', projectId)
    .execute();
}

/** From now on the expenses are locked: the finance module refuses to change an expense with a claim. */
export async function markExpensesClaimed(db: Db, claimId: string) {
  await db
    .updateTable('projectExpense')
    .set({ claimId })
    .where('id', 'in', (eb) =>
      eb.selectFrom('projectClaimExpense').select('expenseId').where('claimId', '=', claimId),
    )
    .execute();
}

/** Every field of the supporting documents of a claim, in its order, as the funder's detail lists them. */
export function claimedExpenses(db: Db, claimId: string) {
  return db
    .selectFrom('projectClaimExpense as ce')
    .innerJoin('projectExpense as e', 'e.id', 'ce.expenseId')
    .innerJoin('organisation as o', 'o.id', 'e.organisationId')
    .leftJoin('projectWorkPackage as w', 'w.id', 'e.workPackageId')
    .select([
      'e.id',
      'o.name as organisationName',
      'e.lineCode',
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
    ])
    .where('ce.claimId', '=', claimId)
    .orderBy('ce.position')
    .execute();
}
export type ClaimedExpense = Awaited<ReturnType<typeof claimedExpenses>>[number];

/** What the project's other submitted claims asked, per macro-voce. */
export async function claimedElsewhere(db: Db, projectId: string, exceptClaimId: string) {
  const rows = await db
    .selectFrom('projectClaim as c')
    .innerJoin('projectClaimExpense as ce', 'ce.claimId', 'c.id')
    .innerJoin('projectExpense as e', 'e.id', 'ce.expenseId')
    .select(['e.lineCode', sql<string>`sum(e.amount_cents)`.as('amount')])
    .where('c.projectId', '=', projectId)
    .where('c.id', '<>', exceptClaimId)
    .where('c.status', '<>', 'DRAFT')
    .groupBy('e.lineCode')
    .execute();
  return rows.map((row) => ({ lineCode: row.lineCode, amountCents: Number(row.amount) }));
}

/** The approved timesheets of a project's staff for the months of a period: a submitted claim locks them. */
export async function approvedSheetsOf(db: Db, projectId: string, periodStart: string, periodEnd: string) {
  const rows = await db
    .selectFrom('projectTimesheet as t')
    .innerJoin('projectStaff as s', 's.id', 't.staffId')
    .select('t.id')
    .where('s.projectId', '=', projectId)
    .where('t.status', '=', 'APPROVED')
    .where('t.month', '>=', sql<string>`date_trunc('month', ${periodStart}::date)::date`)
    .where('t.month', '<=', periodEnd)
    .execute();
  return rows.map((row) => row.id);
}

export async function lockedSheetCount(db: Db, claimId: string): Promise<number> {
  const row = await db
    .selectFrom('projectTimesheet')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('claimId', '=', claimId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCorrection(db: Db, row: Insertable<ProjectClaimCorrectionTable>) {
  await db.insertInto('projectClaimCorrection').values(row).execute();
}

export function correctionsOf(db: Db, claimId: string) {
  return db
    .selectFrom('projectClaimCorrection')
    .select(['id', 'expenseId', 'amountCents', 'reason', 'recordedByName', 'recordedAt'])
    .where('claimId', '=', claimId)
    .orderBy('recordedAt')
    .orderBy('id')
    .execute();
}

const OUTCOME_COLUMNS = [
  'expenseId',
  'checklist',
  'outcome',
  'admittedCents',
  'reasons',
  'recordedByName',
  'recordedAt',
] as const;

export function outcomesOf(db: Db, claimId: string) {
  return db
    .selectFrom('projectClaimOutcome')
    .select(OUTCOME_COLUMNS)
    .where('claimId', '=', claimId)
    .execute();
}
export type OutcomeRow = Awaited<ReturnType<typeof outcomesOf>>[number];

export function findOutcome(db: Db, claimId: string, expenseId: string) {
  return db
    .selectFrom('projectClaimOutcome')
    .select(OUTCOME_COLUMNS)
    .where('claimId', '=', claimId)
    .where('expenseId', '=', expenseId)
    .executeTakeFirst();
}

export async function saveOutcome(db: Db, row: Insertable<ProjectClaimOutcomeTable>) {
  const { claimId, expenseId, ...fields } = row;
  await db
    .insertInto('projectClaimOutcome')
    .values(row)
    .onConflict((oc) => oc.columns(['claimId', 'expenseId']).doUpdateSet(fields))
    .execute();
}

/** What the claim asks for one of its expenses; undefined when the expense is not in the claim. */
export async function claimedAmount(db: Db, claimId: string, expenseId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('projectClaimExpense as ce')
    .innerJoin('projectExpense as e', 'e.id', 'ce.expenseId')
    .select('e.amountCents')
    .where('ce.claimId', '=', claimId)
    .where('ce.expenseId', '=', expenseId)
    .executeTakeFirst();
  return row?.amountCents;
}

/** Whether the audit trail holds changes of the claim (its outcomes, its submission) not sealed yet. */
export async function hasUnsealedChanges(db: Db, claimId: string): Promise<boolean> {
  const unsealed = await db
    .selectFrom('auditEntry as e')
    .leftJoin('auditSeal as s', 's.entrySeq', 'e.seq')
    .select('e.seq')
    .where('e.kind', '=', 'change')
    .where('e.entityType', '=', 'project_claim')
    .where('e.entityId', '=', claimId)
    .where('s.entrySeq', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return unsealed !== undefined;
}

export function verbaleOf(db: Db, claimId: string) {
  return db.selectFrom('projectClaimVerbale').selectAll().where('claimId', '=', claimId).executeTakeFirst();
}

export async function insertVerbale(db: Db, row: Insertable<ProjectClaimVerbaleTable>) {
  await db.insertInto('projectClaimVerbale').values(row).execute();
}

export async function updateVerbale(db: Db, claimId: string, row: Updateable<ProjectClaimVerbaleTable>) {
  await db.updateTable('projectClaimVerbale').set(row).where('claimId', '=', claimId).execute();
}

/** Among `sha256s`, the verbali and their signed copies: the orphan sweeper keeps them. */
export async function storedVerbali(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('projectClaimVerbale')
    .select(['sha256', 'signedSha256'])
    .where((eb) => eb.or([eb('sha256', 'in', sha256s), eb('signedSha256', 'in', sha256s)]))
    .execute();
  const wanted = new Set(sha256s);
  return [...new Set(rows.flatMap((r) => [r.sha256, r.signedSha256]))].filter(
    (sha): sha is string => sha !== null && wanted.has(sha),
  );
}
