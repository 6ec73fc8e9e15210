/** The council's queries on tables, members and meetings (minutes, actions and initiatives have their own). */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  CouncilAgendaItemTable,
  CouncilAttendanceTable,
  CouncilMeetingTable,
  CouncilMembershipTable,
  CouncilTableTable,
} from '../../db/tables/council.ts';
import type { Db } from '../../kernel/db.ts';

/** Whose view: the secretariat sees every table; anyone else the tables their organisation sits at. */
export type Scope = { all: true } | { all: false; organisationId: string };

// ---- tables and members

export function insertTable(db: Db, row: Insertable<CouncilTableTable>) {
  return db.insertInto('councilTable').values(row).execute();
}

export function tables(db: Db, scope: Scope, id?: string) {
  let query = db
    .selectFrom('councilTable as t')
    .innerJoin('organisation as o', 'o.id', 't.coordinatorOrganisationId')
    .selectAll('t')
    .select([
      'o.name as coordinatorName',
      sql<number>`(select count(*)::int from council_membership m
        where m.table_id = t.id and m.to_on is null)`.as('memberCount'),
    ]);
  if (id) query = query.where('t.id', '=', id);
  if (!scope.all) {
    const { organisationId } = scope;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('councilMembership as m')
          .select('m.id')
          .whereRef('m.tableId', '=', 't.id')
          .where('m.organisationId', '=', organisationId)
          .where('m.toOn', 'is', null),
      ),
    );
  }
  return query.orderBy(sql`t.kind = 'THEMATIC'`).orderBy('t.name').execute();
}
export type TableRow = Awaited<ReturnType<typeof tables>>[number];

export function insertMember(db: Db, row: Insertable<CouncilMembershipTable>) {
  return db.insertInto('councilMembership').values(row).execute();
}

export function lockMember(db: Db, tableId: string, id: string) {
  return db
    .selectFrom('councilMembership')
    .selectAll()
    .where('tableId', '=', tableId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function endMember(db: Db, id: string, toOn: string) {
  return db.updateTable('councilMembership').set({ toOn }).where('id', '=', id).execute();
}

/** Every membership of a table, past ones included: the current ones first, then by when they began. */
export function members(db: Db, tableId: string) {
  return db
    .selectFrom('councilMembership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .selectAll('m')
    .select('o.name as organisationName')
    .where('m.tableId', '=', tableId)
    .orderBy(sql`m.to_on is not null`)
    .orderBy('o.name')
    .orderBy('m.fromOn', 'desc')
    .execute();
}

export function currentMembers(db: Db, tableId: string) {
  return db
    .selectFrom('councilMembership')
    .selectAll()
    .where('tableId', '=', tableId)
    .where('toOn', 'is', null)
    .execute();
}

export async function organisationExists(db: Db, id: string) {
  return (
    (await db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

// ---- meetings

export function insertMeeting(db: Db, row: Insertable<CouncilMeetingTable>) {
  return db.insertInto('councilMeeting').values(row).execute();
}

export function insertAgenda(db: Db, rows: Insertable<CouncilAgendaItemTable>[]) {
  return db.insertInto('councilAgendaItem').values(rows).execute();
}

export function insertAttendance(db: Db, rows: Insertable<CouncilAttendanceTable>[]) {
  return rows.length ? db.insertInto('councilAttendance').values(rows).execute() : Promise.resolve([]);
}

function meetingsQuery(db: Db, scope: Scope) {
  let query = db
    .selectFrom('councilMeeting as m')
    .innerJoin('councilTable as t', 't.id', 'm.tableId')
    .selectAll('m')
    .select('t.name as tableName');
  if (!scope.all) {
    const { organisationId } = scope;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('councilAttendance as a')
          .select('a.meetingId')
          .whereRef('a.meetingId', '=', 'm.id')
          .where('a.organisationId', '=', organisationId),
      ),
    );
  }
  return query;
}

/** Meetings the scope sees: the secretariat all of them, members those their organisation was invited to. */
export function meetings(db: Db, scope: Scope, filter: { tableId?: string; id?: string } = {}) {
  let query = meetingsQuery(db, scope);
  if (filter.tableId) query = query.where('m.tableId', '=', filter.tableId);
  if (filter.id) query = query.where('m.id', '=', filter.id);
  return query.orderBy('m.startsAt', 'desc').orderBy('m.id').limit(500).execute();
}
export type MeetingRow = Awaited<ReturnType<typeof meetings>>[number];

export function lockMeeting(db: Db, id: string) {
  return db.selectFrom('councilMeeting').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateMeeting(db: Db, id: string, changes: Updateable<CouncilMeetingTable>) {
  return db.updateTable('councilMeeting').set(changes).where('id', '=', id).execute();
}

export function agenda(db: Db, meetingId: string) {
  return db
    .selectFrom('councilAgendaItem')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .orderBy('position')
    .execute();
}

export function attendance(db: Db, meetingId: string) {
  return db
    .selectFrom('councilAttendance as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisationId')
    .selectAll('a')
    .select('o.name as organisationName')
    .where('a.meetingId', '=', meetingId)
    .orderBy('o.name')
    .execute();
}

export function updateAttendance(
  db: Db,
  meetingId: string,
  organisationId: string,
  changes: Updateable<CouncilAttendanceTable>,
) {
  return db
    .updateTable('councilAttendance')
    .set(changes)
    .where('meetingId', '=', meetingId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

/** The answers to the invitation, cleared when the meeting moves: they were given for another date. */
export function clearAnswers(db: Db, meetingId: string) {
  return db
    .updateTable('councilAttendance')
    .set({ answer: null, delegateName: null, answeredAt: null })
    .where('meetingId', '=', meetingId)
    .execute();
}

// ---- the yearly report

/** The meetings held between two instants, with their table's name, in time order. */
export function heldMeetings(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('councilMeeting as m')
    .innerJoin('councilTable as t', 't.id', 'm.tableId')
    .select(['m.id', 'm.title', 'm.startsAt', 't.name as tableName'])
    .where('m.status', '=', 'HELD')
    .where('m.startsAt', '>=', from)
    .where('m.startsAt', '<', to)
    .orderBy('m.startsAt')
    .execute();
}

/** Who was invited to these meetings and whether they came, by organisation name. */
export async function attendanceOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('councilAttendance as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisationId')
    .select(['o.name as organisationName', 'a.attended'])
    .where('a.meetingId', 'in', meetingIds)
    .execute();
}

/** The decisions taken at these meetings, in the order they were taken. */
export async function decisionsOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('councilDecision as d')
    .innerJoin('councilMeeting as m', 'm.id', 'd.meetingId')
    .select(['d.text', 'm.startsAt'])
    .where('d.meetingId', 'in', meetingIds)
    .orderBy('m.startsAt')
    .orderBy('d.recordedAt')
    .execute();
}
