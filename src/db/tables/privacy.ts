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
  position: number;
  hash: string;
  entrySeq: number;
  /** Entries disposed of in the step that wrote this checkpoint. */
  disposed: number;
  disposedAt: Instant;
};

export type PrivacyTables = {
  retentionSchedule: RetentionScheduleTable;
  retentionDisposal: RetentionDisposalTable;
  auditCheckpoint: AuditCheckpointTable;
};
