/** The queries of the consultant's facilitation: assignments to tables, and proposals. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  CouncilConsultantAssignmentTable,
  CouncilProposalTable,
} from '../../../db/tables/council-consultant.ts';
import type { Db } from '../../../kernel/db.ts';

const fullName = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

export const CONSULTANT_ROLE = 'council_consultant';

export function insertAssignment(db: Db, row: Insertable<CouncilConsultantAssignmentTable>) {
  return db.insertInto('councilConsultantAssignment').values(row).execute();
}

export function endAssignment(db: Db, id: string, endedAt: Date) {
  return db.updateTable('councilConsultantAssignment').set({ endedAt }).where('id', '=', id).execute();
}

/** The current assignments, of one table, one consultant, or all of them. */
export function currentAssignments(db: Db, filter: { tableId?: string; userId?: string; id?: string } = {}) {
  let query = db
    .selectFrom('councilConsultantAssignment as a')
    .innerJoin('councilTable as t', 't.id', 'a.tableId')
    .innerJoin('appUser as u', 'u.id', 'a.userId')
    .select(['a.id', 'a.tableId', 'a.userId', 'a.assignedAt', 't.name as tableName'])
    .select(fullName('u').as('consultantName'))
    .where('a.endedAt', 'is', null);
  if (filter.tableId) query = query.where('a.tableId', '=', filter.tableId);
  if (filter.userId) query = query.where('a.userId', '=', filter.userId);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  return query.orderBy('t.name').orderBy('a.assignedAt').execute();
}
export type AssignmentRow = Awaited<ReturnType<typeof currentAssignments>>[number];

/** Whether the user is assigned to the table now (under a lock, when deciding on a proposal). */
export async function isAssigned(db: Db, tableId: string, userId: string) {
  const row = await db
    .selectFrom('councilConsultantAssignment')
    .select('id')
    .where('tableId', '=', tableId)
    .where('userId', '=', userId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active users holding the consultant's role, with their organisation. */
export function consultants(db: Db, userId?: string) {
  let query = db
    .selectFrom('membership as m')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select(['u.id as userId', 'u.email', 'o.name as organisationName'])
    .select(fullName('u').as('name'))
    .where('m.role', '=', CONSULTANT_ROLE)
    .where('u.isActive', '=', true);
  if (userId) query = query.where('u.id', '=', userId);
  return query.orderBy('u.familyName').orderBy('u.givenName').limit(500).execute();
}

export function insertProposal(db: Db, row: Insertable<CouncilProposalTable>) {
  return db.insertInto('councilProposal').values(row).execute();
}

export function lockProposal(db: Db, id: string) {
  return db.selectFrom('councilProposal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateProposal(db: Db, id: string, changes: Updateable<CouncilProposalTable>) {
  return db.updateTable('councilProposal').set(changes).where('id', '=', id).execute();
}

export type ProposalFilter = {
  id?: string;
  status?: CouncilProposalTable['status'];
  kind?: CouncilProposalTable['kind'];
  tableId?: string;
  /** Only the proposals on the tables assigned to this consultant now. */
  assignedTo?: string;
};

function filteredProposals(db: Db, filter: ProposalFilter) {
  let query = db
    .selectFrom('councilProposal as p')
    .innerJoin('councilTable as t', 't.id', 'p.tableId')
    .innerJoin('appUser as u', 'u.id', 'p.proposedBy')
    .leftJoin('appUser as d', 'd.id', 'p.decidedBy')
    .leftJoin('councilMeeting as m', 'm.id', 'p.meetingId');
  if (filter.id) query = query.where('p.id', '=', filter.id);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.tableId) query = query.where('p.tableId', '=', filter.tableId);
  const { assignedTo } = filter;
  if (assignedTo)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('councilConsultantAssignment as a')
          .select('a.id')
          .whereRef('a.tableId', '=', 'p.tableId')
          .where('a.userId', '=', assignedTo)
          .where('a.endedAt', 'is', null),
      ),
    );
  return query;
}

/** One page of proposals, the waiting ones first and then the latest, and how many match in all. */
export async function proposalsPage(
  db: Db,
  filter: ProposalFilter,
  page: { page: number; pageSize: number },
) {
  const rows = await filteredProposals(db, filter)
    .selectAll('p')
    .select(['t.name as tableName', 'm.title as meetingTitle'])
    .select(fullName('u').as('proposedByName'))
    .select(
      sql<string | null>`case when d.id is null then null else d.given_name || ' ' || d.family_name end`.as(
        'decidedByName',
      ),
    )
    .orderBy(sql`p.status = 'PENDING'`, 'desc')
    .orderBy('p.proposedAt', 'desc')
    .orderBy('p.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await filteredProposals(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
export type ProposalRow = Awaited<ReturnType<typeof proposalsPage>>['rows'][number];

/** The meetings of the tables assigned to a consultant, the latest first. */
export function meetingsOfTables(db: Db, tableIds: readonly string[]) {
  if (tableIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('councilMeeting as m')
    .innerJoin('councilTable as t', 't.id', 'm.tableId')
    .selectAll('m')
    .select('t.name as tableName')
    .where('m.tableId', 'in', tableIds)
    .orderBy('m.startsAt', 'desc')
    .limit(500)
    .execute();
}

export type Recipient = { id: string; email: string; givenName: string; familyName: string };

/** The active users holding a role, each once (the secretariat, told of a waiting proposal). */
export function activeUsersWithRole(db: Db, role: string): Promise<Recipient[]> {
  return db
    .selectFrom('appUser as u')
    .select(['u.id', 'u.email', 'u.givenName', 'u.familyName'])
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.role', '=', role),
      ),
    )
    .orderBy('u.familyName')
    .orderBy('u.id')
    .limit(200)
    .execute();
}

/** An active user, or nothing (the consultant, told of the decision on their proposal). */
export function activeUser(db: Db, id: string): Promise<Recipient | undefined> {
  return db
    .selectFrom('appUser')
    .select(['id', 'email', 'givenName', 'familyName'])
    .where('id', '=', id)
    .where('isActive', '=', true)
    .executeTakeFirst();
}

/**
 * Who answers a table's questionnaire: the active users holding the council member's role in the organisations
 * seated at the table now.
 */
export async function tableRespondents(db: Db, tableId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership as m')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .innerJoin('councilMembership as c', 'c.organisationId', 'm.organisationId')
    .select('u.id')
    .distinct()
    .where('c.tableId', '=', tableId)
    .where('c.toOn', 'is', null)
    .where('m.role', '=', 'council_member')
    .where('u.isActive', '=', true)
    .orderBy('u.id')
    .limit(2000)
    .execute();
  return rows.map((row) => row.id);
}
