import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
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

/**
 * Brings the schema to the latest version of the migrations in `folder` (LOVIT's own by default); returns the
 * names of the migrations it applied.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: as above
  db: Kysely<any>,
  folder: string = MIGRATIONS_FOLDER,
): Promise<string[]> {
  const { error, results }: MigrationResultSet = await createMigrator(db, folder).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailed(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations this code ships, without opening a database. */
export async function knownMigrations(): Promise<string[]> {
  const names = await fs.readdir(MIGRATIONS_FOLDER);
  return names
    .filter((name) => /\.ts$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();
}
