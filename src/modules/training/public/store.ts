/** The queries of the public course pages: editions still taking enrolments, with their courses. */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';

const lastEnd = sql<Date>`(select max(s.ends_at) from training_session s where s.edition_id = e.id)`;

/**
 * The editions that still take enrolments (their last session has not ended: the back-office's own rule), with
 * the course's public description and the places taken; of one course when given, soonest first.
 */
export function openEditions(db: Db, now: Date, courseId?: string) {
  let query = db
    .selectFrom('trainingEdition as e')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .select([
      'e.id',
      'e.name',
      'e.capacity',
      'e.cancelUntil',
      'e.courseId',
      'c.title',
      'c.track',
      'c.objectives',
      'c.topics',
      'c.hours',
      'c.targetRoles',
      'c.prerequisites',
      sql<number>`(select count(*) from training_enrolment n where n.edition_id = e.id
        and n.status = 'ENROLLED')::int`.as('enrolled'),
      lastEnd.as('lastSessionEndsAt'),
    ])
    .where('c.onPublicSite', '=', true)
    .where(lastEnd, '>', now);
  if (courseId) query = query.where('e.courseId', '=', courseId);
  return query
    .orderBy(sql`(select min(s.starts_at) from training_session s where s.edition_id = e.id)`)
    .orderBy('e.id')
    .limit(500)
    .execute();
}
export type OpenEditionRow = Awaited<ReturnType<typeof openEditions>>[number];
