/** The tables of dissemination (WP4): news, events with their sessions, registrations and check-in at the door. */
import type { ColumnType, Generated } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type EventKind = 'CONFERENCE' | 'PERFORMANCE' | 'WORKSHOP' | 'OTHER';

export type OutreachEventTable = {
  id: string;
  kind: EventKind;
  title: string;
  summary: string;
  description: string;
  offerHours: number;
  publishedAt: NullableInstant;
  createdBy: string;
  createdAt: Instant;
};

export type OutreachEventTextTable = {
  eventId: string;
  language: string;
  title: string;
  summary: string;
  description: string;
  updatedAt: Instant;
};

export type OutreachSessionTable = {
  id: string;
  eventId: string;
  label: string;
  startsAt: Instant;
  endsAt: Instant;
  venue: string;
  address: string;
  accessibility: string;
  capacity: number;
  registrationUntil: Instant;
  /** By invitation: each registration waits for the staff's approval. */
  requiresApproval: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Instant;
};

export type RegistrationStatus =
  | 'PENDING'
  | 'CONFIRMED'
  | 'WAITLISTED'
  | 'OFFERED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'DECLINED';

export type OutreachRegistrationTable = {
  id: string;
  arrival: Generated<string>;
  sessionId: string;
  ticketCode: string;
  name: string;
  email: string;
  organisation: string | null;
  organisationType: string | null;
  language: string;
  accessibilityNeeds: string | null;
  interpretationLanguage: string | null;
  consentAt: Instant;
  status: RegistrationStatus;
  createdAt: Instant;
  confirmedAt: NullableInstant;
  offeredAt: NullableInstant;
  offerExpiresAt: NullableInstant;
  cancelledAt: NullableInstant;
  /** When and by whom the staff approved or declined a request for a session by invitation. */
  decidedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decidedBy: ColumnType<string | null, string | null | undefined, string | null>;
  /** The answers to the event's own questions, by question id. */
  answers: ColumnType<Record<string, string>, string | undefined, string>;
};

export type QuestionKind = 'TEXT' | 'CHOICE' | 'YES_NO';

export type OutreachEventQuestionTable = {
  id: string;
  eventId: string;
  position: number;
  label: string;
  kind: QuestionKind;
  options: ColumnType<string[], string, string>;
  required: boolean;
  createdAt: Instant;
};

export type OutreachCheckInListTable = { id: string; eventId: string; name: string; createdAt: Instant };

export type OutreachCheckInTable = {
  listId: string;
  registrationId: string;
  checkedInAt: Instant;
  checkedInBy: string;
};

export type ArticleKind = 'NEWS' | 'ANNOUNCEMENT';
export type ArticleStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED' | 'ARCHIVED';
export type ArticleTextStatus = 'DRAFT' | 'REVIEWED' | 'PUBLISHED';

export type OutreachArticleTable = {
  id: string;
  kind: ArticleKind;
  tags: ColumnType<string[], string, string>;
  coverImageId: string | null;
  status: ArticleStatus;
  publishAt: NullableInstant;
  publishedAt: NullableInstant;
  archivedAt: NullableInstant;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

export type OutreachArticleTextTable = {
  articleId: string;
  language: string;
  title: string;
  summary: string;
  body: string;
  imageAlt: string | null;
  status: ArticleTextStatus;
  revision: number;
  sourceRevision: number | null;
  editedAt: Instant;
  editedBy: string;
  reviewedAt: NullableInstant;
  reviewedBy: string | null;
  publishedTitle: string | null;
  publishedSummary: string | null;
  publishedBody: string | null;
  publishedImageAlt: string | null;
  publishedAt: NullableInstant;
  publishedRevision: number | null;
  publishedSourceRevision: number | null;
};

export type OutreachImageTable = {
  id: string;
  articleId: string;
  sha256: string;
  mediaType: string;
  size: number;
  fileName: string;
  uploadedBy: string;
  uploadedAt: Instant;
};

export type PublicationKind = 'BROCHURE' | 'LEAFLET' | 'POSTER' | 'REPORT';

export type OutreachPublicationTable = {
  id: string;
  kind: PublicationKind;
  title: string;
  description: string;
  printFormat: string | null;
  pages: number | null;
  copiesPrinted: number;
  printedOn: LegalDay | null;
  publishedAt: NullableInstant;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
  /** The cover image in the file store, with its type, size and the description read in its place. */
  coverSha256: ColumnType<string | null, string | null | undefined, string | null>;
  coverMediaType: ColumnType<string | null, string | null | undefined, string | null>;
  coverSize: ColumnType<number | null, number | null | undefined, number | null>;
  coverAlt: ColumnType<string | null, string | null | undefined, string | null>;
};

export type OutreachPublicationFileTable = {
  id: string;
  publicationId: string;
  language: string;
  version: number;
  title: string;
  sha256: string;
  size: number;
  fileName: string;
  uploadedBy: string;
  uploadedAt: Instant;
};

export type OutreachDistributionTable = {
  id: string;
  publicationId: string;
  point: string;
  copies: number;
  deliveredOn: LegalDay;
  notes: string | null;
  recordedBy: string;
  recordedAt: Instant;
};

export type OutreachDownloadTable = { fileId: string; day: LegalDay; downloads: number };

export type CoverageMedia = 'PRINT' | 'WEB' | 'RADIO' | 'TV';

export type OutreachCoverageTable = {
  id: string;
  publishedOn: LegalDay;
  outlet: string;
  title: string;
  media: CoverageMedia;
  url: string | null;
  reach: number | null;
  notes: string | null;
  clippingSha256: string | null;
  clippingSize: number | null;
  clippingFileName: string | null;
  recordedBy: string;
  recordedAt: Instant;
  updatedAt: Instant;
};

export type PressLegalBasis = 'CONSENT' | 'LEGITIMATE_INTEREST';

export type OutreachPressContactTable = {
  id: string;
  outlet: string;
  name: string;
  beat: string | null;
  email: string;
  phone: string | null;
  language: string;
  legalBasis: PressLegalBasis;
  legalBasisNote: string | null;
  unsubscribedAt: NullableInstant;
  /** Erased on the person's request: the contact's data emptied. */
  erasedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

export type PressReleaseStatus = 'DRAFT' | 'REVIEWED' | 'SENT';

export type OutreachPressReleaseTable = {
  id: string;
  title: string;
  summary: string;
  body: string;
  status: PressReleaseStatus;
  editedBy: string;
  editedAt: Instant;
  reviewedBy: string | null;
  reviewedAt: NullableInstant;
  sentBy: string | null;
  sentAt: NullableInstant;
  createdAt: Instant;
};

export type OutreachPressSendTable = { releaseId: string; contactId: string; mailId: string };

export type OutreachTables = {
  outreachPressContact: OutreachPressContactTable;
  outreachPressRelease: OutreachPressReleaseTable;
  outreachPressSend: OutreachPressSendTable;
  outreachPublication: OutreachPublicationTable;
  outreachPublicationFile: OutreachPublicationFileTable;
  outreachDistribution: OutreachDistributionTable;
  outreachDownload: OutreachDownloadTable;
  outreachCoverage: OutreachCoverageTable;
  outreachArticle: OutreachArticleTable;
  outreachArticleText: OutreachArticleTextTable;
  outreachImage: OutreachImageTable;
  outreachEvent: OutreachEventTable;
  outreachEventText: OutreachEventTextTable;
  outreachEventQuestion: OutreachEventQuestionTable;
  outreachSession: OutreachSessionTable;
  outreachRegistration: OutreachRegistrationTable;
  outreachCheckInList: OutreachCheckInListTable;
  outreachCheckIn: OutreachCheckInTable;
};
