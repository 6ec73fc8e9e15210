/** The tables of the territorial council (CTI): tables, members, meetings, minutes, actions, initiatives. */
import type { ColumnType } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';
import type { CouncilConsultantTables } from './council-consultant.ts';

export type CouncilTableTable = {
  id: string;
  kind: 'PLENARY' | 'THEMATIC';
  name: string;
  theme: string;
  mandate: string;
  startsOn: LegalDay;
  endsOn: LegalDay | null;
  coordinatorOrganisationId: string;
  createdAt: Instant;
};

export type CouncilMembershipTable = {
  id: string;
  tableId: string;
  organisationId: string;
  representativeName: string;
  representativeEmail: string;
  deputyName: string | null;
  deputyEmail: string | null;
  fromOn: LegalDay;
  toOn: LegalDay | null;
};

export type CouncilMeetingTable = {
  id: string;
  tableId: string;
  title: string;
  startsAt: Instant;
  place: string | null;
  onlineUrl: string | null;
  status: 'CONVENED' | 'HELD' | 'CANCELLED';
  minutesStatus: 'NONE' | 'DRAFT' | 'CIRCULATED' | 'REVISED' | 'APPROVED';
  minutesCirculatedVersion: number | null;
  minutesApprovedAt: NullableInstant;
  convenedAt: Instant;
  convenedBy: string;
  /** The calendar entry's SEQUENCE: 0 at the convocation, raised by each reschedule and by the cancellation. */
  sequence: ColumnType<number, number | undefined, number>;
  /** Why the meeting was cancelled, when it was. */
  cancelReason: ColumnType<string | null, string | null | undefined, string | null>;
};

export type CouncilAgendaItemTable = {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  presenter: string | null;
  durationMinutes: number;
  /** The open action item this point follows up, when it was carried from an earlier meeting. */
  actionItemId: string | null;
};

export type CouncilAttendanceTable = {
  meetingId: string;
  organisationId: string;
  invitedEmail: string;
  answer: 'PRESENT' | 'DELEGATE' | 'ABSENT' | null;
  delegateName: string | null;
  answeredAt: NullableInstant;
  attended: boolean | null;
  attendeeName: string | null;
};

export type CouncilMinutesVersionTable = {
  meetingId: string;
  version: number;
  text: string;
  savedAt: Instant;
  savedBy: string;
};

export type CouncilMinutesCommentTable = {
  id: string;
  meetingId: string;
  version: number;
  organisationId: string;
  authorId: string;
  text: string;
  at: Instant;
};

export type CouncilDecisionTable = {
  id: string;
  meetingId: string;
  agendaItemId: string;
  text: string;
  recordedAt: Instant;
};

export type CouncilActionItemTable = {
  id: string;
  tableId: string;
  meetingId: string;
  agendaItemId: string | null;
  decisionId: string | null;
  title: string;
  ownerOrganisationId: string;
  ownerName: string;
  ownerEmail: string;
  dueOn: LegalDay;
  status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  doneOn: LegalDay | null;
  remindedAt: NullableInstant;
  createdAt: Instant;
};

export type CouncilActionNoteTable = {
  id: string;
  actionItemId: string;
  authorId: string;
  text: string;
  at: Instant;
};

export type CouncilInitiativeTable = {
  id: string;
  tableId: string;
  decisionId: string | null;
  title: string;
  objective: string;
  needs: string;
  actions: string;
  partners: ColumnType<string[], string[] | undefined, string[]>;
  budgetCents: number | null;
  startsOn: LegalDay;
  endsOn: LegalDay;
  status: 'PLANNED' | 'ACTIVE' | 'COMPLETED' | 'SUSPENDED';
  progress: number;
  results: string | null;
  updatedAt: Instant;
};

export type CouncilServiceTable = {
  id: string;
  organisationId: string;
  name: string;
  description: string;
  municipalityIstatCode: string;
  address: string | null;
  themes: string[];
  targetGroups: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  eligibility: string | null;
  hours: string | null;
  phone: string | null;
  email: string | null;
  url: string | null;
  updatedAt: Instant;
};

export type CouncilDocumentTable = {
  id: string;
  meetingId: string;
  agendaItemId: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
};

export type CouncilPublicSummaryTable = {
  meetingId: string;
  text: string;
  savedAt: Instant;
  savedBy: string;
  publishedText: string | null;
  publishedAt: NullableInstant;
  publishedBy: string | null;
};

export type CouncilSummaryClearanceTable = {
  meetingId: string;
  key: string;
  excerpt: string;
  reason: string;
  clearedAt: Instant;
  clearedBy: string;
};

/** The tables of the territorial council, as Kysely sees them. */
export type CouncilTables = CouncilConsultantTables & {
  councilTable: CouncilTableTable;
  councilMembership: CouncilMembershipTable;
  councilMeeting: CouncilMeetingTable;
  councilAgendaItem: CouncilAgendaItemTable;
  councilAttendance: CouncilAttendanceTable;
  councilMinutesVersion: CouncilMinutesVersionTable;
  councilMinutesComment: CouncilMinutesCommentTable;
  councilDecision: CouncilDecisionTable;
  councilDocument: CouncilDocumentTable;
  councilPublicSummary: CouncilPublicSummaryTable;
  councilSummaryClearance: CouncilSummaryClearanceTable;
  councilActionItem: CouncilActionItemTable;
  councilActionNote: CouncilActionNoteTable;
  councilInitiative: CouncilInitiativeTable;
  councilService: CouncilServiceTable;
};
