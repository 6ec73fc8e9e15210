/** The procurement files of a project (how a partner bought a supply, service or work, or hired an expert) and the legal expert's checks on them. */
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type ProcurementKind = 'SUPPLIES' | 'SERVICES' | 'WORKS' | 'INDIVIDUAL';
export type ProcurementProcedure = 'DIRECT_AWARD' | 'NEGOTIATED' | 'OPEN' | 'PUBLIC_NOTICE';
export type ProcurementCode = 'DLGS_50_2016' | 'DLGS_36_2023';
export type ProcurementOutcome = 'POSITIVE' | 'POSITIVE_WITH_REMARKS' | 'NEGATIVE';
export type ProcurementAnswer = 'YES' | 'NO' | 'NOT_APPLICABLE';

/** The thresholds a code of public contracts sets, as data: which procedure may go up to which net amount. */
export type ProjectProcurementThresholdTable = {
  code: ProcurementCode;
  validFrom: LegalDay;
  /** WORKS, or SUPPLIES_SERVICES for supplies, services and individual assignments. */
  scope: 'WORKS' | 'SUPPLIES_SERVICES';
  procedure: 'DIRECT_AWARD';
  /** The net amount the procedure must stay below. */
  limitCents: number;
  /** The article the figure comes from. */
  source: string;
};

export type ProjectProcurementTable = {
  id: string;
  projectId: string;
  organisationId: string;
  subject: string;
  kind: ProcurementKind;
  procedure: ProcurementProcedure;
  cig: string | null;
  amountCents: number;
  contractorName: string | null;
  decisionOn: LegalDay;
  contractOn: LegalDay | null;
  code: ProcurementCode;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

/** A document of the file: the determination to contract, the notice, the contract, the DURC… */
export type ProjectProcurementDocumentTable = {
  id: string;
  procurementId: string;
  kind: 'DETERMINATION' | 'NOTICE' | 'OFFERS' | 'CONTRACT' | 'REQUIREMENTS' | 'OTHER';
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
};

/** An expense paid under the file; an expense belongs to one file at most. */
export type ProjectProcurementExpenseTable = {
  expenseId: string;
  procurementId: string;
  linkedBy: string;
  linkedAt: Instant;
};

/** A check by the legal expert; the current one is the file's standing, the others are its history. */
export type ProjectProcurementCheckTable = {
  id: string;
  procurementId: string;
  /** The checks of a file in the order they were made: 1, 2, 3… */
  number: number;
  outcome: ProcurementOutcome;
  notes: string | null;
  checkedOn: LegalDay;
  checkedBy: string;
  checkedByName: string;
  recordedAt: Instant;
  isCurrent: boolean;
  supersededAt: NullableInstant;
  /** NEW_CHECK when a later check replaced it, FILE_CHANGED when the file's amount, CIG or procedure changed. */
  supersededReason: 'NEW_CHECK' | 'FILE_CHANGED' | null;
};

export type ProjectProcurementCheckItemTable = {
  checkId: string;
  position: number;
  item: string;
  /** The item's wording when the check was made. */
  label: string;
  answer: ProcurementAnswer;
  note: string | null;
};

export type ProjectProcurementTables = {
  projectProcurementThreshold: ProjectProcurementThresholdTable;
  projectProcurement: ProjectProcurementTable;
  projectProcurementDocument: ProjectProcurementDocumentTable;
  projectProcurementExpense: ProjectProcurementExpenseTable;
  projectProcurementCheck: ProjectProcurementCheckTable;
  projectProcurementCheckItem: ProjectProcurementCheckItemTable;
};
