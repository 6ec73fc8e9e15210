import type { ColumnType, Generated } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

type Json<T> = ColumnType<T, T | string, T | string>;

export type OpinionState = 'PENDING' | 'QUESTION' | 'ANSWERED' | 'SILENT_CONSENT';
export type OpinionOutcome = 'FAVOURABLE' | 'UNFAVOURABLE' | 'SILENT_CONSENT';

/** Who and what an opinion is about, as much as the body needs and no more. */
export type OpinionSubject = {
  persons: {
    role: string;
    surname: string;
    givenName: string;
    sex?: string;
    birthDate?: string;
    birthPlace?: string;
    citizenship: string;
    passportNumber?: string | null;
    fiscalCode?: string | null;
  }[];
  employers: {
    role: string;
    kind: string;
    name: string;
    fiscalCode: string;
    vatNumber?: string | null;
    address?: string;
  }[];
  quota: { year: number; sector: string } | null;
  submittedOn: string;
  highRiskCountry: boolean;
};

export type Attachment = { sha256: string; filename: string; mediaType: string; size: number };

export type OpinionRequestTable = {
  id: string;
  originNode: string;
  requesterOrganisationId: string | null;
  requesterName: string;
  body: string;
  answererNode: string;
  organisationId: string | null;
  caseNumber: string;
  caseTypeCode: string;
  caseTypeName: string;
  label: string;
  subject: Json<OpinionSubject>;
  searchText: string;
  requestedAt: Instant;
  requestedOn: LegalDay;
  responseDays: number;
  dueOn: LegalDay;
  silenceRule: string | null;
  state: OpinionState;
  pausedSince: LegalDay | null;
  outcome: OpinionOutcome | null;
  closedAt: NullableInstant;
  remindedOn: LegalDay | null;
  escalatedOn: LegalDay | null;
  updatedAt: Instant;
  /** When its retention ran out and the people it was about were removed from it (decision 075). */
  anonymisedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type OpinionAnswerTable = {
  id: string;
  opinionId: string;
  outcome: 'FAVOURABLE' | 'UNFAVOURABLE';
  reasons: string | null;
  answeredBy: string;
  answeredAt: Instant;
  answeredOn: LegalDay;
  correctsId: string | null;
  attachments: ColumnType<Attachment[], Attachment[] | string | undefined, never>;
};

export type OpinionQuestionTable = {
  id: string;
  opinionId: string;
  question: string;
  askedBy: string;
  askedAt: Instant;
  askedOn: LegalDay;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: NullableInstant;
  repliedOn: LegalDay | null;
};

export type ExchangeProblemTable = {
  id: string;
  caseNumber: string | null;
  category: string;
  title: string;
  description: string;
  raisedByOrganisationId: string;
  raisedBy: string;
  ownerOrganisationId: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED';
  resolution: string | null;
  raisedOn: LegalDay;
  resolvedOn: LegalDay | null;
  updatedAt: Instant;
  version: Generated<number>;
};

export type ExchangeKeyTable = {
  kid: string;
  privateJwk: Json<Record<string, unknown>>;
  publicJwk: Json<Record<string, unknown>>;
  createdAt: Instant;
};

export type ExchangeOutboxTable = {
  id: string;
  peer: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  createdAt: Instant;
  attempts: Generated<number>;
  nextAttemptAt: Instant;
  deliveredAt: NullableInstant;
  lastError: string | null;
};

export type ExchangeInboxTable = {
  id: string;
  sender: string;
  kind: string;
  status: 'APPLIED' | 'REJECTED';
  detail: string | null;
  receivedAt: Instant;
};

export type ExchangeDeliveryTable = { jti: string; sender: string; receivedAt: Instant };

export type ExchangeRefusalTable = {
  id: string;
  at: Instant;
  sender: string | null;
  reason: string;
  clientAddress: string | null;
};

/** Refusals per reason and source (a peer, or an unknown caller's address) in the hour from `windowStart`. */
export type ExchangeRefusalCountTable = {
  windowStart: Instant;
  reason: string;
  source: string;
  count: number;
};

/** The tables of the exchange between bodies. */
export type ExchangeTables = {
  opinionRequest: OpinionRequestTable;
  opinionAnswer: OpinionAnswerTable;
  opinionQuestion: OpinionQuestionTable;
  exchangeProblem: ExchangeProblemTable;
  exchangeKey: ExchangeKeyTable;
  exchangeOutbox: ExchangeOutboxTable;
  exchangeInbox: ExchangeInboxTable;
  exchangeDelivery: ExchangeDeliveryTable;
  exchangeRefusal: ExchangeRefusalTable;
  exchangeRefusalCount: ExchangeRefusalCountTable;
};
