import type { Instant } from '../columns.ts';

/** A case whose disposal is suspended by a legal hold (litigation, a prosecutor's or the Garante's request). */
export type CaseLegalHoldTable = {
  caseId: string;
  reason: string;
  placedBy: string;
  placedAt: Instant;
};

/** The case numbers whose opinions the exchange must keep while their case is held. */
export type OpinionHoldTable = { caseNumber: string; heldSince: Instant };

/** One field of a person's data corrected (GDPR art. 16): what it was, what it became, why, who and when. */
export type PersonRectificationTable = {
  id: string;
  personId: string;
  field: string;
  previousValue: string | null;
  newValue: string | null;
  reason: string;
  rectifiedBy: string;
  rectifiedAt: Instant;
};

/** The tables of retention, legal hold and rectification of the case files and their opinions. */
export type CasesPrivacyTables = {
  caseLegalHold: CaseLegalHoldTable;
  opinionHold: OpinionHoldTable;
  personRectification: PersonRectificationTable;
};
