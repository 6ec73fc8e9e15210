/** The queries of needs and resources: territorial services, and what an organisation may answer for. */
import type { Insertable, Updateable } from 'kysely';
import type { CouncilServiceTable } from '../../../db/tables/council.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertService(db: Db, row: Insertable<CouncilServiceTable>) {
  return db.insertInto('councilService').values(row).execute();
}

export function updateService(db: Db, id: string, changes: Updateable<CouncilServiceTable>) {
  return db.updateTable('councilService').set(changes).where('id', '=', id).execute();
}

export function lockService(db: Db, id: string) {
  return db.selectFrom('councilService').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

function filteredServices(db: Db, filter: ServiceFilter) {
  let query = db.selectFrom('councilService as s').innerJoin('organisation as o', 'o.id', 's.organisationId');
  if (filter.id) query = query.where('s.id', '=', filter.id);
  if (filter.theme) query = query.where((eb) => eb(eb.val(filter.theme), '=', eb.fn.any('s.themes')));
  if (filter.municipality) query = query.where('s.municipalityIstatCode', '=', filter.municipality);
  return query;
}
type ServiceFilter = { id?: string; theme?: string; municipality?: string };

const withOrganisation = (db: Db, filter: ServiceFilter) =>
  filteredServices(db, filter)
    .selectAll('s')
    .select('o.name as organisationName')
    .orderBy('s.name')
    .orderBy('s.id');

export function services(db: Db, filter: ServiceFilter = {}) {
  return withOrganisation(db, filter).limit(2000).execute();
}

/** One page of the directory, by name, and how many services match in all. */
export async function servicesPage(db: Db, filter: ServiceFilter, page: { page: number; pageSize: number }) {
  const rows = await withOrganisation(db, filter)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await filteredServices(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
export type ServiceRow = Awaited<ReturnType<typeof services>>[number];

/** An organisation's type and, for a municipality, its ISTAT code: what it may answer for. */
export function findOrganisationKind(db: Db, id: string) {
  return db
    .selectFrom('organisation')
    .select(['type', 'municipalityIstatCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}
