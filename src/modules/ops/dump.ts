/**
 * The database half of a backup, per backend: PGlite's own dump of its data directory, or `pg_dump` in
 * custom format taken from an exported snapshot; restored by loading that directory or by `pg_restore`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DatabaseHandle, openEmbeddedDatabase, openServerDatabase } from '../../kernel/db.ts';
import { BackupRefused } from './archive.ts';
import { DATABASE_MEMBER } from './rules.ts';
import {
  countRows,
  createDatabase,
  dropDatabase,
  isDatabaseEmpty,
  migrationLevel,
  withExportedSnapshot,
} from './store.ts';

export type DatabaseContent = { tables: Record<string, number>; migration: string };

// From the PATH: the client tools of the server's major version (Debian: postgresql-client-15).
const PG_DUMP = 'pg_dump';
const PG_RESTORE = 'pg_restore';

/** The connection as libpq's variables, so that no password shows in the process list. */
function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    ...process.env,
    PGHOST: decodeURIComponent(parsed.hostname) || 'localhost',
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username) || 'postgres',
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
    ...(parsed.password ? { PGPASSWORD: decodeURIComponent(parsed.password) } : {}),
    ...(sslmode ? { PGSSLMODE: sslmode } : {}),
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const line = stderr.trim().split('\n').at(-1) ?? '';
      reject(new Error(`${command.split('/').at(-1)} failed: ${line || `exit code ${code}`}`));
    });
  });
}

/** What a dumped PGlite directory holds, read from a scratch copy in memory. */
async function readPgliteDump(dump: Blob): Promise<DatabaseContent> {
  const scratch = await openEmbeddedDatabase(undefined, dump);
  try {
    return { tables: await countRows(scratch.db), migration: await migrationLevel(scratch.db) };
  } finally {
    await scratch.close();
  }
}

/** Dumps the database into `staging`; returns the rows per table and the migration level of the dump. */
export async function dumpDatabase(handle: DatabaseHandle, staging: string): Promise<DatabaseContent> {
  const target = join(staging, handle.pglite ? DATABASE_MEMBER.pglite : DATABASE_MEMBER.postgres);
  await mkdir(dirname(target), { recursive: true });
  if (handle.pglite) {
    // A checkpoint first: with the job queue at work, a data directory dumped without one did not start again
    // (checked here). The counts come from the dump itself, read back: the process goes on writing meanwhile.
    await handle.pglite.exec('checkpoint');
    const dump = await handle.pglite.dumpDataDir('none');
    await writeFile(target, new Uint8Array(await dump.arrayBuffer()));
    return readPgliteDump(dump);
  }
  const url = handle.url as string;
  return withExportedSnapshot(handle.db, async (snapshot, tables) => {
    await run(
      PG_DUMP,
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${target}`],
      libpqEnvironment(url),
    );
    return { tables, migration: await migrationLevel(handle.db) };
  });
}

/** Refuses a target that already holds data: a restore never mixes two databases. */
export async function assertEmptyDatabase(url: string): Promise<void> {
  const handle = await openServerDatabase(url, { max: 1 });
  try {
    if (!(await isDatabaseEmpty(handle.db)))
      throw new BackupRefused('the target database is not empty: restore only into an empty database');
  } finally {
    await handle.close();
  }
}

/** Restores the database member found in `unpacked` into an empty PostgreSQL database, in one transaction. */
export async function restoreServerDatabase(unpacked: string, url: string): Promise<void> {
  await run(
    PG_RESTORE,
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      `--dbname=${new URL(url).pathname.slice(1)}`,
      join(unpacked, DATABASE_MEMBER.postgres),
    ],
    libpqEnvironment(url),
  );
}

/** Creates the PGlite directory `dir` from the dump, under a temporary name renamed when complete. */
export async function restoreEmbeddedDatabase(unpacked: string, dir: string): Promise<void> {
  const dump = new Blob([await readFile(join(unpacked, DATABASE_MEMBER.pglite))]);
  const partial = `${dir}.restoring`;
  await rm(partial, { recursive: true, force: true });
  const handle = await openEmbeddedDatabase(partial, dump);
  await handle.close();
  await rename(partial, dir);
}

/** Restores the dump into a scratch place (in memory, or a database created and dropped) and reads it. */
export async function readRestoredCopy(
  unpacked: string,
  backend: 'pglite' | 'postgres',
  serverUrl: string | undefined,
): Promise<DatabaseContent> {
  if (backend === 'pglite')
    return readPgliteDump(new Blob([await readFile(join(unpacked, DATABASE_MEMBER.pglite))]));
  if (!serverUrl)
    throw new BackupRefused('a PostgreSQL backup is verified on a PostgreSQL server: set DATABASE_URL');
  const name = `lovit_verify_${randomBytes(6).toString('hex')}`;
  const admin = await openServerDatabase(serverUrl, { max: 1 });
  const scratchUrl = new URL(serverUrl);
  scratchUrl.pathname = `/${name}`;
  try {
    await createDatabase(admin.db, name);
    await restoreServerDatabase(unpacked, scratchUrl.toString());
    const scratch = await openServerDatabase(scratchUrl.toString(), { max: 1 });
    try {
      return { tables: await countRows(scratch.db), migration: await migrationLevel(scratch.db) };
    } finally {
      await scratch.close();
    }
  } finally {
    await dropDatabase(admin.db, name).catch(() => undefined);
    await admin.close();
  }
}
