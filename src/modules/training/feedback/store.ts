/** The queries of training's questionnaires: topics in the programme, the evaluations of editions. */
import type { Insertable } from 'kysely';
import type {
  TrainingEvaluationTable,
  TrainingTopicPlanTable,
} from '../../../db/tables/training-feedback.ts';
import type { Db } from '../../../kernel/db.ts';

export function topicPlans(db: Db, questionnaireId: string) {
  return db
    .selectFrom('trainingTopicPlan as p')
    .innerJoin('trainingCourse as c', 'c.id', 'p.courseId')
    .select(['p.topicKey', 'p.courseId', 'c.title as courseTitle'])
    .where('p.questionnaireId', '=', questionnaireId)
    .execute();
}

export function upsertTopicPlan(db: Db, row: Insertable<TrainingTopicPlanTable>) {
  return db
    .insertInto('trainingTopicPlan')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['questionnaireId', 'topicKey']).doUpdateSet({
        courseId: row.courseId,
        plannedBy: row.plannedBy,
        plannedAt: row.plannedAt,
      }),
    )
    .execute();
}

export async function deleteTopicPlan(db: Db, questionnaireId: string, topicKey: string) {
  const deleted = await db
    .deleteFrom('trainingTopicPlan')
    .where('questionnaireId', '=', questionnaireId)
    .where('topicKey', '=', topicKey)
    .returning('courseId')
    .executeTakeFirst();
  return deleted?.courseId ?? null;
}

export function courseTitle(db: Db, id: string) {
  return db.selectFrom('trainingCourse').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
}

export function insertEvaluation(db: Db, row: Insertable<TrainingEvaluationTable>) {
  return db.insertInto('trainingEvaluation').values(row).execute();
}

export function findEvaluation(db: Db, editionId: string) {
  return db
    .selectFrom('trainingEvaluation')
    .selectAll()
    .where('editionId', '=', editionId)
    .executeTakeFirst();
}

/** The people who held a place in an edition: those its evaluation asks. */
export async function placeHolders(db: Db, editionId: string) {
  const rows = await db
    .selectFrom('trainingEnrolment')
    .select('userId')
    .where('editionId', '=', editionId)
    .where('status', '=', 'ENROLLED')
    .execute();
  return rows.map((row) => row.userId);
}

/** Editions whose last session ended in the span, with no evaluation yet. */
export function editionsEndedWithoutEvaluation(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('trainingEdition as e')
    .select('e.id')
    .where((eb) =>
      eb(
        eb
          .selectFrom('trainingSession as s')
          .select((s) => s.fn.max('s.endsAt').as('end'))
          .whereRef('s.editionId', '=', 'e.id'),
        '>',
        from,
      ),
    )
    .where((eb) =>
      eb(
        eb
          .selectFrom('trainingSession as s')
          .select((s) => s.fn.max('s.endsAt').as('end'))
          .whereRef('s.editionId', '=', 'e.id'),
        '<=',
        to,
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('trainingEvaluation as v').select('v.editionId').whereRef('v.editionId', '=', 'e.id'),
        ),
      ),
    )
    .execute();
}

/** Open evaluations to close by themselves on this day. */
export function evaluationsClosingBy(db: Db, day: string) {
  return db
    .selectFrom('trainingEvaluation')
    .selectAll()
    .where('closesOn', '<=', day)
    .where('closedAt', 'is', null)
    .execute();
}

export function markEvaluationClosed(db: Db, editionId: string, at: Date) {
  return db
    .updateTable('trainingEvaluation')
    .set({ closedAt: at })
    .where('editionId', '=', editionId)
    .where('closedAt', 'is', null)
    .executeTakeFirst();
}

/** The evaluations of the editions of the courses a trainer teaches, newest first. */
export function evaluationsOfTrainer(db: Db, trainerId: string) {
  return db
    .selectFrom('trainingEvaluation as v')
    .innerJoin('trainingEdition as e', 'e.id', 'v.editionId')
    .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
    .innerJoin('trainingCourseTrainer as t', 't.courseId', 'c.id')
    .select(['v.editionId', 'v.questionnaireId', 'e.name as editionName', 'c.title as courseTitle'])
    .where('t.userId', '=', trainerId)
    .orderBy('v.sentAt', 'desc')
    .limit(500)
    .execute();
}

export function allEvaluations(db: Db) {
  return db.selectFrom('trainingEvaluation').select(['editionId', 'questionnaireId']).limit(5000).execute();
}

export function personName(db: Db, userId: string) {
  return db
    .selectFrom('appUser')
    .select(['id', 'givenName', 'familyName'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
