/** The queries of the project's staff, their contracts and their monthly timesheets. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  ProjectStaffTable,
  ProjectTimesheetLineTable,
  ProjectTimesheetTable,
} from '../../../db/tables/project-time.ts';
import { redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';

const STAFF_COLUMNS = [
  's.id',
  's.projectId',
  's.organisationId',
  'o.name as organisation',
  's.userId',
  'u.email as userEmail',
  's.personName',
  's.kind',
  's.contractReference',
  's.contractStartsOn',
  's.contractEndsOn',
  's.monthlyMinutesCap',
  's.totalMinutesCap',
  's.feeCents',
  's.deliverables',
  's.annualGrossCostCents',
  's.annualHours',
  's.hourlyCostCents',
] as const;

const staffWithOrganisation = (db: Db) =>
  db
    .selectFrom('projectStaff as s')
    .innerJoin('organisation as o', 'o.id', 's.organisationId')
    .leftJoin('appUser as u', 'u.id', 's.userId');

/** A project's staff, of one organisation when given, by organisation and name. */
export function staffOf(db: Db, projectId: string, organisationId: string | null) {
  let query = staffWithOrganisation(db).select(STAFF_COLUMNS).where('s.projectId', '=', projectId);
  if (organisationId !== null) query = query.where('s.organisationId', '=', organisationId);
  return query.orderBy('o.name').orderBy('s.personName').orderBy('s.contractStartsOn').execute();
}

/** A project's external assignments (every contract but an employee's), by organisation and name. */
export function assignmentsOf(db: Db, projectId: string) {
  return staffWithOrganisation(db)
    .select(STAFF_COLUMNS)
    .where('s.projectId', '=', projectId)
    .where('s.kind', '!=', 'INTERNAL')
    .orderBy('o.name')
    .orderBy('s.personName')
    .orderBy('s.contractStartsOn')
    .execute();
}

/** The contracts in a project of the person signed in as a user. */
export function staffOfUser(db: Db, projectId: string, userId: string) {
  return staffWithOrganisation(db)
    .select(STAFF_COLUMNS)
    .where('s.projectId', '=', projectId)
    .where('s.userId', '=', userId)
    .orderBy('s.contractStartsOn')
    .execute();
}

export function findStaff(db: Db, id: string) {
  return staffWithOrganisation(db).select(STAFF_COLUMNS).where('s.id', '=', id).executeTakeFirst();
}

/** The staff record, locked: two sheets of one contract are checked against its total one after the other. */
export function lockStaff(db: Db, id: string) {
  return db.selectFrom('projectStaff').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function staffByReference(db: Db, projectId: string, reference: string) {
  return db
    .selectFrom('projectStaff')
    .select('id')
    .where('projectId', '=', projectId)
    .where('contractReference', '=', reference)
    .executeTakeFirst();
}

/** The account with this e-mail address, whatever its case. */
export async function userIdByEmail(db: Db, email: string) {
  const row = await db
    .selectFrom('appUser')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertStaff(db: Db, row: Insertable<ProjectStaffTable>) {
  await db.insertInto('projectStaff').values(row).execute();
}

export async function updateStaff(db: Db, id: string, row: Updateable<ProjectStaffTable>) {
  await db.updateTable('projectStaff').set(row).where('id', '=', id).execute();
}

const COUNTED = ['SUBMITTED', 'APPROVED', 'LOCKED'] as const;

/** Minutes of each contract's sheets sent, approved or claimed, optionally leaving out one month. */
export function countedMinutes(db: Db, staffIds: readonly string[], exceptMonth: string | null = null) {
  if (staffIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('projectTimesheet')
    .select(({ fn }) => ['staffId', fn.sum<number>('totalMinutes').as('minutes')])
    .where('staffId', 'in', staffIds)
    .where('status', 'in', COUNTED);
  if (exceptMonth !== null) query = query.where('month', '!=', exceptMonth);
  return query.groupBy('staffId').execute();
}

/** The first and last month of a contract's sheets that are sent, approved or claimed. */
export function countedSpan(db: Db, staffId: string) {
  return db
    .selectFrom('projectTimesheet')
    .select(({ fn }) => [fn.min('month').as('first'), fn.max('month').as('last')])
    .where('staffId', '=', staffId)
    .where('status', 'in', COUNTED)
    .executeTakeFirstOrThrow();
}

const SHEET_COLUMNS = [
  't.id',
  't.staffId',
  's.personName',
  's.userId',
  's.projectId',
  's.organisationId',
  'o.name as organisation',
  's.kind',
  't.month',
  't.status',
  't.totalMinutes',
  't.submittedAt',
  't.submittedBy',
  't.decidedAt',
  't.decidedByName',
  't.rejectionReason',
  't.hourlyCostCents',
  't.costCents',
  's.hourlyCostCents as currentHourlyCostCents',
  't.claimId',
] as const;

const sheetsWithStaff = (db: Db) =>
  db
    .selectFrom('projectTimesheet as t')
    .innerJoin('projectStaff as s', 's.id', 't.staffId')
    .innerJoin('organisation as o', 'o.id', 's.organisationId');

export type SheetFilter = {
  projectId: string;
  organisationId?: string | null;
  status?: ProjectTimesheetTable['status'] | undefined;
  staffIds?: readonly string[];
};

export function sheets(db: Db, filter: SheetFilter) {
  let query = sheetsWithStaff(db).select(SHEET_COLUMNS).where('s.projectId', '=', filter.projectId);
  if (filter.organisationId) query = query.where('s.organisationId', '=', filter.organisationId);
  if (filter.status) query = query.where('t.status', '=', filter.status);
  if (filter.staffIds) {
    if (filter.staffIds.length === 0) return Promise.resolve([]);
    query = query.where('t.staffId', 'in', filter.staffIds);
  }
  return query.orderBy('t.month', 'desc').orderBy('s.personName').execute();
}

export function findSheet(db: Db, id: string) {
  return sheetsWithStaff(db).select(SHEET_COLUMNS).where('t.id', '=', id).executeTakeFirst();
}

/** The number of the first submitted claim of the project whose period takes the month, or null. */
export async function claimOfMonth(db: Db, projectId: string, month: { startsOn: string; endsOn: string }) {
  const row = await db
    .selectFrom('projectClaim')
    .select('number')
    .where('projectId', '=', projectId)
    .where('status', '!=', 'DRAFT')
    .where('periodStart', '<=', month.endsOn)
    .where('periodEnd', '>=', month.startsOn)
    .orderBy('number')
    .executeTakeFirst();
  return row?.number ?? null;
}

export function sheetOfMonth(db: Db, staffId: string, month: string) {
  return db
    .selectFrom('projectTimesheet')
    .select(['id', 'status', 'totalMinutes', 'rejectionReason'])
    .where('staffId', '=', staffId)
    .where('month', '=', month)
    .forUpdate()
    .executeTakeFirst();
}

/** Sheets locked for a change of state, in a stable order. */
export function lockSheets(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectTimesheet')
    .select(['id', 'status', 'month'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function insertSheet(db: Db, row: Insertable<ProjectTimesheetTable>) {
  await db.insertInto('projectTimesheet').values(row).execute();
}

export async function updateSheet(db: Db, id: string, row: Updateable<ProjectTimesheetTable>) {
  await db.updateTable('projectTimesheet').set(row).where('id', '=', id).execute();
}

export async function updateSheets(db: Db, ids: readonly string[], row: Updateable<ProjectTimesheetTable>) {
  if (ids.length === 0) return;
  await db.updateTable('projectTimesheet').set(row).where('id', 'in', ids).execute();
}

export async function replaceLines(
  db: Db,
  timesheetId: string,
  lines: Insertable<ProjectTimesheetLineTable>[],
) {
  await db.deleteFrom('projectTimesheetLine').where('timesheetId', '=', timesheetId).execute();
  if (lines.length > 0) await db.insertInto('projectTimesheetLine').values(lines).execute();
}

/** The lines of some sheets with their package's and activity's codes, in the plan's order. */
export function linesOf(db: Db, timesheetIds: readonly string[]) {
  if (timesheetIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectTimesheetLine as l')
    .innerJoin('projectWorkPackage as w', 'w.id', 'l.workPackageId')
    .leftJoin('projectItem as i', 'i.id', 'l.itemId')
    .select([
      'l.timesheetId',
      'l.workPackageId',
      'w.code as workPackageCode',
      'w.title as workPackageTitle',
      'l.itemId',
      'i.code as itemCode',
      'i.title as itemTitle',
      'l.minutes',
      'l.note',
    ])
    .where('l.timesheetId', 'in', timesheetIds)
    .orderBy('w.code')
    .orderBy('i.code')
    .execute();
}

/** The activities of a project's work packages: what a sheet's hours may be given to. */
export function activitiesOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectWorkPackage as w')
    .leftJoin('projectItem as i', (join) =>
      join.onRef('i.workPackageId', '=', 'w.id').on('i.kind', '=', 'ACTIVITY'),
    )
    .select([
      'w.id as workPackageId',
      'w.code',
      'w.title',
      'i.id as itemId',
      'i.code as itemCode',
      'i.title as itemTitle',
    ])
    .where('w.projectId', '=', projectId)
    .orderBy('w.code')
    .orderBy('i.code')
    .execute();
}

/** A person's staff records across projects, by their accounts, with their sheets' months and states. */
export function staffOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return staffWithOrganisation(db)
    .innerJoin('project as p', 'p.id', 's.projectId')
    .select([...STAFF_COLUMNS, 'p.acronym as project'])
    .where('s.userId', 'in', userIds)
    .orderBy('s.contractStartsOn')
    .execute();
}

/** What a staff record says in place of the person once their name is no longer kept. */
export const FORGOTTEN_PERSON = 'Persona non più conservata';

/** Staff records of projects that ended before `cutoff` and still name their person. */
const staffOfEndedProjects = (db: Db, cutoff: string) =>
  db
    .selectFrom('projectStaff as s')
    .innerJoin('project as p', 'p.id', 's.projectId')
    .where('p.endsOn', '<', cutoff)
    .where((eb) => eb.or([eb('s.personName', '!=', FORGOTTEN_PERSON), eb('s.userId', 'is not', null)]));

export function countStaffOfEndedProjects(db: Db, cutoff: string) {
  return countRows(staffOfEndedProjects(db, cutoff));
}

/**
 * The name and the account links (the record's and each sheet's sender) go; the contract, the hours and the
 * costs stay for the project's figures.
 */
export async function anonymiseStaffOfEndedProjects(db: Db, cutoff: string, limit: number) {
  const due = staffOfEndedProjects(db, cutoff)
    .select('s.id')
    .orderBy('s.id')
    .limit(limit)
    .forUpdate('s')
    .skipLocked();
  const forgotten = await db
    .updateTable('projectStaff')
    .set({ personName: FORGOTTEN_PERSON, userId: null })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  if (forgotten.length > 0)
    await db
      .updateTable('projectTimesheet')
      .set({ submittedBy: null })
      .where(
        'staffId',
        'in',
        forgotten.map((row) => row.id),
      )
      .execute();
  // the trail of the records' creation and corrections named the person too
  await redactAuditedChanges(
    db,
    forgotten.map((row) => ({ type: 'project_staff', id: row.id })),
  );
  return forgotten.length;
}

/** A person's months and hours across projects, by their staff records. */
export function sheetsOfStaff(db: Db, staffIds: readonly string[]) {
  if (staffIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectTimesheet')
    .select([
      'id',
      'staffId',
      'month',
      'status',
      'totalMinutes',
      'costCents',
      'rejectionReason',
      'submittedAt',
    ])
    .where('staffId', 'in', staffIds)
    .orderBy('month')
    .execute();
}
