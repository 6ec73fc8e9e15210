import { z } from 'zod';

/** The state of the backups as the administrator's page shows it. */
export const backupStatus = z.object({
  lastSuccess: z
    .object({
      at: z.iso.datetime(),
      sizeBytes: z.number().int().min(0),
      durationMs: z.number().int().min(0),
      archive: z.string(),
    })
    .nullable(),
  /** The last failure, when it came after the last success. */
  lastFailure: z.object({ at: z.iso.datetime(), message: z.string() }).nullable(),
  schedule: z.object({ time: z.string(), keep: z.number().int(), folder: z.string() }),
  /** Whether this process runs background work, so that "Esegui ora" can be taken. */
  canRunNow: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatus>;

export const backupRequested = z.object({ queued: z.literal(true) });
