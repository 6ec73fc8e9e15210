/** The queries of the press coverage log. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { CoverageMedia, OutreachCoverageTable } from '../../../db/tables/outreach.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertCoverage(db: Db, row: Insertable<OutreachCoverageTable>) {
  return db.insertInto('outreachCoverage').values(row).execute();
}

export function updateCoverage(db: Db, id: string, changes: Updateable<OutreachCoverageTable>) {
  return db.updateTable('outreachCoverage').set(changes).where('id', '=', id).execute();
}

export function lockCoverage(db: Db, id: string) {
  return db.selectFrom('outreachCoverage').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCoverage(db: Db, id: string) {
  return db.selectFrom('outreachCoverage').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CoverageRow = NonNullable<Awaited<ReturnType<typeof findCoverage>>>;

export async function listCoverage(db: Db, query: { media?: CoverageMedia | undefined; limit: number; offset: number }) {
  let base = db.selectFrom('outreachCoverage');
  if (query.media) base = base.where('media', '=', query.media);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('publishedOn', 'desc')
      .orderBy('recordedAt', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Items and estimated reach per kind of media: for the funder's indicators. */
export function coverageFigures(db: Db) {
  return db
    .selectFrom('outreachCoverage')
    .select('media')
    .select((eb) => eb.fn.countAll<string>().as('items'))
    .select(sql<string>`coalesce(sum(reach), 0)`.as('reach'))
    .groupBy('media')
    .orderBy('media')
    .execute();
}

/** Among some stored files, the clippings: the orphan sweeper keeps them. */
export async function storedClippings(db: Db, sha256s: readonly string[]) {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('outreachCoverage')
    .select('clippingSha256')
    .distinct()
    .where('clippingSha256', 'in', sha256s)
    .execute();
  return rows.flatMap((row) => (row.clippingSha256 ? [row.clippingSha256] : []));
}
