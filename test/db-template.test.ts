import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedTemplate, openDatabaseFromTemplate, templateKey } from '../src/kernel/db-template.ts';
import { knownMigrations, MIGRATIONS_FOLDER, migrateToLatest } from '../src/kernel/migrate.ts';

// Migrations copied here still find `kysely` in the project's node_modules.
const SCRATCH = path.resolve('.scratch');

// Each test makes a database from nothing at least once: slow on a busy machine.
describe('the embedded database’s template', { timeout: 300_000 }, () => {
  let work: string;
  let cacheDir: string;
  let older: string;

  beforeAll(async () => {
    await mkdir(SCRATCH, { recursive: true });
    work = await mkdtemp(path.join(SCRATCH, 'template-'));
    cacheDir = path.join(work, 'cache');
    // The migration list of the previous release: every migration but the last.
    older = path.join(work, 'older-migrations');
    await mkdir(older);
    const names = (await readdir(MIGRATIONS_FOLDER)).filter((name) => name.endsWith('.ts')).sort();
    for (const name of names.slice(0, -1))
      await cp(path.join(MIGRATIONS_FOLDER, name), path.join(older, name));
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('is named by the migration list: another file, or a changed one, gives another name', async () => {
    const current = await templateKey();
    expect(await templateKey(older)).not.toBe(current);
    const changed = path.join(work, 'changed-migrations');
    await cp(MIGRATIONS_FOLDER, changed, { recursive: true });
    expect(await templateKey(changed)).toBe(current);
    const [first = ''] = (await readdir(changed)).sort();
    await writeFile(path.join(changed, first), '\n// changed\n', { flag: 'a' });
    expect(await templateKey(changed)).not.toBe(current);
  });

  it('never starts a database from a template of an older migration list, and replaces it', async () => {
    await embeddedTemplate({ cacheDir, migrationsFolder: older });
    expect(await readdir(cacheDir)).toEqual([`pglite-template-${await templateKey(older)}.tar`]);

    const dataDir = path.join(work, 'data');
    const database = await openDatabaseFromTemplate({ databaseUrl: undefined, dataDir }, { cacheDir });
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        database.db,
      );
      expect(rows.map((row) => row.name)).toEqual(await knownMigrations());
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(await readdir(cacheDir)).toEqual([`pglite-template-${await templateKey()}.tar`]);
  });

  it('creates only a database that does not exist: a restart opens the data as they are', async () => {
    const dataDir = path.join(work, 'kept');
    const first = await openDatabaseFromTemplate({ databaseUrl: undefined, dataDir }, { cacheDir });
    await sql`insert into system_heartbeat (instance, beat_at, beats) values ('kept', now(), 7)`.execute(
      first.db,
    );
    await first.close();
    const again = await openDatabaseFromTemplate({ databaseUrl: undefined, dataDir }, { cacheDir });
    try {
      const { rows } = await sql<{
        beats: number;
      }>`select beats from system_heartbeat where instance = 'kept'`.execute(again.db);
      expect(rows).toEqual([{ beats: 7 }]);
    } finally {
      await again.close();
    }
  });

  it('makes a truncated template again instead of refusing to start', async () => {
    const file = path.join(cacheDir, `pglite-template-${await templateKey()}.tar`);
    await embeddedTemplate({ cacheDir });
    const whole = (await stat(file)).size;
    await writeFile(file, (await readFile(file)).subarray(0, Math.floor(whole / 3)));

    const database = await openDatabaseFromTemplate(
      { databaseUrl: undefined, dataDir: path.join(work, 'truncated') },
      { cacheDir },
    );
    try {
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
    expect((await stat(file)).size).toBe(whole);
  });
});
