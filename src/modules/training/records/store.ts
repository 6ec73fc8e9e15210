/** The training record's queries: the places people held, the on-the-job log, who belongs to the SUI team. */
import { type Insertable, sql } from 'kysely';
import type { TrainingMentoringTable } from '../../../db/tables/training-records.ts';
import type { Db } from '../../../kernel/db.ts';

const fullName = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

/** Rows of a person, or of an organisation's people, or both; nothing left open. */
export type RecordFilter = { userId?: string; organisationId?: string };

/**
 * The places held (enrolments confirmed), with course, edition, organisation and the certificate issued for it,
 * oldest edition first.
 */
export function placesHeld(db: Db, filter: RecordFilter) {
  let query = db
    .selectFrom('trainingEnrolment as n')
    .innerJoin('trainingEdition as e', 'e.id', 'n.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .innerJoin('organisation as o', 'o.id', 'n.organisationId')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .leftJoin('trainingCertificate as t', (join) =>
      join.onRef('t.editionId', '=', 'n.editionId').onRef('t.userId', '=', 'n.userId'),
    )
    .select([
      'n.id',
      'n.editionId',
      'n.userId',
      fullName('u').as('name'),
      'n.organisationId',
      'o.name as organisationName',
      'c.title as courseTitle',
      'c.track',
      'c.completionPercent',
      'e.name as editionName',
      't.number as certificateNumber',
      't.revokedAt as certificateRevokedAt',
    ])
    .where('n.status', '=', 'ENROLLED');
  if (filter.userId) query = query.where('n.userId', '=', filter.userId);
  if (filter.organisationId) query = query.where('n.organisationId', '=', filter.organisationId);
  return query.orderBy('e.createdAt').orderBy('n.id').limit(10_000).execute();
}
export type PlaceRow = Awaited<ReturnType<typeof placesHeld>>[number];

/** The on-the-job log, newest first: of a person mentored, of an office, or where a person took part. */
export function mentoringLog(db: Db, filter: RecordFilter & { involving?: string }) {
  let query = db
    .selectFrom('trainingMentoring as m')
    .innerJoin('appUser as mentee', 'mentee.id', 'm.menteeId')
    .innerJoin('appUser as mentor', 'mentor.id', 'm.mentorId')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select([
      'm.id',
      'm.day',
      'm.menteeId',
      fullName('mentee').as('menteeName'),
      'm.mentorId',
      fullName('mentor').as('mentorName'),
      'm.topic',
      'm.minutes',
      'm.note',
      'm.organisationId',
      'o.name as organisationName',
      'm.recordedBy',
    ]);
  if (filter.userId) query = query.where('m.menteeId', '=', filter.userId);
  if (filter.organisationId) query = query.where('m.organisationId', '=', filter.organisationId);
  const involving = filter.involving;
  if (involving)
    query = query.where((eb) => eb.or([eb('m.menteeId', '=', involving), eb('m.mentorId', '=', involving)]));
  return query.orderBy('m.day', 'desc').orderBy('m.recordedAt', 'desc').limit(10_000).execute();
}
export type MentoringRow = Awaited<ReturnType<typeof mentoringLog>>[number];

export function insertMentoring(db: Db, row: Insertable<TrainingMentoringTable>) {
  return db.insertInto('trainingMentoring').values(row).execute();
}

export function findMentoring(db: Db, id: string) {
  return db.selectFrom('trainingMentoring').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deleteMentoring(db: Db, id: string) {
  return db.deleteFrom('trainingMentoring').where('id', '=', id).execute();
}

/** The minutes of on-the-job training up to a day, in all. */
export async function mentoringMinutes(db: Db, untilDay: string): Promise<number> {
  const { minutes } = await db
    .selectFrom('trainingMentoring')
    .select(sql<number>`coalesce(sum(minutes), 0)::int`.as('minutes'))
    .where('day', '<=', untilDay)
    .executeTakeFirstOrThrow();
  return Number(minutes);
}

/** The active people of an office holding one of the team's roles there, by name. */
export function teamOf(db: Db, organisationId: string, roles: readonly string[]) {
  return db
    .selectFrom('appUser as u')
    .select(['u.id as userId', fullName('u').as('name')])
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.organisationId', '=', organisationId)
          .where('m.role', 'in', roles),
      ),
    )
    .orderBy('u.familyName')
    .orderBy('u.givenName')
    .limit(1000)
    .execute();
}

/** A person by id with their name; whether they belong to an organisation, when one is given. */
export function findPerson(db: Db, userId: string, organisationId?: string) {
  let query = db
    .selectFrom('appUser as u')
    .select(['u.id', fullName('u').as('name')])
    .where('u.id', '=', userId);
  if (organisationId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.organisationId', '=', organisationId),
      ),
    );
  return query.executeTakeFirst();
}

export function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisation').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst();
}

/** Every organisation with a place held or an on-the-job hour logged, by name. */
export function organisationsWithTraining(db: Db) {
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('trainingEnrolment as n')
            .select('n.id')
            .whereRef('n.organisationId', '=', 'o.id')
            .where('n.status', '=', 'ENROLLED'),
        ),
        eb.exists(
          eb.selectFrom('trainingMentoring as m').select('m.id').whereRef('m.organisationId', '=', 'o.id'),
        ),
      ]),
    )
    .orderBy('o.name')
    .execute();
}
