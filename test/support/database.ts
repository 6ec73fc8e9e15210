import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import {
  type Backend,
  type DatabaseHandle,
  openEmbeddedDatabase,
  openServerDatabase,
} from '../../src/kernel/db.ts';
import { migrateToLatest } from '../../src/kernel/migrate.ts';

/** A database of its own for one test file, on one backend. */
export type TestDatabase = DatabaseHandle & { dispose(): Promise<void> };

/** The backends every integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on a PostgreSQL server: created for the caller (empty, or a copy of `template`), dropped on
 * dispose.
 */
export async function createServerDatabase(
  template?: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `lovit_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
  return {
    name,
    url: serverUrl(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Opens a fresh, migrated database on the given backend. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const template = new Blob([await readFile(inject('pgliteTemplate'))]);
    const handle = await openEmbeddedDatabase(undefined, template);
    await migrateToLatest(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const server = await createServerDatabase(inject('postgresTemplate'));
  const handle = await openServerDatabase(server.url, { max: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await server.drop();
    },
  };
}
