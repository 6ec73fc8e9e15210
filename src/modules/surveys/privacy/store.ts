/**
 * The queries of the questionnaires' retention and access requests: who was invited to a closed questionnaire
 * and who took part in an anonymous one, deleted when their time runs out (the anonymous answers carry no
 * person and stay); a person's invitations, participations and named answers found by their accounts. Each
 * disposal takes its rows with `skip locked`: two runs at once share them out, and neither counts a row the
 * other disposed of.
 */
import { countRows, type Db } from '../../../kernel/db.ts';

const closedInvitations = (db: Db, cutoff: Date) =>
  db
    .selectFrom('surveyInvitation as i')
    .innerJoin('surveyQuestionnaire as q', 'q.id', 'i.questionnaireId')
    .where('q.status', '=', 'CLOSED')
    .where('i.invitedAt', '<', cutoff);

export async function countClosedInvitations(db: Db, cutoff: Date) {
  return countRows(closedInvitations(db, cutoff));
}

export async function deleteClosedInvitations(db: Db, cutoff: Date, limit: number) {
  const due = closedInvitations(db, cutoff)
    .select(['i.questionnaireId', 'i.userId'])
    .orderBy('i.questionnaireId')
    .orderBy('i.userId')
    .limit(limit)
    .forUpdate('i')
    .skipLocked();
  const result = await db
    .deleteFrom('surveyInvitation')
    .where((eb) =>
      eb(eb.refTuple('questionnaireId', 'userId'), 'in', due.$asTuple('questionnaireId', 'userId')),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Participations carry no date of their own: their time runs from the questionnaire's. */
const closedParticipations = (db: Db, cutoff: Date) =>
  db
    .selectFrom('surveyParticipation as p')
    .innerJoin('surveyQuestionnaire as q', 'q.id', 'p.questionnaireId')
    .where('q.status', '=', 'CLOSED')
    .where('q.createdAt', '<', cutoff);

export async function countClosedParticipations(db: Db, cutoff: Date) {
  return countRows(closedParticipations(db, cutoff));
}

export async function deleteClosedParticipations(db: Db, cutoff: Date, limit: number) {
  const due = closedParticipations(db, cutoff)
    .select(['p.questionnaireId', 'p.userId'])
    .orderBy('p.questionnaireId')
    .orderBy('p.userId')
    .limit(limit)
    .forUpdate('p')
    .skipLocked();
  const result = await db
    .deleteFrom('surveyParticipation')
    .where((eb) =>
      eb(eb.refTuple('questionnaireId', 'userId'), 'in', due.$asTuple('questionnaireId', 'userId')),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A person's invitations, participations and named answers, by the ids of their accounts. */
export async function recordsOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return { invitations: [], participations: [], responses: [] };
  const ids = [...userIds];
  const [invitations, participations, responses] = await Promise.all([
    db
      .selectFrom('surveyInvitation as i')
      .innerJoin('surveyQuestionnaire as q', 'q.id', 'i.questionnaireId')
      .select(['i.questionnaireId', 'q.title', 'i.userId', 'i.invitedAt', 'i.remindedAt'])
      .where('i.userId', 'in', ids)
      .orderBy('i.invitedAt')
      .execute(),
    db
      .selectFrom('surveyParticipation as p')
      .innerJoin('surveyQuestionnaire as q', 'q.id', 'p.questionnaireId')
      .select(['p.questionnaireId', 'q.title', 'q.createdAt', 'p.userId'])
      .where('p.userId', 'in', ids)
      .orderBy('q.createdAt')
      .execute(),
    db
      .selectFrom('surveyResponse as r')
      .innerJoin('surveyQuestionnaire as q', 'q.id', 'r.questionnaireId')
      .innerJoin('organisation as o', 'o.id', 'r.organisationId')
      .select([
        'r.id',
        'r.questionnaireId',
        'q.title',
        'o.name as organisation',
        'r.municipalityIstatCode',
        'r.answers',
        'r.submittedAt',
        'r.submittedBy',
      ])
      .where('r.submittedBy', 'in', ids)
      .orderBy('r.submittedAt')
      .execute(),
  ]);
  return { invitations, participations, responses };
}
