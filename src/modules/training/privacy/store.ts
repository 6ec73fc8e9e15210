/**
 * The queries of training's retention and access requests: withdrawn and waitlisted enrolments deleted after
 * the edition, the holder's name taken off certificates once they need no longer be verifiable, and a
 * person's enrolments, attendance, certificates and mentoring found by their accounts. Each disposal takes its
 * rows with `skip locked`: two runs at once share them out, and neither counts a row the other disposed of.
 */
import { sql } from 'kysely';
import { redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';

/** What a certificate says in place of its holder once the name is no longer kept. */
export const FORGOTTEN_HOLDER = 'Titolare non più conservato';

/** The end of an edition: the end of its last session. */
const editionEnd = sql<Date>`(select max(s.ends_at) from training_session s where s.edition_id = e.edition_id)`;

/**
 * Enrolments that never became a place (withdrawn, or still waiting when the edition ended): they count in no
 * figure, unlike the places taken, which are kept with the attendance.
 */
const unusedEnrolments = (db: Db, cutoff: Date) =>
  db
    .selectFrom('trainingEnrolment as e')
    .where('e.status', 'in', ['CANCELLED', 'WAITLISTED'])
    .where(editionEnd, '<', cutoff);

export async function countUnusedEnrolments(db: Db, cutoff: Date) {
  return countRows(unusedEnrolments(db, cutoff));
}

export async function deleteUnusedEnrolments(db: Db, cutoff: Date, limit: number) {
  const due = unusedEnrolments(db, cutoff)
    .select('e.id')
    .orderBy('e.id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const deleted = await db.deleteFrom('trainingEnrolment').where('id', 'in', due).returning('id').execute();
  // the trail of the request and its withdrawal named who asked and why
  await redactAuditedChanges(
    db,
    deleted.map((row) => ({ type: 'training_enrolment', id: row.id })),
  );
  return deleted.length;
}

const oldCertificates = (db: Db, cutoff: Date) =>
  db
    .selectFrom('trainingCertificate')
    .where('issuedAt', '<', cutoff)
    .where('holderName', '!=', FORGOTTEN_HOLDER);

export async function countOldCertificates(db: Db, cutoff: Date) {
  return countRows(oldCertificates(db, cutoff));
}

/** The certificate stays with its number, course and hours (certificates issued); only the name goes. */
export async function anonymiseOldCertificates(db: Db, cutoff: Date, limit: number) {
  const due = oldCertificates(db, cutoff).select('id').orderBy('id').limit(limit).forUpdate().skipLocked();
  const emptied = await db
    .updateTable('trainingCertificate')
    .set({ holderName: FORGOTTEN_HOLDER })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  // a revocation's reason is written freely and may name the holder
  await redactAuditedChanges(
    db,
    emptied.map((row) => ({ type: 'training_certificate', id: row.id })),
  );
  return emptied.length;
}

/** A person's training, by the ids of their accounts. */
export async function recordsOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return { enrolments: [], attendance: [], certificates: [], mentoring: [] };
  const ids = [...userIds];
  const [enrolments, attendance, certificates, mentoring] = await Promise.all([
    enrolmentsOf(db, ids),
    attendanceOf(db, ids),
    certificatesOf(db, ids),
    mentoringOf(db, ids),
  ]);
  return { enrolments, attendance, certificates, mentoring };
}

function enrolmentsOf(db: Db, userIds: string[]) {
  return db
    .selectFrom('trainingEnrolment as e')
    .innerJoin('trainingEdition as d', 'd.id', 'e.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'd.courseId')
    .innerJoin('organisation as o', 'o.id', 'e.organisationId')
    .select([
      'e.id',
      'c.title as course',
      'd.name as edition',
      'o.name as organisation',
      'e.status',
      'e.requestedAt',
      'e.promotedAt',
      'e.cancelledAt',
    ])
    .where('e.userId', 'in', userIds)
    .orderBy('e.requestedAt')
    .execute();
}

function attendanceOf(db: Db, userIds: string[]) {
  return db
    .selectFrom('trainingAttendance as a')
    .innerJoin('trainingSession as s', 's.id', 'a.sessionId')
    .innerJoin('trainingEdition as d', 'd.id', 's.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'd.courseId')
    .select([
      'a.sessionId',
      'c.title as course',
      'd.name as edition',
      's.startsAt',
      's.endsAt',
      'a.method',
      'a.recordedAt',
    ])
    .where('a.userId', 'in', userIds)
    .orderBy('s.startsAt')
    .execute();
}

function certificatesOf(db: Db, userIds: string[]) {
  return db
    .selectFrom('trainingCertificate')
    .select([
      'id',
      'number',
      'verificationCode',
      'holderName',
      'organisationName',
      'courseTitle',
      'editionName',
      'minutesAttended',
      'minutesTotal',
      'issuedOn',
      'revokedAt',
    ])
    .where('userId', 'in', userIds)
    .orderBy('issuedAt')
    .execute();
}

function mentoringOf(db: Db, userIds: string[]) {
  return db
    .selectFrom('trainingMentoring')
    .select(['id', 'day', 'topic', 'minutes', 'note', 'recordedAt'])
    .where('menteeId', 'in', userIds)
    .orderBy('day')
    .execute();
}
