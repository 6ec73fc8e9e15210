import type { Selectable } from 'kysely';
import type { RetentionDisposalTable } from '../../../db/tables/privacy.ts';
import type { Db } from '../../../kernel/db.ts';

export function schedules(db: Db) {
  return db.selectFrom('retentionSchedule').select(['category', 'months', 'legalBasis']).execute();
}

export function scheduleOf(db: Db, category: string) {
  return db
    .selectFrom('retentionSchedule')
    .select(['category', 'months', 'legalBasis'])
    .where('category', '=', category)
    .forUpdate()
    .executeTakeFirst();
}

/** Adds the schedules not yet kept, leaving alone those that are; returns the categories added. */
export async function insertMissingSchedules(
  db: Db,
  rows: readonly { category: string; months: number; legalBasis: string }[],
  at: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const added = await db
    .insertInto('retentionSchedule')
    .values(rows.map((row) => ({ ...row, updatedAt: at, updatedBy: null })))
    .onConflict((oc) => oc.column('category').doNothing())
    .returning('category')
    .execute();
  return added.map((row) => row.category);
}

export async function saveSchedule(
  db: Db,
  row: { category: string; months: number; legalBasis: string; updatedAt: Date; updatedBy: string | null },
): Promise<void> {
  await db
    .insertInto('retentionSchedule')
    .values(row)
    .onConflict((oc) =>
      oc.column('category').doUpdateSet({
        months: row.months,
        legalBasis: row.legalBasis,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      }),
    )
    .execute();
}

export type DisposalRow = Selectable<RetentionDisposalTable>;

export async function insertDisposals(db: Db, rows: readonly DisposalRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('retentionDisposal').values(rows).execute();
}

/** The latest run of the disposal for each category. */
export function lastDisposals(db: Db) {
  return db
    .selectFrom('retentionDisposal')
    .distinctOn('category')
    .select(['category', 'startedAt', 'disposed', 'failure'])
    .orderBy('category')
    .orderBy('startedAt', 'desc')
    .execute();
}
