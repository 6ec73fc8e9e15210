/**
 * The orphan sweeper: removes stored files no record refers to any more, once they are older than a grace
 * period. An upload enters the store only with its record, so orphans are rare (a transaction that failed
 * after keeping its file, a process stopped mid-upload, an upload token never used); the grace period
 * protects a file whose record is being committed while the sweeper runs.
 */
import type { Db } from './db.ts';
import type { JobDefinition } from './jobs.ts';
import type { Platform } from './platform.ts';
import { awaitedFiles, forgetUploadTokensBefore } from './upload-tokens.ts';
import { fileStoreOf } from './uploads.ts';

/** Among `sha256s`, the files some record refers to (each module answers for its own records). */
export type FileReferences = (db: Db, sha256s: readonly string[]) => Promise<string[]>;

const GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/** Removes the unreferenced files stored before the grace period; returns how many it removed. */
export async function sweepOrphanFiles(
  platform: Pick<Platform, 'config' | 'database' | 'clock'>,
  references: readonly FileReferences[],
): Promise<number> {
  const files = fileStoreOf(platform.config);
  const { db } = platform.database;
  const now = platform.clock.now();
  const before = new Date(now.getTime() - GRACE_MS);
  await forgetUploadTokensBefore(db, before);
  const old = await files.storedBefore(before);
  let removed = 0;
  for (let start = 0; start < old.length; start += BATCH) {
    const batch = old.slice(start, start + BATCH);
    const kept = new Set(await awaitedFiles(db, batch, now));
    for (const referenced of references) for (const sha256 of await referenced(db, batch)) kept.add(sha256);
    for (const sha256 of batch.filter((sha256) => !kept.has(sha256))) {
      await files.remove(sha256);
      removed += 1;
    }
  }
  return removed;
}

/** Every night, when nobody uploads. */
export function orphanFilesJob(
  platform: Pick<Platform, 'config' | 'database' | 'clock'>,
  references: readonly FileReferences[],
): JobDefinition {
  return {
    queue: 'system.orphan-files',
    cron: '40 3 * * *',
    async handle() {
      await sweepOrphanFiles(platform, references);
    },
  };
}
