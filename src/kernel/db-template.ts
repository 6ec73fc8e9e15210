/**
 * A fresh embedded database starts from a template: a PGlite data directory with every migration applied,
 * prepared once (by `npm install`, or by the first start that finds none) and kept in `.cache/` at the project's
 * root. Creating a database from nothing (initdb) and migrating it takes most of a first start; unpacking the
 * template takes a fraction. The template's name carries a hash of PGlite's version and of every migration's
 * name and text: when a migration is added or changed, no template matches, a new one is made and the old
 * ones are deleted. The template also holds the job queue's schema, which its first start would otherwise create
 * (its version is in the name too). A database opened from a template still runs the migrations, as every start
 * does; they find nothing to do.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromPglite, PgBoss } from 'pg-boss';
import { type DatabaseHandle, openDatabase, openEmbeddedDatabase } from './db.ts';
import { MIGRATIONS_FOLDER, migrateToLatest } from './migrate.ts';

export const TEMPLATE_CACHE = fileURLToPath(new URL('../../.cache/', import.meta.url));
const PACKAGES = ['@electric-sql/pglite', 'pg-boss'].map((name) =>
  fileURLToPath(new URL(`../../node_modules/${name}/package.json`, import.meta.url)),
);
/** The job queue's schema, as `kernel/jobs.ts` names it. */
const JOB_SCHEMA = 'pgboss';

type TemplateOptions = { cacheDir?: string; migrationsFolder?: string };

/**
 * The hash that names the template of a migration list: the versions of PGlite and of the job queue, each
 * migration's name and text.
 */
export async function templateKey(migrationsFolder: string = MIGRATIONS_FOLDER): Promise<string> {
  const hash = createHash('sha256');
  for (const file of PACKAGES) {
    const { name, version } = JSON.parse(await readFile(file, 'utf8')) as { name: string; version: string };
    hash.update(`${name} ${version}\n`);
  }
  const names = (await readdir(migrationsFolder)).filter((name) => name.endsWith('.ts')).sort();
  for (const name of names) {
    hash.update(`${name}\n`);
    hash.update(await readFile(path.join(migrationsFolder, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

const templateFile = (cacheDir: string, key: string) => path.join(cacheDir, `pglite-template-${key}.tar`);

/**
 * The template for the migrations in `migrationsFolder`: read from the cache, or made (in memory: initdb and
 * every migration), stored for the next fresh start and returned. Templates of other migration lists are
 * deleted. A cache that cannot be written (a read-only installation) only costs the next fresh start the time
 * of making the template again.
 */
export async function embeddedTemplate(options: TemplateOptions = {}): Promise<Blob> {
  const cacheDir = options.cacheDir ?? TEMPLATE_CACHE;
  const key = await templateKey(options.migrationsFolder);
  const file = templateFile(cacheDir, key);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const scratch = await openEmbeddedDatabase(undefined);
  let dump: Blob;
  try {
    await migrateToLatest(scratch.db, options.migrationsFolder);
    const pglite = scratch.pglite as NonNullable<DatabaseHandle['pglite']>;
    const boss = new PgBoss({
      db: fromPglite(pglite),
      backend: 'pglite',
      schema: JOB_SCHEMA,
      supervise: false,
    });
    await boss.start();
    await boss.stop({ graceful: false });
    dump = await pglite.dumpDataDir('none');
  } finally {
    await scratch.close();
  }
  await storeTemplate(cacheDir, file, dump).catch(() => undefined);
  return dump;
}

async function storeTemplate(cacheDir: string, file: string, dump: Blob): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed: a start that reads the cache meanwhile never sees half a template.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  for (const name of await readdir(cacheDir)) {
    if (
      name.startsWith('pglite-template-') &&
      path.join(cacheDir, name) !== file &&
      !name.endsWith('.partial')
    )
      await rm(path.join(cacheDir, name), { force: true });
  }
}

/**
 * The configured database, as `openDatabase` opens it, except that an embedded database that does not exist yet
 * is created from the template. A template that fails to open is deleted, made again and tried once more.
 */
export async function openDatabaseFromTemplate(
  config: { databaseUrl: string | undefined; dataDir: string },
  options: TemplateOptions = {},
): Promise<DatabaseHandle> {
  const dataDir = `${config.dataDir}/pglite`;
  if (config.databaseUrl || existsSync(path.join(dataDir, 'PG_VERSION'))) return openDatabase(config);
  try {
    return await openEmbeddedDatabase(dataDir, await embeddedTemplate(options));
  } catch {
    // A cached template that cannot be opened (truncated by a full disk, damaged in a copy) is made again, once.
    const cacheDir = options.cacheDir ?? TEMPLATE_CACHE;
    await rm(templateFile(cacheDir, await templateKey(options.migrationsFolder)), { force: true });
    await rm(dataDir, { recursive: true, force: true });
    return openEmbeddedDatabase(dataDir, await embeddedTemplate(options));
  }
}
