/** The queries of topics proposed from legal updates. */
import { type Insertable, sql } from 'kysely';
import type { TrainingTopicProposalTable } from '../../../db/tables/training-feedback.ts';
import type { Db } from '../../../kernel/db.ts';

const proposerName = sql<string>`u.given_name || ' ' || u.family_name`;

function proposals(db: Db) {
  return db
    .selectFrom('trainingTopicProposal as p')
    .innerJoin('appUser as u', 'u.id', 'p.proposedBy')
    .leftJoin('trainingCourse as c', 'c.id', 'p.courseId')
    .select([
      'p.id',
      'p.title',
      'p.summary',
      'p.legalUpdateId',
      'p.proposedAt',
      proposerName.as('proposedBy'),
      'p.courseId',
      'c.title as courseTitle',
      'p.plannedAt',
    ]);
}

/** Those waiting for a course first, then the newest. */
export async function proposalPage(db: Db, page: { page: number; pageSize: number }) {
  const [rows, total] = await Promise.all([
    proposals(db)
      .orderBy(sql`p.course_id is null`, 'desc')
      .orderBy('p.proposedAt', 'desc')
      .orderBy('p.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom('trainingTopicProposal')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findProposal(db: Db, id: string) {
  return proposals(db).where('p.id', '=', id).executeTakeFirst();
}

export function proposalOfUpdate(db: Db, legalUpdateId: string) {
  return proposals(db).where('p.legalUpdateId', '=', legalUpdateId).executeTakeFirst();
}

/** The titles still waiting for a course: the topics a new needs survey starts from. */
export async function waitingTitles(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('trainingTopicProposal')
    .select('title')
    .where('courseId', 'is', null)
    .orderBy('proposedAt', 'desc')
    .execute();
  return rows.map((row) => row.title);
}

export function insertProposal(db: Db, row: Insertable<TrainingTopicProposalTable>) {
  return db.insertInto('trainingTopicProposal').values(row).execute();
}

export function lockProposal(db: Db, id: string) {
  return db
    .selectFrom('trainingTopicProposal')
    .select(['id', 'title', 'courseId', 'addedToCourse'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function setCourse(
  db: Db,
  id: string,
  plan: { courseId: string; addedToCourse: boolean; plannedBy: string; plannedAt: Date } | null,
) {
  return db
    .updateTable('trainingTopicProposal')
    .set(plan ?? { courseId: null, addedToCourse: false, plannedBy: null, plannedAt: null })
    .where('id', '=', id)
    .execute();
}

/** The course's topics as stored, locked for the change. */
/** Withdraws a proposal still waiting for a course; tells whether there was one. */
export async function deleteWaiting(db: Db, legalUpdateId: string) {
  return db
    .deleteFrom('trainingTopicProposal')
    .where('legalUpdateId', '=', legalUpdateId)
    .where('courseId', 'is', null)
    .returning(['id', 'title', 'summary'])
    .executeTakeFirst();
}

export function lockCourseTopics(db: Db, courseId: string) {
  return db
    .selectFrom('trainingCourse')
    .select(['id', 'title', 'topics'])
    .where('id', '=', courseId)
    .forUpdate()
    .executeTakeFirst();
}

export function setCourseTopics(db: Db, courseId: string, topics: string[]) {
  return db
    .updateTable('trainingCourse')
    .set({ topics: JSON.stringify(topics) })
    .where('id', '=', courseId)
    .execute();
}
