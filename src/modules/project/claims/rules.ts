/**
 * The rules of the reimbursement claims and of the auditor's verification, without I/O: which expenses a claim
 * may take, its totals per macro-voce against the budget and the rulebook's caps, what a submitted claim still
 * accepts, and what makes an outcome of the verification complete.
 */
import {
  DOCUMENT_TYPES,
  type DocumentType,
  formatEuro,
  LINE_CODES,
  type LineCode,
} from '../finance/contract.ts';
import {
  budgetTotals,
  type Cap,
  capLimit,
  capMessage,
  INDIRECT,
  italianDay,
  sumOf,
} from '../finance/rules.ts';
import type { ClaimInput, ClaimStatus, Outcome, OutcomeInput } from './contract.ts';

type Fault = { path: string; message: string };
type Period = { startsOn: string; endsOn: string };

/** «Fattura n. 12 del 3 marzo 2026», «Busta paga n. CEDOLINO-10 del 27 ottobre 2025». */
export const documentReference = (expense: {
  documentType: DocumentType;
  documentNumber: string;
  documentDate: string;
}) =>
  `${DOCUMENT_TYPES[expense.documentType]} n. ${expense.documentNumber} del ${italianDay(expense.documentDate)}`;

/** «dal 1 ottobre 2025 al 31 marzo 2026». */
export const periodText = (start: string, end: string) => `dal ${italianDay(start)} al ${italianDay(end)}`;

/** What is wrong with a claim's kind and period for its project. */
export function claimPeriodFaults(
  input: Pick<ClaimInput, 'periodStart' | 'periodEnd'>,
  project: Period,
): Fault[] {
  const faults: Fault[] = [];
  if (input.periodEnd < input.periodStart)
    faults.push({ path: 'periodEnd', message: 'La fine del periodo deve seguire l’inizio' });
  if (input.periodStart < project.startsOn || input.periodStart > project.endsOn)
    faults.push({
      path: 'periodStart',
      message: `L’inizio del periodo è fuori dal periodo del progetto (${periodText(project.startsOn, project.endsOn)})`,
    });
  if (input.periodEnd < project.startsOn || input.periodEnd > project.endsOn)
    faults.push({
      path: 'periodEnd',
      message: `La fine del periodo è fuori dal periodo del progetto (${periodText(project.startsOn, project.endsOn)})`,
    });
  return faults;
}

/** An expense as a claim sees it when choosing it. */
export type Candidate = {
  id: string;
  projectId: string;
  documentDate: string;
  status: 'DRAFT' | 'COMPLETE';
  /** The number of the other claim that took it already; null when none did. */
  otherClaim: number | null;
  /** The eligibility checks it fails, as «label: message». */
  failedChecks: readonly string[];
  /** Why the legal expert's check on its procurement stops it; null when nothing does. */
  procurement: string | null;
};

/** Why a claim of the period cannot take the expense (the rule named in Italian), or null when it can. */
export function candidateFault(
  candidate: Candidate | undefined,
  claim: { projectId: string; periodStart: string; periodEnd: string },
): string | null {
  if (!candidate || candidate.projectId !== claim.projectId) return 'La spesa non è di questo progetto';
  if (candidate.otherClaim !== null)
    return `Spesa già rendicontata: è nella domanda di rimborso n. ${candidate.otherClaim}`;
  if (candidate.documentDate < claim.periodStart || candidate.documentDate > claim.periodEnd)
    return `Spesa fuori dal periodo della domanda: il documento è del ${italianDay(candidate.documentDate)}, il periodo va ${periodText(claim.periodStart, claim.periodEnd)}`;
  if (candidate.status !== 'COMPLETE') return 'Spesa incompleta: è ancora in bozza';
  if (candidate.failedChecks.length > 0)
    return `Controllo di ammissibilità non superato – ${candidate.failedChecks.join('; ')}`;
  if (candidate.procurement) return `Procedura d’acquisto non verificata: ${candidate.procurement}`;
  return null;
}

/** The faults of a choice of expenses, each on the position of the expense in the list. */
export function expenseChoiceFaults(
  expenseIds: readonly string[],
  candidates: ReadonlyMap<string, Candidate>,
  claim: { projectId: string; periodStart: string; periodEnd: string },
): Fault[] {
  const seen = new Set<string>();
  const faults: Fault[] = [];
  expenseIds.forEach((id, index) => {
    const message = seen.has(id)
      ? 'La spesa è indicata due volte'
      : candidateFault(candidates.get(id), claim);
    seen.add(id);
    if (message) faults.push({ path: `expenseIds.${index}`, message });
  });
  return faults;
}

const SUBMITTED =
  'La domanda di rimborso è stata presentata: non si modifica più. Le rettifiche si registrano come nuove voci che la richiamano.';

/** The refusal of an edit of a claim no longer in preparation; null while it is. */
export const editRefusal = (status: ClaimStatus) => (status === 'DRAFT' ? null : SUBMITTED);

type ClaimedExpense = { id: string; lineCode: string; amountCents: number };
type BudgetLine = { code: string; amountCents: number };

/**
 * The claim's totals per macro-voce: the budget in force, what the earlier submitted claims asked, what this one
 * asks and (once verified) what the auditor admitted. Every macro-voce of the budget or the claim is listed.
 */
export function lineTotals(
  expenses: readonly ClaimedExpense[],
  budget: readonly BudgetLine[],
  earlier: readonly { lineCode: string; amountCents: number }[],
  admitted: ReadonlyMap<string, number> | null,
) {
  const codes = (Object.keys(LINE_CODES) as LineCode[]).filter(
    (code) => budget.some((l) => l.code === code) || expenses.some((e) => e.lineCode === code),
  );
  return codes.map((code) => {
    const mine = expenses.filter((e) => e.lineCode === code);
    return {
      code,
      label: `${code} – ${LINE_CODES[code]}`,
      budgetCents: sumOf(budget.filter((l) => l.code === code).map((l) => l.amountCents)),
      earlierCents: sumOf(earlier.filter((e) => e.lineCode === code).map((e) => e.amountCents)),
      claimedCents: sumOf(mine.map((e) => e.amountCents)),
      admittedCents: admitted ? sumOf(mine.map((e) => admitted.get(e.id) ?? 0)) : null,
    };
  });
}

/**
 * The rulebook's caps on what the project has claimed so far, this claim included: the limit is the cap's share
 * of the direct costs claimed (the indirect costs are a flat rate on them), never more than on the budget's.
 */
export function claimCaps(
  caps: readonly Cap[],
  totals: readonly { code: string; budgetCents: number; earlierCents: number; claimedCents: number }[],
) {
  const claimedSoFar = totals.map((t) => ({ code: t.code, amountCents: t.earlierCents + t.claimedCents }));
  const directClaimed = sumOf(claimedSoFar.filter((t) => t.code !== INDIRECT).map((t) => t.amountCents));
  const directBudget = budgetTotals(
    totals.map((t) => ({ code: t.code, amountCents: t.budgetCents })),
  ).directCents;
  return caps.map((cap) => {
    const limitCents = Math.min(capLimit(cap, directClaimed), capLimit(cap, directBudget));
    const claimedCents = sumOf(
      claimedSoFar.filter((t) => cap.lines.includes(t.code)).map((t) => t.amountCents),
    );
    const ok = claimedCents <= limitCents;
    return {
      code: cap.code,
      subject: cap.subject,
      limitCents,
      claimedCents,
      ok,
      message: ok
        ? `Richiesti ${formatEuro(claimedCents)} su un massimo di ${formatEuro(limitCents)}`
        : capMessage(cap, limitCents),
    };
  });
}

/** What is wrong with an outcome for an expense claimed for `claimedCents`. */
export function outcomeFaults(input: OutcomeInput, claimedCents: number): Fault[] {
  const faults: Fault[] = [];
  const hasReasons = Boolean(input.reasons?.trim());
  if (input.outcome === 'PARTIAL') {
    const admitted = input.admittedCents;
    if (admitted === null || admitted === undefined)
      faults.push({ path: 'admittedCents', message: 'Indicare l’importo ammesso' });
    else if (admitted <= 0)
      faults.push({
        path: 'admittedCents',
        message: 'L’importo ammesso in parte deve essere maggiore di zero: altrimenti la spesa non è ammessa',
      });
    else if (admitted >= claimedCents)
      faults.push({
        path: 'admittedCents',
        message: `L’importo ammesso in parte deve essere minore di quello richiesto (${formatEuro(claimedCents)})`,
      });
  }
  if (input.outcome !== 'ADMITTED' && !hasReasons)
    faults.push({ path: 'reasons', message: 'Indicare le motivazioni: la spesa non è ammessa per intero' });
  return faults;
}

/**
 * Whether the user prepared or submitted the claim: the verification is independent, so whoever holds both the
 * manager's and the auditor's role does not verify a claim of their own.
 */
export const isOwnClaim = (claim: { createdBy: string; submittedBy: string | null }, userId: string) =>
  claim.createdBy === userId || claim.submittedBy === userId;

export const OWN_CLAIM =
  'La domanda di rimborso è stata preparata o presentata da lei: la verifica spetta a un revisore indipendente.';

/** What the outcome admits of an expense claimed for `claimedCents`. */
export function admittedOf(outcome: Outcome, claimedCents: number, admittedCents?: number | null): number {
  if (outcome === 'ADMITTED') return claimedCents;
  if (outcome === 'NOT_ADMITTED') return 0;
  return admittedCents ?? 0;
}

/** Why the verification cannot be closed yet, or null when every expense has its outcome. */
export function closingFault(expenses: number, outcomes: number): string | null {
  if (outcomes >= expenses) return null;
  const missing = expenses - outcomes;
  return missing === 1
    ? 'Manca l’esito di una spesa: la verifica si chiude quando ogni spesa ha il suo esito'
    : `Mancano gli esiti di ${missing} spese: la verifica si chiude quando ogni spesa ha il suo esito`;
}
