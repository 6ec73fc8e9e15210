import { type Insertable, sql } from 'kysely';
import type { BackupRunTable } from '../../db/tables/ops.ts';
import type { Db } from '../../kernel/db.ts';

/** Rows per table of the public schema (LOVIT's own tables; the job queue's schema changes by itself). */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    const result = await sql<{ rows: number }>`select count(*)::int as rows from ${sql.table(name)}`.execute(
      db,
    );
    counts[name] = result.rows[0]?.rows ?? 0;
  }
  return counts;
}

/** The last migration applied. */
export async function migrationLevel(db: Db): Promise<string> {
  const { rows } = await sql<{
    name: string;
  }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? '';
}

/** Whether the database holds no table and no schema of its own: a place a backup may be restored into. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`
    select count(*)::int as found from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  return (rows[0]?.found ?? 0) === 0;
}

/**
 * Runs `work` inside a read-only repeatable-read transaction whose snapshot is exported: `pg_dump --snapshot`
 * then dumps exactly what the counts were taken from, while the offices go on writing.
 */
export function withExportedSnapshot<T>(
  db: Db,
  work: (snapshot: string, counts: Record<string, number>) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx);
      return work(rows[0]?.snapshot ?? '', await countRows(trx));
    });
}

/** Runs `work` while holding the embedded database's only connection: nothing else writes meanwhile. */
export function withOnlyConnection<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(work);
}

export async function insertBackupRun(db: Db, run: Insertable<BackupRunTable>): Promise<void> {
  await db.insertInto('backupRun').values(run).execute();
}

export function lastBackupRun(db: Db, outcome: BackupRunTable['outcome']) {
  return db
    .selectFrom('backupRun')
    .selectAll()
    .where('outcome', '=', outcome)
    .orderBy('startedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A scratch database on the same server, for verifying a backup. */
export async function createDatabase(db: Db, name: string): Promise<void> {
  await sql`create database ${sql.id(name)}`.execute(db);
}

export async function dropDatabase(db: Db, name: string): Promise<void> {
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(db);
}
