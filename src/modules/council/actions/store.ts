/** The council's queries on action items, their progress notes, and initiatives. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  CouncilActionItemTable,
  CouncilActionNoteTable,
  CouncilInitiativeTable,
} from '../../../db/tables/council.ts';
import type { Db } from '../../../kernel/db.ts';
import type { Scope } from '../store.ts';

export function insertAction(db: Db, row: Insertable<CouncilActionItemTable>) {
  return db.insertInto('councilActionItem').values(row).execute();
}

export function lockAction(db: Db, id: string) {
  return db.selectFrom('councilActionItem').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateAction(db: Db, id: string, changes: Updateable<CouncilActionItemTable>) {
  return db.updateTable('councilActionItem').set(changes).where('id', '=', id).execute();
}

export function insertNote(db: Db, row: Insertable<CouncilActionNoteTable>) {
  return db.insertInto('councilActionNote').values(row).execute();
}

/** Whether the scope's organisation sits at the table of the row today (always, for the secretariat). */
export function sitsAtTable(scope: Scope, tableColumn: string) {
  if (scope.all) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from council_membership m where m.table_id = ${sql.ref(tableColumn)}
    and m.organisation_id = ${scope.organisationId} and m.to_on is null)`;
}

/** Actions the scope sees (the tables it sits at), the earliest due first. */
type ActionFilter = { id?: string; tableId?: string; meetingId?: string; open?: boolean; dueBefore?: string };

function filteredActions(db: Db, scope: Scope, filter: ActionFilter) {
  let query = db
    .selectFrom('councilActionItem as a')
    .innerJoin('councilTable as t', 't.id', 'a.tableId')
    .innerJoin('organisation as o', 'o.id', 'a.ownerOrganisationId')
    .where(sitsAtTable(scope, 'a.tableId'));
  if (filter.id) query = query.where('a.id', '=', filter.id);
  if (filter.tableId) query = query.where('a.tableId', '=', filter.tableId);
  if (filter.meetingId) query = query.where('a.meetingId', '=', filter.meetingId);
  if (filter.open) query = query.where('a.status', 'in', ['OPEN', 'IN_PROGRESS']);
  if (filter.dueBefore) query = query.where('a.dueOn', '<', filter.dueBefore);
  return query;
}

/** The actions in the scope, the earliest due first. */
const ordered = (db: Db, scope: Scope, filter: ActionFilter) =>
  filteredActions(db, scope, filter)
    .selectAll('a')
    .select(['t.name as tableName', 'o.name as ownerOrganisationName'])
    .orderBy('a.dueOn')
    .orderBy('a.createdAt')
    .orderBy('a.id');

export function actions(db: Db, scope: Scope, filter: ActionFilter = {}) {
  return ordered(db, scope, filter).limit(1000).execute();
}

/** One page of the actions, and how many match in all. */
export async function actionsPage(
  db: Db,
  scope: Scope,
  filter: ActionFilter,
  page: { page: number; pageSize: number },
) {
  const rows = await ordered(db, scope, filter)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await filteredActions(db, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
export type ActionRow = Awaited<ReturnType<typeof actions>>[number];

export function notes(db: Db, actionIds: readonly string[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('councilActionNote as n')
    .innerJoin('appUser as u', 'u.id', 'n.authorId')
    .select([
      'n.actionItemId',
      'n.text',
      'n.at',
      sql<string>`u.given_name || ' ' || u.family_name`.as('author'),
    ])
    .where('n.actionItemId', 'in', actionIds)
    .orderBy('n.at')
    .orderBy('n.id')
    .execute();
}

/** Open actions due on or before `until` that have not been reminded: the reminder job's work list. */
export function actionsToRemind(db: Db, until: string) {
  return db
    .selectFrom('councilActionItem as a')
    .innerJoin('councilTable as t', 't.id', 'a.tableId')
    .selectAll('a')
    .select('t.name as tableName')
    .where('a.status', 'in', ['OPEN', 'IN_PROGRESS'])
    .where('a.remindedAt', 'is', null)
    .where('a.dueOn', '<=', until)
    .orderBy('a.dueOn')
    .limit(500)
    .execute();
}

export function markReminded(db: Db, id: string, at: Date) {
  return db
    .updateTable('councilActionItem')
    .set({ remindedAt: at })
    .where('id', '=', id)
    .where('remindedAt', 'is', null)
    .executeTakeFirst();
}

// ---- initiatives

export function insertInitiative(db: Db, row: Insertable<CouncilInitiativeTable>) {
  return db.insertInto('councilInitiative').values(row).execute();
}

export function lockInitiative(db: Db, id: string) {
  return db.selectFrom('councilInitiative').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateInitiative(db: Db, id: string, changes: Updateable<CouncilInitiativeTable>) {
  return db.updateTable('councilInitiative').set(changes).where('id', '=', id).execute();
}

export function initiatives(db: Db, scope: Scope | 'public', filter: { id?: string; tableId?: string } = {}) {
  let query = db
    .selectFrom('councilInitiative as i')
    .innerJoin('councilTable as t', 't.id', 'i.tableId')
    .selectAll('i')
    .select('t.name as tableName');
  if (scope !== 'public') query = query.where(sitsAtTable(scope, 'i.tableId'));
  if (filter.id) query = query.where('i.id', '=', filter.id);
  if (filter.tableId) query = query.where('i.tableId', '=', filter.tableId);
  return query.orderBy('i.startsOn', 'desc').orderBy('i.id').limit(500).execute();
}
