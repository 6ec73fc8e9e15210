/** The training module's queries: courses, editions, sessions, enrolments and attendance. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  TrainingAttendanceTable,
  TrainingCourseTable,
  TrainingEditionTable,
  TrainingEnrolmentTable,
  TrainingMaterialTable,
  TrainingSessionTable,
} from '../../db/tables/training.ts';
import type { Db } from '../../kernel/db.ts';
import { PERMISSIONS } from '../../kernel/permissions.ts';

const fullName = sql<string>`u.given_name || ' ' || u.family_name`;

export async function insertCourse(db: Db, row: Insertable<TrainingCourseTable>, trainerIds: string[]) {
  await db.insertInto('trainingCourse').values(row).execute();
  await db
    .insertInto('trainingCourseTrainer')
    .values(trainerIds.map((userId) => ({ courseId: row.id, userId })))
    .execute();
}

/** Of some people, those who hold the trainer's role somewhere. */
export async function trainersAmong(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('membership')
    .select('userId')
    .distinct()
    .where('userId', 'in', userIds)
    .where('role', '=', 'trainer')
    .execute();
  return rows.map((row) => row.userId);
}

/** Every active trainer, by name: who a course may be given to. */
export function trainerOptions(db: Db) {
  return db
    .selectFrom('appUser as u')
    .select(['u.id', fullName.as('name')])
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.role', '=', 'trainer'),
      ),
    )
    .orderBy('u.familyName')
    .orderBy('u.givenName')
    .execute();
}

const nextSession = (now: Date) =>
  sql<Date | null>`(select min(s.starts_at) from training_session s join training_edition e on e.id = s.edition_id
    where e.course_id = c.id and s.ends_at > ${now})`;

function courseColumns(db: Db, now: Date) {
  return db
    .selectFrom('trainingCourse as c')
    .selectAll('c')
    .select([
      nextSession(now).as('nextSessionAt'),
      sql<number>`(select count(*) from training_edition e where e.course_id = c.id)::int`.as('editions'),
    ]);
}

/** One page of the courses, those with the next session soonest first, and how many there are. */
export async function coursesPage(db: Db, now: Date, page: { page: number; pageSize: number }) {
  const rows = await courseColumns(db, now)
    .orderBy(sql`${nextSession(now)} asc nulls last`)
    .orderBy('c.title')
    .orderBy('c.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await db
    .selectFrom('trainingCourse')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
export type CourseRow = Awaited<ReturnType<typeof coursesPage>>['rows'][number];

export function findCourse(db: Db, now: Date, id: string) {
  return courseColumns(db, now).where('c.id', '=', id).executeTakeFirst();
}

export function setOnPublicSite(db: Db, id: string, onPublicSite: boolean) {
  return db.updateTable('trainingCourse').set({ onPublicSite }).where('id', '=', id).execute();
}

export async function trainersOf(db: Db, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('trainingCourseTrainer as t')
    .innerJoin('appUser as u', 'u.id', 't.userId')
    .select(['t.courseId', 'u.id', 'u.email', fullName.as('name')])
    .where('t.courseId', 'in', courseIds)
    .orderBy('u.familyName')
    .execute();
}

export async function isTrainerOf(db: Db, courseId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('trainingCourseTrainer')
    .select('userId')
    .where('courseId', '=', courseId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertEdition(
  db: Db,
  row: Insertable<TrainingEditionTable>,
  sessions: Insertable<TrainingSessionTable>[],
) {
  await db.insertInto('trainingEdition').values(row).execute();
  await db.insertInto('trainingSession').values(sessions).execute();
}

const liveCount = (status: 'ENROLLED' | 'WAITLISTED') =>
  sql<number>`(select count(*) from training_enrolment n where n.edition_id = e.id
    and n.status = ${status})::int`;

function editionColumns(db: Db) {
  return db
    .selectFrom('trainingEdition as e')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .selectAll('e')
    .select([
      'c.title as courseTitle',
      'c.track',
      'c.completionPercent',
      liveCount('ENROLLED').as('enrolled'),
      liveCount('WAITLISTED').as('waitlisted'),
      sql<Date | null>`(select min(s.starts_at) from training_session s where s.edition_id = e.id)`.as(
        'firstSessionAt',
      ),
      sql<Date | null>`(select max(s.ends_at) from training_session s where s.edition_id = e.id)`.as(
        'lastSessionAt',
      ),
    ]);
}

export function editionsOfCourse(db: Db, courseId: string) {
  return editionColumns(db)
    .where('e.courseId', '=', courseId)
    .orderBy('firstSessionAt')
    .orderBy('e.id')
    .execute();
}

export function findEdition(db: Db, id: string) {
  return editionColumns(db).where('e.id', '=', id).executeTakeFirst();
}
export type EditionRow = NonNullable<Awaited<ReturnType<typeof findEdition>>>;

/** Locks an edition: every change to its places goes through this lock, one at a time. */
export function lockEdition(db: Db, id: string) {
  return db
    .selectFrom('trainingEdition')
    .select(['id', 'capacity', 'courseId'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateCapacity(db: Db, id: string, capacity: number) {
  return db.updateTable('trainingEdition').set({ capacity }).where('id', '=', id).execute();
}

export function sessionsOf(db: Db, editionIds: string[]) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('trainingSession')
    .selectAll()
    .where('editionId', 'in', editionIds)
    .orderBy('startsAt')
    .execute();
}

export async function countEnrolled(db: Db, editionId: string): Promise<number> {
  const { count } = await db
    .selectFrom('trainingEnrolment')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('editionId', '=', editionId)
    .where('status', '=', 'ENROLLED')
    .executeTakeFirstOrThrow();
  return Number(count);
}

export function liveEnrolment(db: Db, editionId: string, userId: string) {
  return db
    .selectFrom('trainingEnrolment')
    .selectAll()
    .where('editionId', '=', editionId)
    .where('userId', '=', userId)
    .where('status', '<>', 'CANCELLED')
    .executeTakeFirst();
}

export function insertEnrolment(db: Db, row: Insertable<TrainingEnrolmentTable>) {
  return db.insertInto('trainingEnrolment').values(row).execute();
}

export function findEnrolment(db: Db, id: string) {
  return db
    .selectFrom('trainingEnrolment')
    .select(['editionId', 'userId', 'organisationId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function lockEnrolment(db: Db, id: string) {
  return db.selectFrom('trainingEnrolment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateEnrolment(db: Db, id: string, changes: Updateable<TrainingEnrolmentTable>) {
  return db.updateTable('trainingEnrolment').set(changes).where('id', '=', id).execute();
}

export function waiting(db: Db, editionId: string) {
  return db
    .selectFrom('trainingEnrolment')
    .selectAll()
    .where('editionId', '=', editionId)
    .where('status', '=', 'WAITLISTED')
    .execute();
}

/** The people enrolled or waiting in an edition, with their names and organisations (of one, if given). */
export function participants(db: Db, editionId: string, organisationId?: string) {
  let query = db
    .selectFrom('trainingEnrolment as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .innerJoin('organisation as o', 'o.id', 'n.organisationId')
    .select([
      'n.id',
      'n.userId',
      'n.status',
      'n.requestedAt',
      'u.email',
      fullName.as('name'),
      'o.name as organisationName',
    ])
    .where('n.editionId', '=', editionId)
    .where('n.status', '<>', 'CANCELLED');
  if (organisationId) query = query.where('n.organisationId', '=', organisationId);
  return query.orderBy('u.familyName').orderBy('u.givenName').execute();
}

export function attendanceOf(db: Db, sessionIds: string[], userId?: string) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('trainingAttendance')
    .select(['sessionId', 'userId'])
    .where('sessionId', 'in', sessionIds);
  if (userId) query = query.where('userId', '=', userId);
  return query.execute();
}

/** Records a presence unless there is one already; whether this call recorded it. */
export async function insertAttendance(db: Db, row: Insertable<TrainingAttendanceTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('trainingAttendance')
    .values(row)
    .onConflict((oc) => oc.columns(['sessionId', 'userId']).doNothing())
    .returning('userId')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Records a participant's own check-in in one statement, only if they hold a place in the session's edition and
 * have no presence yet; whether it was recorded.
 */
export async function insertCheckIn(db: Db, sessionId: string, editionId: string, userId: string, at: Date) {
  const result = await sql<{ userId: string }>`
    insert into training_attendance (session_id, user_id, method, recorded_by, recorded_at)
    select ${sessionId}::uuid, ${userId}::uuid, 'CHECK_IN', ${userId}::uuid, ${at}::timestamptz
    where exists (select 1 from training_enrolment n where n.edition_id = ${editionId} and n.user_id = ${userId}
      and n.status = 'ENROLLED')
    on conflict (session_id, user_id) do nothing
    returning user_id as "userId"`.execute(db);
  return result.rows.length > 0;
}

export async function deleteAttendance(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('trainingAttendance')
    .where('sessionId', '=', sessionId)
    .where('userId', '=', userId)
    .returning('userId')
    .executeTakeFirst();
  return deleted !== undefined;
}

export function findSession(db: Db, id: string) {
  return db
    .selectFrom('trainingSession as s')
    .innerJoin('trainingEdition as e', 'e.id', 's.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .selectAll('s')
    .select(['e.name as editionName', 'e.courseId', 'c.title as courseTitle'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The sessions running at an instant in which a person holds a place. */
export function runningSessionsOf(db: Db, userId: string, at: Date) {
  return db
    .selectFrom('trainingSession as s')
    .innerJoin('trainingEnrolment as n', 'n.editionId', 's.editionId')
    .select('s.id')
    .where('n.userId', '=', userId)
    .where('n.status', '=', 'ENROLLED')
    .where('s.startsAt', '<=', at)
    .where('s.endsAt', '>', at)
    .execute();
}

/**
 * The roles that take part in courses as participants, whom an organisation's head may enrol: those who enrol
 * themselves, and the SUI team, trained in courses as well as on the job.
 */
const PARTICIPANT_ROLES = [
  ...new Set([...PERMISSIONS['training.enrol'].roles, ...PERMISSIONS['training.mentoring'].roles]),
];

/**
 * A person's organisation, with its type, when they are a member of it: whether their account is active and
 * whether they take part in courses there (hold a participant's role in it).
 */
export function memberOf(db: Db, userId: string, organisationId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .select([
      'o.id',
      'o.type',
      'u.email',
      'u.isActive',
      fullName.as('name'),
      sql<boolean>`bool_or(m.role in (${sql.join(PARTICIPANT_ROLES)}))`.as('isParticipant'),
    ])
    .where('m.userId', '=', userId)
    .where('m.organisationId', '=', organisationId)
    .groupBy(['o.id', 'u.id'])
    .executeTakeFirst();
}

/** The active people of an organisation who take part in courses, by name: the staff a head may enrol. */
export function staffOf(db: Db, organisationId: string) {
  return db
    .selectFrom('appUser as u')
    .select(['u.id as userId', fullName.as('name')])
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.organisationId', '=', organisationId)
          .where('m.role', 'in', PARTICIPANT_ROLES),
      ),
    )
    .orderBy('u.familyName')
    .orderBy('u.givenName')
    .limit(1000)
    .execute();
}

export function enrolmentsOf(db: Db, userId: string) {
  return db
    .selectFrom('trainingEnrolment as n')
    .innerJoin('trainingEdition as e', 'e.id', 'n.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .select([
      'n.id',
      'n.editionId',
      'n.status',
      'n.requestedAt',
      'e.name as editionName',
      'c.title as courseTitle',
      'c.completionPercent',
    ])
    .where('n.userId', '=', userId)
    .where('n.status', '<>', 'CANCELLED')
    .orderBy('n.requestedAt', 'desc')
    .limit(200)
    .execute();
}

/** The sessions starting in a span whose participants have not been reminded yet. */
export function sessionsToRemind(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('trainingSession as s')
    .innerJoin('trainingEdition as e', 'e.id', 's.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .selectAll('s')
    .select(['e.name as editionName', 'c.title as courseTitle'])
    .where('s.startsAt', '>=', from)
    .where('s.startsAt', '<', to)
    .where('s.remindedAt', 'is', null)
    .execute();
}

export function markReminded(db: Db, sessionId: string, at: Date) {
  return db.updateTable('trainingSession').set({ remindedAt: at }).where('id', '=', sessionId).execute();
}

/**
 * Per edition whose sessions have all ended: each person who held a place, their organisation's type, the
 * course's track and share to complete, the edition's hours and the hours the person attended.
 */
export function finishedParticipations(db: Db, now: Date) {
  return sql<{
    editionId: string;
    userId: string;
    track: 'PUBLIC' | 'PRIVATE' | 'BOTH';
    organisationType: string;
    completionPercent: number;
    totalMinutes: number;
    attendedMinutes: number;
  }>`
    select n.edition_id as "editionId", n.user_id as "userId", c.track, o.type as "organisationType",
      c.completion_percent as "completionPercent",
      (select coalesce(sum(extract(epoch from s.ends_at - s.starts_at)), 0) / 60
         from training_session s where s.edition_id = n.edition_id)::float8 as "totalMinutes",
      (select coalesce(sum(extract(epoch from s.ends_at - s.starts_at)), 0) / 60
         from training_session s join training_attendance a on a.session_id = s.id and a.user_id = n.user_id
         where s.edition_id = n.edition_id)::float8 as "attendedMinutes"
    from training_enrolment n
    join training_edition e on e.id = n.edition_id
    join training_course c on c.id = e.course_id
    join organisation o on o.id = n.organisation_id
    where n.status = 'ENROLLED'
      and not exists (select 1 from training_session s where s.edition_id = n.edition_id and s.ends_at > ${now})
  `
    .execute(db)
    .then((result) => result.rows);
}

/** The hours of the sessions held (ended, with someone present) by track. */
export function hoursDelivered(db: Db, now: Date) {
  return sql<{ track: 'PUBLIC' | 'PRIVATE' | 'BOTH'; minutes: number }>`
    select c.track, (coalesce(sum(extract(epoch from s.ends_at - s.starts_at)), 0) / 60)::float8 as minutes
    from training_session s
    join training_edition e on e.id = s.edition_id
    join training_course c on c.id = e.course_id
    where s.ends_at <= ${now} and exists (select 1 from training_attendance a where a.session_id = s.id)
    group by c.track
  `
    .execute(db)
    .then((result) => result.rows);
}

export function insertMaterial(db: Db, row: Insertable<TrainingMaterialTable>) {
  return db.insertInto('trainingMaterial').values(row).execute();
}

/** A course's materials, oldest first. */
export function materialsOf(db: Db, courseId: string) {
  return db
    .selectFrom('trainingMaterial')
    .selectAll()
    .where('courseId', '=', courseId)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}
export type MaterialRow = Awaited<ReturnType<typeof materialsOf>>[number];

export function findMaterial(db: Db, courseId: string, id: string) {
  return db
    .selectFrom('trainingMaterial')
    .selectAll()
    .where('courseId', '=', courseId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Among `sha256s`, the files a course's material is. */
export async function storedMaterials(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('trainingMaterial')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}
