import type { Config } from '../config.ts';
import { openDatabase } from '../kernel/db.ts';
import { restoreBackup, verifyBackup, writeBackup } from '../modules/ops/service.ts';

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** `lovit backup [--verify]`: for a stopped embedded instance, or a PostgreSQL deployment at any time. */
export async function backupCommand(
  config: Config,
  options: { verify?: boolean },
): Promise<{ message: string; ok: boolean }> {
  const database = await openDatabase(config);
  let written: Awaited<ReturnType<typeof writeBackup>>;
  try {
    written = await writeBackup(database, { ...config, backupDir: config.backup.dir }, new Date());
  } finally {
    await database.close();
  }
  const line = `Backup scritto / written: ${written.archive} (${size(written.sizeBytes)}, ${(written.durationMs / 1000).toFixed(1)} s).`;
  if (!options.verify) return { message: line, ok: true };
  const verified = await verifyBackup(written.archive, config.databaseUrl);
  return { message: `${line}\n${verified.summary}`, ok: verified.isIntact };
}

/** `lovit restore <archive>` into an empty place, or `--verify` into a scratch one. */
export async function restoreCommand(
  config: Config,
  archive: string,
  options: { verify?: boolean },
): Promise<{ message: string; ok: boolean }> {
  if (options.verify) {
    const verified = await verifyBackup(archive, config.databaseUrl);
    return { message: verified.summary, ok: verified.isIntact };
  }
  return { message: await restoreBackup(archive, config), ok: true };
}
