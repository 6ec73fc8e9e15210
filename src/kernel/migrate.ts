import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { FileMigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../db/migrations', import.meta.url));

export class MigrationFailed extends Error {
  override name = 'MigrationFailed';
}

/** The migrator over src/db/migrations (one timestamped file per change). */
// biome-ignore lint/suspicious/noExplicitAny: migrations work below the typed schema, on any version of it
export function createMigrator(db: Kysely<any>, migrationFolder: string = MIGRATIONS_FOLDER): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
}

/** The names of the migrations in `folder`, as the migrator records them (without the extension), sorted. */
async function migrationNames(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder);
  return names
    .filter((name) => /\.ts$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();
}

/**
 * Whether the database records exactly the migrations in `folder` as applied. The migrator itself loads every
 * migration's code before it finds nothing to do, which takes a start more than a second.
 */
// biome-ignore lint/suspicious/noExplicitAny: as above
async function upToDate(db: Kysely<any>, folder: string): Promise<boolean> {
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db).then(
    ({ rows }) => rows.map((row) => row.name).sort(),
    () => undefined,
  );
  if (!applied) return false;
  const known = await migrationNames(folder);
  return applied.length === known.length && applied.every((name, index) => name === known[index]);
}

/**
 * Brings the schema to the latest version of the migrations in `folder` (LOVIT's own by default); returns the
 * names of the migrations it applied, none when the database already records every one of them.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: as above
  db: Kysely<any>,
  folder: string = MIGRATIONS_FOLDER,
): Promise<string[]> {
  if (await upToDate(db, folder)) return [];
  const { error, results }: MigrationResultSet = await createMigrator(db, folder).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailed(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations this code ships, without opening a database. */
export function knownMigrations(): Promise<string[]> {
  return migrationNames(MIGRATIONS_FOLDER);
}
