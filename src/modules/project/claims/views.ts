/**
 * A claim as it is shown and printed: its expenses with their outcomes, the totals per macro-voce against the
 * budget and the caps, the corrections and the verbale; and the lookups the claims' use cases share.
 */
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { actorOf } from '../callers.ts';
import type { BudgetView } from '../finance/contract.ts';
import { getBudget } from '../finance/service.ts';
import * as projectStore from '../store.ts';
import type { ClaimView, OutcomeView } from './contract.ts';
import { claimCaps, documentReference, isOwnClaim, lineTotals } from './rules.ts';
import * as store from './store.ts';

const PROJECT_NOT_FOUND = 'Il progetto non esiste.';
const CLAIM_NOT_FOUND = 'La domanda di rimborso non esiste.';

export const nameOf = (actor: Actor) => `${actor.givenName} ${actor.familyName}`;

export async function claimOrThrow(db: Db, id: string, lock = false) {
  const claim = lock ? await store.lockClaim(db, id) : await store.findClaim(db, id);
  if (!claim) throw new NotFound(CLAIM_NOT_FOUND);
  return claim;
}

export async function projectOrThrow(db: Db, id: string, lock = false) {
  const project = lock ? await projectStore.lockProject(db, id) : await projectStore.findProject(db, id);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  return project;
}

const outcomeOut = (row: store.OutcomeRow): OutcomeView => ({
  checklist: row.checklist as OutcomeView['checklist'],
  outcome: row.outcome,
  admittedCents: row.admittedCents,
  reasons: row.reasons,
  recordedByName: row.recordedByName,
  recordedAt: row.recordedAt.toISOString(),
});

/** Everything a claim shows and its documents print, read on `db` (a transaction's, when inside one). */
export async function claimContents(db: Db, claimId: string, budget: BudgetView) {
  const claim = await claimOrThrow(db, claimId);
  const project = await projectOrThrow(db, claim.projectId);
  const [expenses, outcomes, corrections, verbale, earlier, lockedTimesheets] = await Promise.all([
    store.claimedExpenses(db, claimId),
    store.outcomesOf(db, claimId),
    store.correctionsOf(db, claimId),
    store.verbaleOf(db, claimId),
    store.claimedElsewhere(db, claim.projectId, claimId),
    store.lockedSheetCount(db, claimId),
  ]);
  const byExpense = new Map(outcomes.map((o) => [o.expenseId, o]));
  const admitted = new Map(outcomes.map((o) => [o.expenseId, o.admittedCents]));
  const lines = lineTotals(
    expenses,
    budget.version?.lines ?? [],
    earlier,
    outcomes.length > 0 ? admitted : null,
  );
  const caps = claimCaps(
    (budget.version?.caps ?? []).map((cap) => ({ ...cap, lines: cap.lines })),
    lines,
  );
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    claim,
    project,
    expenses: expenses.map((e) => ({
      ...e,
      reference: documentReference(e),
      outcome: byExpense.get(e.id) ?? null,
    })),
    lines,
    caps,
    corrections,
    verbale,
    lockedTimesheets,
    claimedCents: sum(expenses.map((e) => e.amountCents)),
    admittedCents: sum(outcomes.map((o) => o.admittedCents)),
    correctedCents: sum(corrections.map((c) => c.amountCents)),
    budgetCents: budget.version?.totalCents ?? 0,
  };
}

/** The budget the claim is measured against: the version it was submitted on, the current one before. */
export async function budgetOf(platform: Platform, caller: Caller, claimId: string) {
  const claim = await claimOrThrow(platform.database.db, claimId);
  return getBudget(platform, caller, claim.projectId, claim.budgetVersion ?? undefined);
}

export async function claimView(platform: Platform, caller: Caller, claimId: string): Promise<ClaimView> {
  const actor = actorOf(caller);
  const contents = await claimContents(
    platform.database.db,
    claimId,
    await budgetOf(platform, caller, claimId),
  );
  const { claim, project, verbale } = contents;
  return {
    id: claim.id,
    projectId: claim.projectId,
    acronym: project.acronym,
    number: claim.number,
    kind: claim.kind,
    periodStart: claim.periodStart,
    periodEnd: claim.periodEnd,
    status: claim.status,
    budgetVersion: claim.budgetVersion,
    submittedAt: claim.submittedAt?.toISOString() ?? null,
    submittedByName: claim.submittedByName,
    expenses: contents.expenses.map((e) => ({
      id: e.id,
      organisationName: e.organisationName,
      lineCode: e.lineCode,
      workPackageCode: e.workPackageCode,
      description: e.description,
      reference: e.reference,
      documentType: e.documentType,
      documentDate: e.documentDate,
      supplierName: e.supplierName,
      totalCents: e.totalCents,
      amountCents: e.amountCents,
      paymentDate: e.paymentDate,
      paymentMethod: e.paymentMethod,
      paymentReference: e.paymentReference,
      outcome: e.outcome ? outcomeOut(e.outcome) : null,
    })),
    lines: contents.lines,
    caps: contents.caps,
    claimedCents: contents.claimedCents,
    correctedCents: contents.correctedCents,
    corrections: contents.corrections.map((c) => ({ ...c, recordedAt: c.recordedAt.toISOString() })),
    lockedTimesheets: contents.lockedTimesheets,
    verbale: verbale
      ? {
          closedAt: verbale.closedAt.toISOString(),
          closedByName: verbale.closedByName,
          claimedCents: verbale.claimedCents,
          admittedCents: verbale.admittedCents,
          sealHash: verbale.sealHash,
          sha256: verbale.sha256,
          signed:
            verbale.signedSha256 && verbale.signedAt
              ? {
                  sha256: verbale.signedSha256,
                  fileName: verbale.signedFileName ?? 'verbale-firmato.pdf',
                  size: verbale.signedSize ?? 0,
                  signedAt: verbale.signedAt.toISOString(),
                  digitallySigned: verbale.signedDigitally === true,
                }
              : null,
        }
      : null,
    can: {
      manage: hasPermission(actor, 'project.claims.manage') && claim.status === 'DRAFT',
      correct: hasPermission(actor, 'project.claims.manage') && claim.status !== 'DRAFT',
      verify:
        hasPermission(actor, 'project.claims.verify') &&
        !isOwnClaim(claim, actor.userId) &&
        claim.status === 'SUBMITTED',
      sign:
        hasPermission(actor, 'project.claims.verify') &&
        !isOwnClaim(claim, actor.userId) &&
        verbale !== undefined &&
        !verbale.signedSha256,
    },
  };
}
