/** Queries on the problem log shared by the offices. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { ExchangeProblemTable } from '../../../db/tables/exchange.ts';
import type { Db } from '../../../kernel/db.ts';
import type { ProblemQuery } from '../contract.ts';

function withOrganisations(db: Db) {
  return db
    .selectFrom('exchangeProblem as p')
    .innerJoin('organisation as raiser', 'raiser.id', 'p.raisedByOrganisationId')
    .innerJoin('organisation as owner', 'owner.id', 'p.ownerOrganisationId')
    .select([
      'p.id',
      'p.caseNumber',
      'p.category',
      'p.title',
      'p.description',
      'p.raisedBy',
      'p.raisedByOrganisationId',
      'raiser.name as raisedByOrganisation',
      'p.ownerOrganisationId',
      'owner.name as ownerOrganisation',
      'p.status',
      'p.resolution',
      'p.raisedOn',
      'p.resolvedOn',
      'p.version',
    ]);
}

/** The problems of a status (or the unresolved, or all) and category, newest first, at most 500. */
export function problems(db: Db, query: ProblemQuery) {
  let select = withOrganisations(db);
  if (query.status === 'unresolved') select = select.where('p.status', '!=', 'RESOLVED');
  else if (query.status !== 'all') select = select.where('p.status', '=', query.status);
  if (query.category) select = select.where('p.category', '=', query.category);
  return select.orderBy('p.raisedOn', 'desc').orderBy('p.id', 'desc').limit(500).execute();
}

export function problem(db: Db, id: string) {
  return withOrganisations(db).where('p.id', '=', id).executeTakeFirst();
}

export async function isActiveOrganisation(db: Db, id: string): Promise<boolean> {
  const found = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', id)
    .where('isActive', '=', true)
    .executeTakeFirst();
  return found !== undefined;
}

export function insertProblem(db: Db, row: Insertable<ExchangeProblemTable>) {
  return db.insertInto('exchangeProblem').values(row).execute();
}

export function lockProblem(db: Db, id: string) {
  return db.selectFrom('exchangeProblem').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateProblem(db: Db, id: string, patch: Updateable<ExchangeProblemTable>) {
  return db.updateTable('exchangeProblem').set(patch).where('id', '=', id).execute();
}

/** Problems open and resolved, by category. */
export function problemCounts(db: Db) {
  return db
    .selectFrom('exchangeProblem')
    .select([
      'category',
      sql<number>`count(*) filter (where status != 'RESOLVED')`.as('open'),
      sql<number>`count(*) filter (where status = 'RESOLVED')`.as('resolved'),
    ])
    .groupBy('category')
    .orderBy('category')
    .execute();
}
