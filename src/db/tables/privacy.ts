import type { Generated } from 'kysely';
import type { Instant } from '../columns.ts';

export type RetentionScheduleTable = {
  category: string;
  months: number;
  legalBasis: string;
  updatedAt: Instant;
  updatedBy: string | null;
};

/** One category in one run of the disposal job: how many records went, or why none could. */
export type RetentionDisposalTable = {
  id: string;
  category: string;
  startedAt: Instant;
  finishedAt: Instant;
  trigger: 'SCHEDULE' | 'ADMIN';
  /** Records whose time ran out before this instant were due. */
  cutoff: Instant;
  disposed: number;
  /** Why the category stopped, in words an administrator reads; null when it went through. */
  failure: string | null;
};

/**
 * Where the audit trail's hash chain now starts: the last seal disposed of, whose hash the next seal's
 * `prev_hash` still names. Append-only, like the trail; written only by the disposal of audit entries.
 */
export type AuditCheckpointTable = {
  /** The order the checkpoints were written in: the last one is where the chain starts. */
  id: Generated<number>;
  position: number;
  hash: string;
  entrySeq: number;
  /** Entries disposed of in the step that wrote this checkpoint. */
  disposed: number;
  disposedAt: Instant;
  /** Seals at or before `position` kept for entries under legal hold, and the hash of their positions and hashes. */
  retained: Generated<number>;
  retainedHash: string | null;
};

/**
 * An audit entry whose personal values were removed when the record it is about was disposed of: the hash the
 * entry verifies to from then on, in place of its seal's (decision 087). Append-only.
 */
export type AuditRedactionTable = {
  entrySeq: number;
  /** The entry's seal, or null when it was redacted before being sealed (its seal covers the redacted entry). */
  position: number | null;
  hash: string | null;
  redactedAt: Instant;
};

export type PrivacyTables = {
  retentionSchedule: RetentionScheduleTable;
  retentionDisposal: RetentionDisposalTable;
  auditCheckpoint: AuditCheckpointTable;
  auditRedaction: AuditRedactionTable;
};
