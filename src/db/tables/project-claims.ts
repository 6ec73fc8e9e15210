/** The project's reimbursement claims, their corrections, the auditor's outcomes and the verbale of verification. */
import type { Instant, Json, LegalDay, NullableInstant } from '../columns.ts';

export type ClaimKind = 'INTERMEDIATE' | 'FINAL';
export type ClaimStatus = 'DRAFT' | 'SUBMITTED' | 'VERIFIED';
export type ClaimOutcome = 'ADMITTED' | 'PARTIAL' | 'NOT_ADMITTED';

export type ProjectClaimTable = {
  id: string;
  projectId: string;
  /** 1, 2, 3… per project. */
  number: number;
  kind: ClaimKind;
  periodStart: LegalDay;
  periodEnd: LegalDay;
  status: ClaimStatus;
  /** The budget version in force when the claim was submitted. */
  budgetVersion: number | null;
  submittedAt: NullableInstant;
  submittedBy: string | null;
  submittedByName: string | null;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

/** An expense taken by a claim; an expense belongs to one claim at most. */
export type ProjectClaimExpenseTable = {
  claimId: string;
  expenseId: string;
  position: number;
};

/** A correction of a submitted claim: a new entry with its reason, never an edit. */
export type ProjectClaimCorrectionTable = {
  id: string;
  claimId: string;
  expenseId: string | null;
  /** Added (positive) to or taken (negative) from what the claim asks. */
  amountCents: number;
  reason: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Instant;
};

/** The auditor's checklist and outcome for one expense of a claim. */
export type ProjectClaimOutcomeTable = {
  claimId: string;
  expenseId: string;
  /** Each item of the checklist: `{ "allocation": { "ok": true, "note": null }, … }`. */
  checklist: Json;
  outcome: ClaimOutcome;
  admittedCents: number;
  reasons: string | null;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Instant;
};

/** The verbale of the verification, drawn up when the auditor closes it, and the signed copy they upload. */
export type ProjectClaimVerbaleTable = {
  claimId: string;
  closedAt: Instant;
  closedBy: string;
  closedByName: string;
  claimedCents: number;
  admittedCents: number;
  sealPosition: number | null;
  sealHash: string | null;
  sha256: string;
  size: number;
  signedSha256: string | null;
  signedSize: number | null;
  signedMediaType: string | null;
  signedFileName: string | null;
  signedAt: NullableInstant;
  signedBy: string | null;
  /** The signed copy carries a digital signature (noted, not verified); null before it was examined. */
  signedDigitally: boolean | null;
};

export type ProjectClaimTables = {
  projectClaim: ProjectClaimTable;
  projectClaimExpense: ProjectClaimExpenseTable;
  projectClaimCorrection: ProjectClaimCorrectionTable;
  projectClaimOutcome: ProjectClaimOutcomeTable;
  projectClaimVerbale: ProjectClaimVerbaleTable;
};
