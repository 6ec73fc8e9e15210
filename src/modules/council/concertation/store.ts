/** The queries of the concertation log. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { CouncilConcertationEntryTable } from '../../../db/tables/council-consultant.ts';
import type { Db } from '../../../kernel/db.ts';

export type EntryFilter = {
  id?: string;
  from?: string;
  to?: string;
  kind?: CouncilConcertationEntryTable['kind'];
  organisationId?: string;
  tableId?: string;
};

export function insertEntry(db: Db, row: Insertable<CouncilConcertationEntryTable>) {
  return db.insertInto('councilConcertationEntry').values(row).execute();
}

export function updateEntry(db: Db, id: string, changes: Updateable<CouncilConcertationEntryTable>) {
  return db.updateTable('councilConcertationEntry').set(changes).where('id', '=', id).execute();
}

export function deleteEntry(db: Db, id: string) {
  return db.deleteFrom('councilConcertationEntry').where('id', '=', id).execute();
}

export function lockEntry(db: Db, id: string) {
  return db
    .selectFrom('councilConcertationEntry')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Replaces the directory's bodies of an entry. */
export async function setOrganisations(db: Db, entryId: string, organisationIds: readonly string[]) {
  await db.deleteFrom('councilConcertationOrganisation').where('entryId', '=', entryId).execute();
  if (organisationIds.length)
    await db
      .insertInto('councilConcertationOrganisation')
      .values(organisationIds.map((organisationId) => ({ entryId, organisationId })))
      .execute();
}

export function organisationIds(db: Db, entryId: string) {
  return db
    .selectFrom('councilConcertationOrganisation')
    .select('organisationId')
    .where('entryId', '=', entryId)
    .execute();
}

/** Which of these organisations are in the directory. */
export async function existingOrganisations(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organisation').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

export async function tableExists(db: Db, id: string) {
  return (
    (await db.selectFrom('councilTable').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

function filtered(db: Db, filter: EntryFilter) {
  let query = db.selectFrom('councilConcertationEntry as e');
  if (filter.id) query = query.where('e.id', '=', filter.id);
  if (filter.from) query = query.where('e.heldOn', '>=', filter.from);
  if (filter.to) query = query.where('e.heldOn', '<=', filter.to);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.tableId) query = query.where('e.tableId', '=', filter.tableId);
  const { organisationId } = filter;
  if (organisationId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('councilConcertationOrganisation as c')
          .select('c.entryId')
          .whereRef('c.entryId', '=', 'e.id')
          .where('c.organisationId', '=', organisationId),
      ),
    );
  return query;
}

/** Entries matching the filter, the latest first, with their table, author and directory bodies. */
export async function entries(db: Db, filter: EntryFilter, page: { limit: number; offset: number }) {
  const rows = await filtered(db, filter)
    .leftJoin('councilTable as t', 't.id', 'e.tableId')
    .innerJoin('appUser as u', 'u.id', 'e.createdBy')
    .selectAll('e')
    .select(['t.name as tableName', sql<string>`u.given_name || ' ' || u.family_name`.as('recordedBy')])
    .orderBy('e.heldOn', 'desc')
    .orderBy('e.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = rows.map((row) => row.id);
  const bodies = ids.length
    ? await db
        .selectFrom('councilConcertationOrganisation as c')
        .innerJoin('organisation as o', 'o.id', 'c.organisationId')
        .select(['c.entryId', 'o.id', 'o.name'])
        .where('c.entryId', 'in', ids)
        .orderBy('o.name')
        .execute()
    : [];
  return rows.map((row) => ({
    ...row,
    organisations: bodies.filter((b) => b.entryId === row.id).map(({ id, name }) => ({ id, name })),
  }));
}
export type EntryRow = Awaited<ReturnType<typeof entries>>[number];

export async function countEntries(db: Db, filter: EntryFilter) {
  const { total } = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}

/** The entries of a period with their bodies, for the project's indicators. */
export async function bodiesOfPeriod(db: Db, from: string, to: string) {
  const rows = await filtered(db, { from, to })
    .select(['e.id', 'e.otherOrganisations'])
    .select((eb) =>
      eb
        .selectFrom('councilConcertationOrganisation as c')
        .select(sql<string[]>`coalesce(array_agg(c.organisation_id::text), '{}')`.as('ids'))
        .whereRef('c.entryId', '=', 'e.id')
        .as('organisationIds'),
    )
    .execute();
  return rows.map((row) => ({
    organisationIds: row.organisationIds ?? [],
    otherOrganisations: row.otherOrganisations,
  }));
}
