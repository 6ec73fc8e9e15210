/** The backups LOVIT takes of itself while it runs: the daily job, an administrator's "Esegui ora", retention. */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Caller } from '../../kernel/auth.ts';
import { Conflict } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Gauge } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import type { BackupStatus } from './contract.ts';
import { archivesBeyond } from './rules.ts';
import { writeBackup } from './service.ts';
import { insertBackupRun, lastBackupRun } from './store.ts';

export const BACKUP_QUEUE = 'ops.backup';

type Trigger = 'SCHEDULE' | 'ADMIN';

/** Why a backup failed, as an administrator can act on it. */
export function failureInWords(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return `Spazio su disco esaurito nella cartella dei backup (${folder}).`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `LOVIT non può scrivere nella cartella dei backup (${folder}): controllare i permessi.`;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `Il percorso dei backup (${folder}) non è una cartella.`;
  return `Backup non riuscito: ${(error as Error).message}`;
}

/** Deletes the oldest archives beyond the number kept; returns how many it deleted. */
async function pruneArchives(folder: string, keep: number): Promise<number> {
  const old = archivesBeyond(await readdir(folder), keep);
  for (const name of old) await rm(join(folder, name), { force: true });
  return old.length;
}

/** Takes a backup of this running LOVIT and records how it went, succeeded or failed, with its audit entry. */
export async function runBackup(platform: Platform, caller: Caller, trigger: Trigger): Promise<void> {
  const { config, database, clock } = platform;
  const startedAt = clock.now();
  const started = performance.now();
  let run: Parameters<typeof insertBackupRun>[1];
  let removed = 0;
  try {
    const written = await writeBackup(database, { ...config, backupDir: config.backup.dir }, startedAt);
    removed = await pruneArchives(config.backup.dir, config.backup.keep);
    run = {
      id: newId(),
      startedAt,
      durationMs: written.durationMs,
      outcome: 'SUCCEEDED',
      trigger,
      archive: written.archive,
      sizeBytes: written.sizeBytes,
      message: null,
    };
  } catch (error) {
    run = {
      id: newId(),
      startedAt,
      durationMs: Math.round(performance.now() - started),
      outcome: 'FAILED',
      trigger,
      archive: null,
      sizeBytes: null,
      message: failureInWords(error, config.backup.dir),
    };
  }
  await writeTransaction(database.db, clock, caller, async ({ db, audit }) => {
    await insertBackupRun(db, run);
    await audit({
      kind: 'change',
      action: run.outcome === 'SUCCEEDED' ? 'ops.backup.write' : 'ops.backup.fail',
      entityType: 'ops.backup',
      entityId: run.id,
      details: { trigger, archive: run.archive, sizeBytes: run.sizeBytes, removed, message: run.message },
    });
  });
}

/** An administrator asks for a backup now: the job queue takes it, off the request. */
export async function requestBackup(platform: Platform, caller: Caller): Promise<void> {
  const { jobs } = platform;
  if (!jobs)
    throw new Conflict(
      'Questo processo non esegue lavori in background (JOBS=off): il backup può essere eseguito con «lovit backup».',
    );
  await writeTransaction(platform.database.db, platform.clock, caller, ({ audit }) =>
    audit({ kind: 'change', action: 'ops.backup.request', entityType: 'ops.backup', entityId: null }),
  );
  await jobs.send(BACKUP_QUEUE, { trigger: 'ADMIN' });
}

/** The last success and the last failure, with the settings of the daily job. */
export async function backupStatus(platform: Platform): Promise<BackupStatus> {
  const { db } = platform.database;
  const [success, failure] = await Promise.all([lastBackupRun(db, 'SUCCEEDED'), lastBackupRun(db, 'FAILED')]);
  const { at, keep, dir } = platform.config.backup;
  return {
    lastSuccess: success
      ? {
          at: success.startedAt.toISOString(),
          sizeBytes: success.sizeBytes ?? 0,
          durationMs: success.durationMs,
          archive: success.archive?.split('/').at(-1) ?? '',
        }
      : null,
    lastFailure:
      failure && (!success || failure.startedAt > success.startedAt)
        ? { at: failure.startedAt.toISOString(), message: failure.message ?? '' }
        : null,
    schedule: {
      time: `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`,
      keep,
      folder: dir,
    },
    canRunNow: platform.jobs !== undefined,
  };
}

/** What /metrics shows of the backups: when the last one succeeded, its size and how long it took. */
export function backupGauges(platform: Platform): Gauge[] {
  const last = () => lastBackupRun(platform.database.db, 'SUCCEEDED');
  return [
    {
      name: 'lovit_backup_last_success_timestamp_seconds',
      help: 'When the last successful backup started (Unix time; 0 before the first)',
      read: async () => {
        const run = await last();
        return run ? run.startedAt.getTime() / 1000 : 0;
      },
    },
    {
      name: 'lovit_backup_last_size_bytes',
      help: 'Size of the last successful backup archive',
      read: async () => (await last())?.sizeBytes ?? 0,
    },
    {
      name: 'lovit_backup_last_duration_seconds',
      help: 'Time the last successful backup took',
      read: async () => {
        const run = await last();
        return run ? run.durationMs / 1000 : 0;
      },
    },
  ];
}
