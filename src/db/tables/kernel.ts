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

/** The platform's own tables: the audit trail, the workers' heartbeat and the e-mail outbox. */
export type KernelTables = {
  mailOutbox: MailOutboxTable;
  auditEntry: AuditEntryTable;
  auditSeal: AuditSealTable;
  systemHeartbeat: SystemHeartbeatTable;
};
