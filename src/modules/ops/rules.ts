import { z } from 'zod';

/** What every LOVIT backup archive says of itself, first member of the archive. */
export const MANIFEST_NAME = 'manifest.json';
export const ARCHIVE_FORMAT = 'lovit-backup';
export const ARCHIVE_FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  lovitVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  backend: z.enum(['pglite', 'postgres']),
  /** The last migration applied to the database when it was dumped. */
  migration: z.string(),
  /** Rows per table of the public schema, in the dump. */
  tables: z.record(z.string(), z.number().int().min(0)),
  /** Every member of the archive but the manifest: its size and SHA-256. */
  members: z.record(z.string(), z.object({ size: z.number().int().min(0), sha256 })),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The member holding the database: PGlite's data directory, or a `pg_dump` custom-format file. */
export const DATABASE_MEMBER = { pglite: 'database/pglite.tar', postgres: 'database/postgres.dump' } as const;
export const FILES_PREFIX = 'files/';

/** `lovit-backup-2026-12-06T0930.tar.gz`, in the time of the offices (Europe/Rome). */
export function archiveName(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `lovit-backup-${parts.year}-${parts.month}-${parts.day}T${parts.hour}${parts.minute}.tar.gz`;
}

export const ARCHIVE_PATTERN = /^lovit-backup-\d{4}-\d{2}-\d{2}T\d{4}(-\d+)?\.tar\.gz$/;

/** The archives to delete so that the newest `keep` remain (names sort by time). */
export function archivesBeyond(names: readonly string[], keep: number): string[] {
  const archives = names.filter((name) => ARCHIVE_PATTERN.test(name)).sort();
  return archives.slice(0, Math.max(0, archives.length - keep));
}

/** The cron expression of a daily run at `HH:MM`. */
export function dailyCron(time: { hour: number; minute: number }): string {
  return `${time.minute} ${time.hour} * * *`;
}

/**
 * Why an archive cannot be restored by this LOVIT, or null: its migration level must be one this code knows
 * (an archive from a newer LOVIT holds tables this one cannot read).
 */
export function migrationRefusal(manifest: Manifest, knownMigrations: readonly string[]): string | null {
  if (knownMigrations.includes(manifest.migration)) return null;
  const latest = [...knownMigrations].sort().at(-1) ?? '';
  if (manifest.migration > latest)
    return `the archive comes from a newer LOVIT (schema ${manifest.migration}, this one stops at ${latest}): restore it with that version`;
  return `the archive's schema level ${manifest.migration} is unknown to this LOVIT`;
}

/** Where a restored copy differs from its manifest: each difference in one short phrase. */
export function differences(
  manifest: Manifest,
  found: { tables: Record<string, number>; members: Record<string, string> },
): string[] {
  const out: string[] = [];
  for (const [table, rows] of Object.entries(manifest.tables)) {
    const got = found.tables[table];
    if (got !== rows) out.push(`table ${table}: ${rows} rows expected, ${got ?? 'no table'} found`);
  }
  for (const table of Object.keys(found.tables))
    if (!(table in manifest.tables)) out.push(`table ${table} is not in the manifest`);
  for (const [member, { sha256 }] of Object.entries(manifest.members)) {
    const got = found.members[member];
    if (got === undefined) out.push(`${member} is missing`);
    else if (got !== sha256) out.push(`${member} does not match its checksum`);
  }
  for (const member of Object.keys(found.members))
    if (!(member in manifest.members)) out.push(`${member} is not in the manifest`);
  return out;
}
