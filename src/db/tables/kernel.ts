import type { Generated } from 'kysely';
import type { Instant, NullableInstant, NullableJson } from '../columns.ts';

export type AuditEntryTable = {
  /** Order of insertion; may have gaps (rolled-back transactions). */
  seq: Generated<number>;
  id: string;
  at: Instant;
  kind: 'change' | 'access' | 'security';
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  organisationId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  /** For changes `{ before, after }` of the fields that changed; for other kinds, details. */
  data: unknown | null;
};

export type AuditSealTable = {
  /** 1, 2, 3… without gaps: the order of the hash chain. */
  position: number;
  entrySeq: number;
  prevHash: string;
  hash: string;
  sealedAt: Instant;
};

export type SystemHeartbeatTable = {
  instance: string;
  beatAt: Instant;
  beats: number;
};

/** A file uploaded by one user for one record, referred to later by its token, once, for a short while. */
export type FileUploadTable = {
  token: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedBy: string;
  /** What the file is for: the kind of record (`opinion`, …) and its id. */
  recordKind: string;
  recordId: string;
  uploadedAt: Instant;
  expiresAt: Instant;
  /** When a record took the file: a token is used once. */
  usedAt: NullableInstant;
};

export type MailStatus = 'PENDING' | 'SENT' | 'UNDELIVERABLE';

export type MailOutboxTable = {
  id: string;
  /** What the mail is, `<module>.<what>` (`cases.convocation`), and the record it is about. */
  topic: string;
  entityId: string | null;
  recipient: string;
  subject: string;
  /** Text, HTML and attachments (base64) until sent; null afterwards. */
  body: NullableJson;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Instant;
  lastError: string | null;
  createdAt: Instant;
  sentAt: NullableInstant;
};

/** The requests of one client on one limited route in the current window, shared by every process. */
export type RequestCountTable = {
  /** `METHOD /path` of the route. */
  route: string;
  /** The client: its address, or what the route counts by (the person checking in). */
  key: string;
  windowStart: Instant;
  windowMs: number;
  hits: number;
};

/** The platform's own tables: the audit trail, the workers' heartbeat, the e-mail outbox and the uploads awaiting their record. */
/** The one key every process signs public links with (convocations, event tickets), made at first use. */
export type LinkSigningKeyTable = { id: number; secret: string; createdAt: Instant };

export type KernelTables = {
  linkSigningKey: LinkSigningKeyTable;
  mailOutbox: MailOutboxTable;
  auditEntry: AuditEntryTable;
  auditSeal: AuditSealTable;
  systemHeartbeat: SystemHeartbeatTable;
  fileUpload: FileUploadTable;
  requestCount: RequestCountTable;
};
