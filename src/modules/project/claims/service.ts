/**
 * Use cases of the reimbursement claims. The project manager builds a claim from the complete, eligible expenses
 * of its period and submits it: from then on the claim, its expenses and the approved timesheets of its months
 * are locked, and a later correction is a new entry that references it. The supervisor and the auditor read.
 * Every change is audited, and so is every read of a claim (a payslip names a person).
 */
import type { Caller } from '../../../kernel/auth.ts';
import { hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf } from '../callers.ts';
import type { ExpenseView } from '../finance/contract.ts';
import { budgetInForce, listExpenses, lockExpensesForClaim } from '../finance/service.ts';
import { expensesBlockedByProcurement } from '../procurement/checks.ts';
import { lockTimesheets } from '../time/service.ts';
import type { CandidateList, ClaimInput, ClaimList, ClaimView, CorrectionInput } from './contract.ts';
import {
  type Candidate,
  candidateFault,
  claimPeriodFaults,
  documentReference,
  editRefusal,
  expenseChoiceFaults,
} from './rules.ts';
import * as store from './store.ts';
import { budgetOf, claimContents, claimOrThrow, claimView, nameOf, projectOrThrow } from './views.ts';

const failedChecks = (view: ExpenseView | undefined) =>
  (view?.checks ?? []).filter((c) => !c.ok).map((c) => `${c.label}: ${c.message}`);

/**
 * The expenses a claim is asked to take, as it sees them under their locks: the claim that took each, their
 * eligibility checks (from the finance module) and the legal expert's verdict on their procurement.
 */
async function candidatesOf(
  db: Db,
  projectId: string,
  expenseIds: readonly string[],
  views: ReadonlyMap<string, ExpenseView>,
  claimId: string | null,
): Promise<Map<string, Candidate>> {
  const rows = await store.expensesWithClaims(db, projectId, expenseIds);
  const blocked = await expensesBlockedByProcurement(
    db,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        projectId: row.projectId,
        documentDate: row.documentDate,
        status: row.status,
        otherClaim: row.claimId !== null && row.claimId !== claimId ? row.claimNumber : null,
        failedChecks: failedChecks(views.get(row.id)),
        procurement: blocked.find((b) => b.expenseId === row.id)?.message ?? null,
      },
    ]),
  );
}

/** The finance module's view of the project's expenses, with their checks, as the caller may read them. */
async function expenseViews(platform: Platform, caller: Caller, projectId: string) {
  const list = await listExpenses(platform, caller, projectId, {});
  return new Map(list.expenses.map((e) => [e.id, e]));
}

export async function listClaims(platform: Platform, caller: Caller, projectId: string): Promise<ClaimList> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const project = await projectOrThrow(db, projectId);
  const rows = await store.claimsOf(db, projectId);
  return {
    projectId,
    acronym: project.acronym,
    claims: rows.map((row) => ({
      id: row.id,
      number: row.number,
      kind: row.kind,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      status: row.status,
      expenses: Number(row.expenses),
      claimedCents: Number(row.claimed ?? 0),
      submittedAt: row.submittedAt?.toISOString() ?? null,
    })),
    can: { manage: hasPermission(actor, 'project.claims.manage') },
  };
}

/**
 * The project's expenses a claim could take (those no other claim took), each with what stops it for the
 * period asked (or for any period): draft, an eligibility check failed, a procurement not checked positive.
 */
export async function claimCandidates(
  platform: Platform,
  caller: Caller,
  projectId: string,
  query: { periodStart: string; periodEnd: string; claimId?: string | undefined },
): Promise<CandidateList> {
  const db = platform.database.db;
  await projectOrThrow(db, projectId);
  const views = await expenseViews(platform, caller, projectId);
  const taken = await store.claimsOfExpenses(db, projectId);
  const free = [...views.values()].filter((view) =>
    taken.every((t) => t.expenseId !== view.id || t.claimId === query.claimId),
  );
  const blocked = await expensesBlockedByProcurement(
    db,
    free.map((v) => v.id),
  );
  return {
    candidates: free.map((view) => ({
      id: view.id,
      reference: documentReference(view),
      organisationName: view.organisationName,
      lineCode: view.lineCode,
      documentDate: view.documentDate,
      amountCents: view.amountCents,
      blockedBy: candidateFault(
        {
          id: view.id,
          projectId,
          documentDate: view.documentDate,
          status: view.status,
          otherClaim: null,
          failedChecks: failedChecks(view),
          procurement: blocked.find((b) => b.expenseId === view.id)?.message ?? null,
        },
        { projectId, periodStart: query.periodStart, periodEnd: query.periodEnd },
      ),
    })),
  };
}

type Project = Awaited<ReturnType<typeof projectOrThrow>>;

/**
 * Every fault of a claim's kind, period and expenses, checked on the claim's transaction under the project's
 * and the expenses' locks: the eligibility checks are those of the expenses as they are now.
 */
async function claimFaults(
  platform: Platform,
  db: Db,
  project: Project,
  input: ClaimInput,
  claimId: string | null,
) {
  const faults = claimPeriodFaults(input, { startsOn: project.startsOn, endsOn: project.endsOn });
  if (input.kind === 'FINAL') {
    const final = await store.finalClaimOf(db, project.id);
    if (final && final.id !== claimId)
      faults.push({
        path: 'kind',
        message: `Il progetto ha già la domanda di rimborso finale (n. ${final.number})`,
      });
  }
  const views = await lockExpensesForClaim(platform, db, project.id, input.expenseIds);
  const candidates = await candidatesOf(db, project.id, input.expenseIds, views, claimId);
  faults.push(
    ...expenseChoiceFaults(input.expenseIds, candidates, {
      projectId: project.id,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    }),
  );
  return faults;
}

const claimColumns = (input: ClaimInput) => ({
  kind: input.kind,
  periodStart: input.periodStart,
  periodEnd: input.periodEnd,
});

/** A new claim in preparation, numbered after the project's previous ones. */
export async function createClaim(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: ClaimInput,
): Promise<ClaimView> {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const project = await projectOrThrow(unit.db, projectId, true);
    const faults = await claimFaults(platform, unit.db, project, input, null);
    if (faults.length > 0) throw new Invalid(faults);
    const number = await store.nextNumber(unit.db, projectId);
    const now = platform.clock.now();
    await store.insertClaim(unit.db, {
      id,
      projectId,
      number,
      ...claimColumns(input),
      status: 'DRAFT',
      budgetVersion: null,
      submittedAt: null,
      submittedBy: null,
      submittedByName: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await store.replaceExpenses(unit.db, id, input.expenseIds);
    await unit.audit({
      kind: 'change',
      action: 'project.claim.create',
      entityType: 'project_claim',
      entityId: id,
      before: null,
      after: { projectId, number, ...claimColumns(input), expenseIds: input.expenseIds },
    });
  });
  return claimView(platform, caller, id);
}

/** Changes a claim still in preparation: its kind, period and expenses. A submitted claim refuses (409). */
export async function updateClaim(
  platform: Platform,
  caller: Caller,
  claimId: string,
  input: ClaimInput,
): Promise<ClaimView> {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    const refusal = editRefusal(claim.status);
    if (refusal) throw new Conflict(refusal);
    const project = await projectOrThrow(unit.db, claim.projectId, true);
    const faults = await claimFaults(platform, unit.db, project, input, claimId);
    if (faults.length > 0) throw new Invalid(faults);
    const before = await store.expenseIdsOf(unit.db, claimId);
    await store.updateClaim(unit.db, claimId, { ...claimColumns(input), updatedAt: platform.clock.now() });
    await store.replaceExpenses(unit.db, claimId, input.expenseIds);
    await unit.audit({
      kind: 'change',
      action: 'project.claim.update',
      entityType: 'project_claim',
      entityId: claimId,
      before: {
        kind: claim.kind,
        periodStart: claim.periodStart,
        periodEnd: claim.periodEnd,
        expenseIds: before,
      },
      after: { ...claimColumns(input), expenseIds: input.expenseIds },
    });
  });
  return claimView(platform, caller, claimId);
}

/**
 * Submits a claim: on its own transaction, under the locks of the project and of its expenses, the budget in
 * force must have the macro-voci the rulebook makes mandatory and every expense is checked once more as it now
 * is; then the expenses are locked into it (the finance module no longer changes an expense with a claim), the
 * approved timesheets of its months too, and the budget version in force is recorded. From then on nothing of
 * the claim is edited.
 */
export async function submitClaim(platform: Platform, caller: Caller, claimId: string): Promise<ClaimView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    const refusal = editRefusal(claim.status);
    if (refusal) throw new Conflict(refusal);
    const project = await projectOrThrow(unit.db, claim.projectId, true);
    const budget = await budgetInForce(platform, unit.db, project.id);
    if (!budget)
      throw new Conflict('Il progetto non ha ancora un budget: la domanda si presenta sul budget vigente.');
    if (budget.missingLines.length > 0)
      throw new Conflict(
        'Il budget vigente non ha tutte le voci obbligatorie: registrare una rimodulazione prima di presentare la domanda.',
        undefined,
        budget.missingLines.map((message) => ({ path: 'budget', message })),
      );
    const expenseIds = await store.expenseIdsOf(unit.db, claimId);
    const faults = await claimFaults(
      platform,
      unit.db,
      project,
      { kind: claim.kind, periodStart: claim.periodStart, periodEnd: claim.periodEnd, expenseIds },
      claimId,
    );
    if (faults.length > 0)
      throw new Conflict(
        'Alcune spese della domanda non si possono più rendicontare: correggere la domanda prima di presentarla.',
        undefined,
        faults,
      );
    const now = platform.clock.now();
    await store.markExpensesClaimed(unit.db, claimId);
    const sheets = await lockTimesheets(
      unit.db,
      await store.approvedSheetsOf(unit.db, claim.projectId, claim.periodStart, claim.periodEnd),
      claimId,
      now,
    );
    await store.updateClaim(unit.db, claimId, {
      status: 'SUBMITTED',
      budgetVersion: budget.number,
      submittedAt: now,
      submittedBy: actor.userId,
      submittedByName: nameOf(actor),
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'project.claim.submit',
      entityType: 'project_claim',
      entityId: claimId,
      before: { status: claim.status },
      after: { status: 'SUBMITTED', budgetVersion: budget.number, expenseIds, timesheets: sheets },
    });
  });
  return claimView(platform, caller, claimId);
}

/**
 * Deletes a claim still in preparation: its choice of expenses goes, the expenses stay as they were (a draft
 * locks nothing). A submitted claim refuses (409); the audit entry keeps what the draft was.
 */
export async function deleteClaim(platform: Platform, caller: Caller, claimId: string): Promise<void> {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    if (claim.status !== 'DRAFT')
      throw new Conflict(
        'La domanda di rimborso è stata presentata: non si elimina. Le rettifiche si registrano come nuove voci che la richiamano.',
      );
    const expenseIds = await store.expenseIdsOf(unit.db, claimId);
    await store.deleteClaim(unit.db, claimId);
    await unit.audit({
      kind: 'change',
      action: 'project.claim.delete',
      entityType: 'project_claim',
      entityId: claimId,
      before: {
        projectId: claim.projectId,
        number: claim.number,
        kind: claim.kind,
        periodStart: claim.periodStart,
        periodEnd: claim.periodEnd,
        expenseIds,
      },
      after: null,
    });
  });
}

/** Records a correction of a submitted claim: a new entry with its reason, never an edit of the claim. */
export async function addCorrection(
  platform: Platform,
  caller: Caller,
  claimId: string,
  input: CorrectionInput,
): Promise<ClaimView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    if (claim.status === 'DRAFT')
      throw new Conflict('La domanda è ancora in preparazione: si corregge direttamente, senza rettifiche.');
    const expenseId = input.expenseId ?? null;
    if (expenseId && (await store.claimedAmount(unit.db, claimId, expenseId)) === undefined)
      throw new Invalid([{ path: 'expenseId', message: 'La spesa non è in questa domanda di rimborso' }]);
    const id = newId();
    const row = {
      id,
      claimId,
      expenseId,
      amountCents: input.amountCents,
      reason: input.reason,
      recordedBy: actor.userId,
      recordedByName: nameOf(actor),
      recordedAt: platform.clock.now(),
    };
    await store.insertCorrection(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.claim.correct',
      entityType: 'project_claim',
      entityId: claimId,
      before: null,
      after: { correctionId: id, expenseId, amountCents: input.amountCents, reason: input.reason },
    });
  });
  return claimView(platform, caller, claimId);
}

/** One claim with its expenses, totals, corrections and verification; the read is audited. */
export async function getClaim(platform: Platform, caller: Caller, claimId: string): Promise<ClaimView> {
  const view = await claimView(platform, caller, claimId);
  await auditRead(platform.database.db, platform.clock, caller, 'project_claim', claimId, {
    projectId: view.projectId,
  });
  return view;
}

/** A claim's contents for an export; the read is audited like the claim's own. */
export async function claimForExport(platform: Platform, caller: Caller, claimId: string, format: string) {
  const contents = await claimContents(
    platform.database.db,
    claimId,
    await budgetOf(platform, caller, claimId),
  );
  await auditRead(platform.database.db, platform.clock, caller, 'project_claim', claimId, {
    projectId: contents.claim.projectId,
    format,
  });
  return contents;
}
