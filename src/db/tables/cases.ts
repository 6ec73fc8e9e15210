import type { ColumnType, Generated } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type CaseTypeVersionTable = {
  code: string;
  validFrom: LegalDay;
  /** The definition, validated by `caseTypeVersion` in `modules/cases/law/definitions.ts`. */
  definition: ColumnType<unknown, string, string>;
  loadedAt: Instant;
};

export type PersonTable = {
  id: string;
  organisationId: string;
  surname: string;
  givenName: string;
  sex: 'M' | 'F';
  birthDate: LegalDay;
  birthPlace: string;
  /** ISO 3166-1 alpha-2. */
  citizenship: string;
  /** The Italian cadastral code of the foreign state (Z…), used in fiscal codes. */
  citizenshipCadastralCode: string | null;
  passportNumber: string | null;
  passportExpiry: LegalDay | null;
  fiscalCode: string | null;
  /** Where the fiscal code does not match the person's data (surname, name, birth date, sex, place). */
  fiscalCodeWarnings: ColumnType<string[], string[] | undefined, string[]>;
  address: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: string | null;
  createdAt: Instant;
  updatedAt: Instant;
};

export type EmployerTable = {
  id: string;
  organisationId: string;
  kind: 'COMPANY' | 'PERSON';
  name: string;
  fiscalCode: string;
  vatNumber: string | null;
  address: string;
  pec: string | null;
  email: string | null;
  phone: string | null;
  createdAt: Instant;
  updatedAt: Instant;
};

export type QuotaTable = {
  organisationId: string;
  year: number;
  sector: string;
  total: number;
  used: Generated<number>;
  legalBasis: string;
};

/** The yearly list of countries at particular risk (DL 145/2024 art. 3), confirmed by the SUI manager. */
export type RiskCountryListTable = {
  year: number;
  countries: string[];
  legalBasis: string;
  confirmedBy: string | null;
  confirmedAt: Instant;
};

export type ProtocolCounterTable = { organisationId: string; year: number; lastNumber: number };

export type CaseFileTable = {
  id: string;
  organisationId: string;
  /** Protocol number `<province>-<year>-<000001>`, gap-free per office and year. */
  number: string;
  year: number;
  sequence: number;
  typeCode: string;
  /** The definition version in force on the submission date. */
  typeValidFrom: LegalDay;
  state: string;
  closed: boolean;
  awaitingOpinions: Generated<boolean>;
  channel: 'DESK' | 'API' | 'IMPORT';
  externalReference: string | null;
  quotaYear: number | null;
  quotaSector: string | null;
  /** Arrival order within the quota, from 1. */
  quotaRank: number | null;
  receivedAt: Instant;
  submittedOn: LegalDay;
  /** The day the request was imputed to the quota (art. 21 c.1 TUI); the work terms run from it (DL 146/2025). */
  quotaImputedOn: LegalDay | null;
  /** The legal due date as of the last event; null once the case is closed. */
  dueOn: LegalDay | null;
  /** Whether the office's patron day counted as a holiday when the due date was computed (office setting). */
  patronDayInTerms: Generated<boolean>;
  clockSuspended: Generated<boolean>;
  highRiskCountry: Generated<boolean>;
  /** The parties' names as the worklist shows them. */
  title: string;
  language: string | null;
  assigneeId: string | null;
  /** The verification code printed on the acknowledgement (ricevuta). */
  receiptCode: string;
  version: Generated<number>;
  updatedAt: Instant;
  /** When its retention ran out and its personal data were removed (decision 075); null while kept whole. */
  anonymisedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type CasePartyTable = {
  caseId: string;
  role: string;
  personId: string | null;
  employerId: string | null;
};

export type CaseEventTable = {
  id: string;
  caseId: string;
  at: Instant;
  onDay: LegalDay;
  kind: string;
  fromState: string | null;
  toState: string | null;
  /** The event as the legal clock reads it (`CASE_EVENT_KINDS`), when it moves the clock. */
  clockEvent: string | null;
  actorUserId: string | null;
  actorLabel: string;
  reason: string | null;
  data: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, never>;
};

export type CaseOpinionTable = {
  id: string;
  caseId: string;
  body: string;
  requestedAt: Instant;
  dueOn: LegalDay;
  answeredAt: NullableInstant;
  outcome: 'FAVOURABLE' | 'UNFAVOURABLE' | 'SILENT_CONSENT' | null;
  notes: string | null;
  recordedBy: string | null;
};

export type IntakeRequestTable = {
  organisationId: string;
  idempotencyKey: string;
  bodyHash: string;
  caseId: string;
  /** The first answer, returned again for the same key and body. */
  response: ColumnType<unknown, string, never>;
  createdAt: Instant;
};

export type SavedViewTable = {
  id: string;
  userId: string;
  name: string;
  filters: ColumnType<Record<string, unknown>, string, string>;
  createdAt: Instant;
};

/** A file of a case; the content is in the file store under its SHA-256. */
export type CaseDocumentTable = {
  id: string;
  caseId: string;
  /** The checklist item it answers; null for a document outside the checklist. */
  checklistCode: string | null;
  /** 1, 2, 3… per checklist item of the case. */
  version: number;
  sha256: string;
  size: number;
  /** Read from the content, never from the name: PDF, JPEG or PNG. */
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
  /** The later version that replaced this one; null for the current one. */
  supersededBy: string | null;
};

/** The receipt of a preavviso di rigetto by the applicant: when, how, and the document that proves it. */
export type CaseNoticeReceiptTable = {
  id: string;
  caseId: string;
  /** The case event that moved the legal clock (`REJECTION_NOTICE_RECEIVED`). */
  eventId: string;
  receivedOn: LegalDay;
  channel: 'PEC' | 'RETURN_CARD' | 'DESK';
  evidenceDocumentId: string;
  recordedBy: string;
  recordedAt: Instant;
};

/** An outcome document of a case (nulla osta, decree of rejection): the PDF is printed from these data. */
export type CaseOutcomeTable = {
  id: string;
  caseId: string;
  /** The outcome of the case type's definition: `CLEARANCE`, `REJECTION_DECREE`. */
  code: string;
  label: string;
  /** The action that produced it (`ISSUE`, `ISSUE_BY_SILENCE`, `REJECT`). */
  action: string;
  /** The case number with the document's suffix: `LO-2026-000123/NO`. */
  number: string;
  verificationCode: string;
  issuedOn: LegalDay;
  validUntil: LegalDay | null;
  reason: string | null;
  issuedBy: string | null;
  createdAt: Instant;
};

export type DeskTable = {
  id: string;
  organisationId: string;
  name: string;
  /** Where applicants go: the address and the room, as the convocation letter prints it. */
  place: string;
  /** ISTAT code of the municipality the desk is in. */
  municipalityCode: ColumnType<string, string | undefined, string>;
  /** Whether the desk is reached without steps, has a lift, an accessible toilet: null while unknown. */
  stepFreeAccess: boolean | null;
  lift: boolean | null;
  accessibleToilet: boolean | null;
  accessibilityNotes: ColumnType<string, string | undefined, string>;
  createdAt: Instant;
};

/** One opening window of a desk on an ISO weekday (1 Monday … 7 Sunday), cut into slots of equal length. */
export type DeskOpeningTable = {
  deskId: string;
  weekday: number;
  /** `HH:MM:SS` (PostgreSQL `time`). */
  opens: string;
  closes: string;
  slotMinutes: number;
};

export type AppointmentStatus = 'SCHEDULED' | 'ATTENDED' | 'NO_SHOW' | 'RESCHEDULED' | 'CANCELLED';

export type AppointmentTable = {
  id: string;
  organisationId: string;
  deskId: string;
  caseId: string | null;
  startsAt: Instant;
  endsAt: Instant;
  purpose: string;
  status: AppointmentStatus;
  documentsToBring: ColumnType<string[], string[] | undefined, string[]>;
  /** Where the convocation letter goes: the applicant's e-mail, or the employer's PEC (`viaPec`). */
  recipientEmail: string | null;
  viaPec: Generated<boolean>;
  mediatorId: string | null;
  /** ISO 639-1 language of the mediation. */
  language: string | null;
  /** The appointment this one replaces. */
  rescheduledFrom: string | null;
  outcomeNotes: string | null;
  createdAt: Instant;
  createdBy: string;
  /** When the applicant confirmed it through the signed link of the convocation. */
  confirmedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When its retention ran out and its contact data and notes were removed (decision 075). */
  anonymisedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

/** How well a mediator speaks a language: a CEFR level, or mother tongue. */
export type MediatorLanguageTable = { userId: string; language: string; level: Generated<string> };

/** A weekly window in which a mediator can be booked: weekday 1 (Monday) to 7, 'HH:MM' in Europe/Rome. */
export type MediatorAvailabilityTable = { userId: string; weekday: number; fromTime: string; toTime: string };

export type LegalQuestionTable = {
  id: string;
  organisationId: string;
  caseId: string;
  askedBy: string;
  askedAt: Instant;
  question: string;
  dueOn: LegalDay;
  answeredBy: string | null;
  answeredAt: NullableInstant;
  answer: string | null;
};

/** The tables of the SUI case files, as Kysely sees them. */
export type CasesTables = {
  caseTypeVersion: CaseTypeVersionTable;
  riskCountryList: RiskCountryListTable;
  person: PersonTable;
  employer: EmployerTable;
  quota: QuotaTable;
  protocolCounter: ProtocolCounterTable;
  caseFile: CaseFileTable;
  caseParty: CasePartyTable;
  caseEvent: CaseEventTable;
  caseOpinion: CaseOpinionTable;
  intakeRequest: IntakeRequestTable;
  savedView: SavedViewTable;
  caseDocument: CaseDocumentTable;
  caseOutcome: CaseOutcomeTable;
  caseNoticeReceipt: CaseNoticeReceiptTable;
  desk: DeskTable;
  deskOpening: DeskOpeningTable;
  appointment: AppointmentTable;
  mediatorLanguage: MediatorLanguageTable;
  mediatorAvailability: MediatorAvailabilityTable;
  legalQuestion: LegalQuestionTable;
};
