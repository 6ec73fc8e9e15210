import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../../kernel/db.ts';
import { knownMigrations } from '../../kernel/migrate.ts';
import { version } from '../../version.ts';
import { BackupRefused, hashFile, listStoredFiles, unpackArchive, writeArchive } from './archive.ts';
import {
  assertEmptyDatabase,
  dumpDatabase,
  readRestoredCopy,
  restoreEmbeddedDatabase,
  restoreServerDatabase,
} from './dump.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  archiveName,
  DATABASE_MEMBER,
  differences,
  FILES_PREFIX,
  type Manifest,
  migrationRefusal,
} from './rules.ts';

export { BackupRefused };

/** Where LOVIT keeps its data: the embedded database and the file store live under `dataDir`. */
export type DataPlace = { dataDir: string; databaseUrl: string | undefined };

export type BackupWritten = { archive: string; sizeBytes: number; durationMs: number; manifest: Manifest };

const filesDirOf = (dataDir: string) => join(dataDir, 'files');

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.length === 0;
}

/** A name not yet taken in `folder`: a second backup in the same minute gets `-2`. */
async function freeName(folder: string, name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : name.replace(/\.tar\.gz$/, `-${n}.tar.gz`);
    const taken = await stat(join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return join(folder, candidate);
  }
}

/**
 * Writes a backup of the database and the file store into `backupDir`. The database is dumped first: a file
 * enters the store before the record that refers to it commits, so every file the dump refers to is there.
 */
export async function writeBackup(
  database: DatabaseHandle,
  place: DataPlace & { backupDir: string },
  now: Date,
): Promise<BackupWritten> {
  const started = performance.now();
  await mkdir(place.backupDir, { recursive: true });
  const staging = await mkdtemp(join(place.backupDir, '.staging-'));
  try {
    const content = await dumpDatabase(database, staging);
    const databaseMember = database.pglite ? DATABASE_MEMBER.pglite : DATABASE_MEMBER.postgres;
    const members: Manifest['members'] = { [databaseMember]: await hashFile(join(staging, databaseMember)) };
    const filesDir = filesDirOf(place.dataDir);
    for (const member of await listStoredFiles(filesDir))
      members[member] = await hashFile(join(filesDir, member.slice(FILES_PREFIX.length)));
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      lovitVersion: version,
      createdAt: now.toISOString(),
      backend: database.backend,
      migration: content.migration,
      tables: content.tables,
      members,
    };
    const archive = await freeName(place.backupDir, archiveName(now));
    const sizeBytes = await writeArchive(archive, staging, filesDir, manifest);
    return { archive, sizeBytes, durationMs: Math.round(performance.now() - started), manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Unpacks and checks an archive in a scratch folder, removed afterwards whatever happens. */
async function withUnpacked<T>(archive: string, work: (unpacked: string, manifest: Manifest) => Promise<T>) {
  const unpacked = await mkdtemp(join(tmpdir(), 'lovit-restore-'));
  try {
    const manifest = await unpackArchive(archive, unpacked);
    const refusal = migrationRefusal(manifest, await knownMigrations());
    if (refusal) throw new BackupRefused(`${archive}: ${refusal}`);
    return await work(unpacked, manifest);
  } finally {
    await rm(unpacked, { recursive: true, force: true });
  }
}

const rows = (tables: Record<string, number>) => Object.values(tables).reduce((sum, n) => sum + n, 0);
const fileCount = (manifest: Manifest) =>
  Object.keys(manifest.members).filter((member) => member.startsWith(FILES_PREFIX)).length;

const whenTaken = (manifest: Manifest) =>
  new Date(manifest.createdAt).toLocaleString('it-IT', {
    timeZone: 'Europe/Rome',
    dateStyle: 'short',
    timeStyle: 'short',
  });

export type Verified = { isIntact: boolean; summary: string; problems: string[] };

/**
 * Restores an archive into a scratch place (PGlite in memory, or a database created and dropped on the
 * server of `serverUrl`) and compares its rows per table and its files with the manifest.
 */
export async function verifyBackup(archive: string, serverUrl: string | undefined): Promise<Verified> {
  return withUnpacked(archive, async (unpacked, manifest) => {
    const restored = await readRestoredCopy(unpacked, manifest.backend, serverUrl);
    const verifiedMembers = Object.fromEntries(
      Object.entries(manifest.members).map(([member, { sha256 }]) => [member, sha256]),
    );
    const problems = differences(manifest, { tables: restored.tables, members: verifiedMembers });
    const counted = `${Object.keys(manifest.tables).length} tabelle, ${rows(manifest.tables)} righe, ${fileCount(manifest)} file`;
    return problems.length === 0
      ? {
          isIntact: true,
          problems,
          summary: `Backup verificato / backup verified: ${counted} (${archive}).`,
        }
      : {
          isIntact: false,
          problems,
          summary: `Backup NON conforme / backup does NOT match its manifest: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
        };
  });
}

/**
 * Restores an archive into an empty data directory (PGlite) or an empty database (`databaseUrl`) and the
 * file store under `dataDir`. Every check comes before the first write: a refused archive writes nothing.
 */
export async function restoreBackup(archive: string, place: DataPlace): Promise<string> {
  const filesDir = filesDirOf(place.dataDir);
  const pgliteDir = join(place.dataDir, 'pglite');
  if (!(await isEmptyOrAbsent(filesDir)))
    throw new BackupRefused(`${filesDir} is not empty: restore only into an empty data directory`);
  if (place.databaseUrl) await assertEmptyDatabase(place.databaseUrl);
  else if (!(await isEmptyOrAbsent(pgliteDir)))
    throw new BackupRefused(`${pgliteDir} is not empty: restore only into an empty data directory`);
  return withUnpacked(archive, async (unpacked, manifest) => {
    const wanted = place.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.backend !== wanted)
      throw new BackupRefused(
        `${archive} holds a ${manifest.backend === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'} database: restore it with ${manifest.backend === 'pglite' ? 'DATABASE_URL unset' : 'DATABASE_URL set'}`,
      );
    await mkdir(place.dataDir, { recursive: true });
    const partialFiles = `${filesDir}.restoring`;
    await rm(partialFiles, { recursive: true, force: true });
    await cp(join(unpacked, 'files'), partialFiles, { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
    if (place.databaseUrl) await restoreServerDatabase(unpacked, place.databaseUrl);
    else await restoreEmbeddedDatabase(unpacked, pgliteDir);
    await rm(filesDir, { recursive: true, force: true });
    await mkdir(partialFiles, { recursive: true });
    await rename(partialFiles, filesDir);
    return `Ripristinato / restored: ${Object.keys(manifest.tables).length} tabelle, ${rows(manifest.tables)} righe, ${fileCount(manifest)} file (LOVIT ${manifest.lovitVersion}, ${whenTaken(manifest)}).`;
  });
}
