import type { Instant } from '../columns.ts';

export type BackupRunTable = {
  id: string;
  startedAt: Instant;
  durationMs: number;
  outcome: 'SUCCEEDED' | 'FAILED';
  trigger: 'SCHEDULE' | 'ADMIN';
  archive: string | null;
  sizeBytes: number | null;
  /** Why a run failed, in words an administrator reads. */
  message: string | null;
};

export type OpsTables = { backupRun: BackupRunTable };
