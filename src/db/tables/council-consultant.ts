/** The consultant for territorial concertation: assignments to tables, proposals, the concertation log. */
import type { ColumnType } from 'kysely';
import type { Instant, Json, LegalDay, NullableInstant } from '../columns.ts';

export type CouncilConsultantAssignmentTable = {
  id: string;
  tableId: string;
  userId: string;
  assignedAt: Instant;
  assignedBy: string;
  endedAt: NullableInstant;
};

/** A consultant's proposal on a table assigned to them, waiting for the secretariat, then approved or returned. */
export type CouncilProposalTable = {
  id: string;
  tableId: string;
  kind: 'CONVOCATION' | 'MINUTES' | 'NEEDS' | 'QUESTIONNAIRE';
  /** The meeting whose minutes are proposed; for a convocation, the meeting convened once approved. */
  meetingId: string | null;
  /** For a questionnaire, the one opened once approved. */
  questionnaireId: ColumnType<string | null, string | null | undefined, string | null>;
  content: Json;
  status: 'PENDING' | 'APPROVED' | 'RETURNED';
  proposedBy: string;
  proposedAt: Instant;
  decidedBy: string | null;
  decidedAt: NullableInstant;
  returnReason: string | null;
};

export type CouncilConcertationEntryTable = {
  id: string;
  heldOn: LegalDay;
  kind: 'MEETING' | 'CONTACT';
  topic: string;
  outcome: string | null;
  followUp: string | null;
  tableId: string | null;
  /** Bodies outside the directory, by name as written. */
  otherOrganisations: ColumnType<string[], string[] | undefined, string[]>;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

export type CouncilConcertationOrganisationTable = {
  entryId: string;
  organisationId: string;
};

export type CouncilConsultantTables = {
  councilConsultantAssignment: CouncilConsultantAssignmentTable;
  councilProposal: CouncilProposalTable;
  councilConcertationEntry: CouncilConcertationEntryTable;
  councilConcertationOrganisation: CouncilConcertationOrganisationTable;
};
