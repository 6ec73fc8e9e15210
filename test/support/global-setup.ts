import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openEmbeddedDatabase, openServerDatabase } from '../../src/kernel/db.ts';
import { migrateToLatest } from '../../src/kernel/migrate.ts';
import { createServerDatabase } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, dumped once per run. */
    pgliteTemplate: string;
    /** A migrated database on the PostgreSQL server that each test file's database is copied from, if any. */
    postgresTemplate: string | undefined;
  }
}

/**
 * Runs the migrations once on PGlite and dumps the result, and once on the PostgreSQL server when there is one,
 * so each test file starts from a copy.
 */
export async function setup(project: TestProject) {
  const folder = await mkdtemp(path.join(tmpdir(), 'lovit-test-'));
  const database = await openEmbeddedDatabase(undefined);
  await migrateToLatest(database.db);
  const dump = await database.pglite?.dumpDataDir('none');
  await database.close();
  if (!dump) throw new Error('PGlite did not dump its data directory');
  const file = path.join(folder, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  const server = process.env.TEST_DATABASE_URL ? await createServerDatabase() : undefined;
  if (server) {
    const handle = await openServerDatabase(server.url, { max: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
  }
  project.provide('postgresTemplate', server?.name);
  return async () => {
    await server?.drop();
    await rm(folder, { recursive: true, force: true });
  };
}
