/** The queries of questionnaires: the questionnaires, named and anonymous answers, who answered, invitations. */
import { randomInt, randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { SurveyQuestionnaireTable, SurveyResponseTable } from '../../db/tables/surveys.ts';
import type { Database, Db } from '../../kernel/db.ts';
import type { OwnerKind } from './contract.ts';

export function insertQuestionnaire(db: Db, row: Insertable<SurveyQuestionnaireTable>) {
  return db.insertInto('surveyQuestionnaire').values(row).execute();
}

export function updateQuestionnaire(db: Db, id: string, changes: Updateable<SurveyQuestionnaireTable>) {
  return db.updateTable('surveyQuestionnaire').set(changes).where('id', '=', id).execute();
}

export type QuestionnaireFilter = {
  id?: string;
  ownerKind?: OwnerKind;
  ownerId?: string;
  published?: boolean;
  answeredBy?: 'ORGANISATION' | 'PERSON';
  /** Those of these kinds, or else published and with this person invited. */
  visibleTo?: { kinds: readonly OwnerKind[]; userId: string };
};

type QuestionnaireScope = ExpressionBuilder<Database & { q: SurveyQuestionnaireTable }, 'q'>;

const answerCount = (eb: QuestionnaireScope) =>
  sql<number>`(${eb
    .selectFrom('surveyResponse as r')
    .select(eb.fn.countAll().as('n'))
    .whereRef('r.questionnaireId', '=', 'q.id')}) + (${eb
    .selectFrom('surveyAnonymousAnswer as a')
    .select(eb.fn.countAll().as('n'))
    .whereRef('a.questionnaireId', '=', 'q.id')}) + (${eb
    .selectFrom('surveyHeldAnswer as h')
    .select(eb.fn.countAll().as('n'))
    .whereRef('h.questionnaireId', '=', 'q.id')})`;

function filtered(db: Db, filter: QuestionnaireFilter) {
  let query = db.selectFrom('surveyQuestionnaire as q');
  if (filter.id) query = query.where('q.id', '=', filter.id);
  if (filter.ownerKind) query = query.where('q.ownerKind', '=', filter.ownerKind);
  if (filter.ownerId) query = query.where('q.ownerId', '=', filter.ownerId);
  if (filter.answeredBy) query = query.where('q.answeredBy', '=', filter.answeredBy);
  if (filter.published) query = query.where('q.status', '!=', 'DRAFT');
  const visibleTo = filter.visibleTo;
  if (visibleTo)
    query = query.where((eb) =>
      eb.or([
        ...(visibleTo.kinds.length
          ? [eb.and([eb('q.ownerKind', 'in', visibleTo.kinds), eb('q.ownerId', 'is', null)])]
          : []),
        eb.and([
          eb('q.status', '!=', 'DRAFT'),
          eb.exists(
            eb
              .selectFrom('surveyInvitation as i')
              .select('i.userId')
              .whereRef('i.questionnaireId', '=', 'q.id')
              .where('i.userId', '=', visibleTo.userId),
          ),
        ]),
      ]),
    );
  return query;
}

function withCounts(db: Db, filter: QuestionnaireFilter) {
  return filtered(db, filter)
    .selectAll('q')
    .select((eb) => [
      answerCount(eb).as('responses'),
      eb
        .selectFrom('surveyInvitation as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.questionnaireId', '=', 'q.id')
        .as('invited'),
    ])
    .orderBy('q.createdAt', 'desc')
    .orderBy('q.id');
}

export function questionnaires(db: Db, filter: QuestionnaireFilter = {}) {
  return withCounts(db, filter).limit(200).execute();
}
export type QuestionnaireRow = Awaited<ReturnType<typeof questionnaires>>[number];

export async function questionnairesPage(
  db: Db,
  filter: QuestionnaireFilter,
  page: { page: number; pageSize: number },
) {
  const rows = await withCounts(db, filter)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export function lockQuestionnaire(db: Db, id: string) {
  return db.selectFrom('surveyQuestionnaire').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The status of a questionnaire, held until the transaction ends: closing waits for the answers being given. */
export async function shareQuestionnaireStatus(db: Db, id: string) {
  const row = await db
    .selectFrom('surveyQuestionnaire')
    .select('status')
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  return row?.status;
}

/** Whether the person is invited to, and has answered, the questionnaire. */
export async function standing(db: Db, questionnaireId: string, userId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('surveyInvitation')
            .select('userId')
            .where('questionnaireId', '=', questionnaireId)
            .where('userId', '=', userId),
        )
        .as('isInvited'),
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('surveyParticipation')
              .select('userId')
              .where('questionnaireId', '=', questionnaireId)
              .where('userId', '=', userId),
          ),
          eb.exists(
            eb
              .selectFrom('surveyResponse')
              .select('id')
              .where('questionnaireId', '=', questionnaireId)
              .where('submittedBy', '=', userId),
          ),
        ])
        .as('hasAnswered'),
    ])
    .executeTakeFirstOrThrow();
  return { isInvited: Boolean(row.isInvited), hasAnswered: Boolean(row.hasAnswered) };
}

/** An answer per organisation and municipality: answering again replaces it. */
export function upsertOrganisationResponse(db: Db, row: Insertable<SurveyResponseTable>) {
  return db
    .insertInto('surveyResponse')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['questionnaireId', 'organisationId', 'municipalityIstatCode']).doUpdateSet({
        answers: row.answers,
        submittedAt: row.submittedAt,
        submittedBy: row.submittedBy,
      }),
    )
    .execute();
}

/** A named answer per person, given once: false when the person had already answered. */
export async function insertPersonResponse(db: Db, row: Insertable<SurveyResponseTable>) {
  const inserted = await db
    .insertInto('surveyResponse')
    .values({ ...row, municipalityIstatCode: null })
    .onConflict((oc) =>
      oc.columns(['questionnaireId', 'submittedBy']).where('municipalityIstatCode', 'is', null).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length === 1;
}

/** Marks that the person answered; false when they already had (one answer each). */
export async function markParticipation(db: Db, questionnaireId: string, userId: string) {
  const inserted = await db
    .insertInto('surveyParticipation')
    .values({ questionnaireId, userId })
    .onConflict((oc) => oc.doNothing())
    .returning('userId')
    .execute();
  return inserted.length === 1;
}

/** Undoes a participation whose answer could not be kept. */
export async function unmarkParticipation(db: Db, questionnaireId: string, userId: string) {
  await db
    .deleteFrom('surveyParticipation')
    .where('questionnaireId', '=', questionnaireId)
    .where('userId', '=', userId)
    .execute();
}

/** An anonymous answer waits in the holding table until its questionnaire closes. */
export function insertHeldAnswer(
  db: Db,
  row: { id: string; questionnaireId: string; answers: string; answeredOn: string },
) {
  return db.insertInto('surveyHeldAnswer').values(row).execute();
}

/**
 * Moves the held answers of a questionnaire to the anonymous answers, shuffled and with fresh random ids, and deletes
 * the held rows: what is left shares neither a transaction nor an order with those who answered.
 */
export async function releaseHeldAnswers(db: Db, questionnaireId: string) {
  const held = await db
    .deleteFrom('surveyHeldAnswer')
    .where('questionnaireId', '=', questionnaireId)
    .returning(['answers', 'answeredOn'])
    .execute();
  for (let i = held.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [held[i], held[j]] = [held[j] as (typeof held)[number], held[i] as (typeof held)[number]];
  }
  if (held.length)
    await db
      .insertInto('surveyAnonymousAnswer')
      .values(
        held.map((row) => ({
          id: randomUUID(),
          questionnaireId,
          answers: JSON.stringify(row.answers),
          answeredOn: row.answeredOn,
        })),
      )
      .execute();
  return held.length;
}

export function anonymousAnswers(db: Db, questionnaireId: string) {
  return db
    .selectFrom('surveyAnonymousAnswer')
    .select('answers')
    .where('questionnaireId', '=', questionnaireId)
    .orderBy('id')
    .execute();
}

/** An organisation's type and, for a municipality, its ISTAT code: what it may answer for. */
export function findOrganisationKind(db: Db, id: string) {
  return db
    .selectFrom('organisation')
    .select(['type', 'municipalityIstatCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function responses(
  db: Db,
  filter: {
    questionnaireId?: string;
    organisationId?: string;
    organisationType?: string;
    ownerKind?: OwnerKind;
  },
) {
  let query = db
    .selectFrom('surveyResponse as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisationId')
    .selectAll('r')
    .select('o.name as organisationName');
  if (filter.questionnaireId) query = query.where('r.questionnaireId', '=', filter.questionnaireId);
  if (filter.organisationId) query = query.where('r.organisationId', '=', filter.organisationId);
  if (filter.organisationType) query = query.where('o.type', '=', filter.organisationType);
  if (filter.ownerKind)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('surveyQuestionnaire as q')
          .select('q.id')
          .whereRef('q.id', '=', 'r.questionnaireId')
          .where('q.ownerKind', '=', filter.ownerKind as OwnerKind)
          .where('q.status', '!=', 'DRAFT'),
      ),
    );
  return query.orderBy('o.name').orderBy('r.municipalityIstatCode').limit(5000).execute();
}
export type ResponseRow = Awaited<ReturnType<typeof responses>>[number];

// ---- invitations

/** The active users to invite: those named, and those holding the role in the organisation (either or both). */
export function usersToInvite(
  db: Db,
  who: { userIds: readonly string[]; organisationId?: string | null; role?: string | null },
) {
  return db
    .selectFrom('appUser as u')
    .select(['u.id', 'u.email', 'u.givenName', 'u.familyName'])
    .where('u.isActive', '=', true)
    .where((eb) => {
      const groups = [];
      if (who.userIds.length) groups.push(eb('u.id', 'in', who.userIds));
      if (who.organisationId || who.role) {
        let members = eb.selectFrom('membership as m').select('m.userId').whereRef('m.userId', '=', 'u.id');
        if (who.organisationId) members = members.where('m.organisationId', '=', who.organisationId);
        if (who.role) members = members.where('m.role', '=', who.role);
        groups.push(eb.exists(members));
      }
      return eb.or(groups);
    })
    .orderBy('u.familyName')
    .orderBy('u.id')
    .limit(2000)
    .execute();
}

/** Adds the invitations not there yet; returns the people newly invited. */
export function insertInvitations(db: Db, questionnaireId: string, userIds: readonly string[], at: Date) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .insertInto('surveyInvitation')
    .values(userIds.map((userId) => ({ questionnaireId, userId, invitedAt: at })))
    .onConflict((oc) => oc.doNothing())
    .returning('userId')
    .execute();
}

const organisationsOf = (eb: ExpressionBuilder<Database & { u: Database['appUser'] }, 'u'>) =>
  eb
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select(sql<string>`coalesce(string_agg(distinct o.name, ', '), '')`.as('names'))
    .whereRef('m.userId', '=', 'u.id')
    .as('organisations');

const answeredBy = (eb: ExpressionBuilder<Database & { i: Database['surveyInvitation'] }, 'i'>) =>
  eb.or([
    eb.exists(
      eb
        .selectFrom('surveyParticipation as p')
        .select('p.userId')
        .whereRef('p.questionnaireId', '=', 'i.questionnaireId')
        .whereRef('p.userId', '=', 'i.userId'),
    ),
    eb.exists(
      eb
        .selectFrom('surveyResponse as r')
        .select('r.id')
        .whereRef('r.questionnaireId', '=', 'i.questionnaireId')
        .whereRef('r.submittedBy', '=', 'i.userId'),
    ),
  ]);

export async function invitationsPage(
  db: Db,
  questionnaireId: string,
  page: { page: number; pageSize: number },
) {
  const rows = await db
    .selectFrom('surveyInvitation as i')
    .innerJoin('appUser as u', 'u.id', 'i.userId')
    .select((eb) => [
      'i.userId',
      'i.invitedAt',
      'i.remindedAt',
      'u.givenName',
      'u.familyName',
      'u.email',
      organisationsOf(eb),
      answeredBy(eb).as('hasAnswered'),
    ])
    .where('i.questionnaireId', '=', questionnaireId)
    .orderBy('u.familyName')
    .orderBy('u.givenName')
    .orderBy('u.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const { total } = await db
    .selectFrom('surveyInvitation')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('questionnaireId', '=', questionnaireId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Invitations to open questionnaires with reminders, not yet reminded nor answered. */
export function invitationsToRemind(db: Db) {
  return db
    .selectFrom('surveyInvitation as i')
    .innerJoin('surveyQuestionnaire as q', 'q.id', 'i.questionnaireId')
    .innerJoin('appUser as u', 'u.id', 'i.userId')
    .select([
      'i.questionnaireId',
      'i.userId',
      'i.invitedAt',
      'q.title',
      'q.reminderDays',
      'q.anonymous',
      'u.email',
      'u.givenName',
      'u.familyName',
    ])
    .where('q.status', '=', 'OPEN')
    .where('q.reminderDays', 'is not', null)
    .where('i.remindedAt', 'is', null)
    .where('u.isActive', '=', true)
    .where((eb) => eb.not(answeredBy(eb)))
    .orderBy('i.questionnaireId')
    .limit(5000)
    .execute();
}

export function markReminded(db: Db, questionnaireId: string, userId: string, at: Date) {
  return db
    .updateTable('surveyInvitation')
    .set({ remindedAt: at })
    .where('questionnaireId', '=', questionnaireId)
    .where('userId', '=', userId)
    .where('remindedAt', 'is', null)
    .executeTakeFirst();
}

/** Active people matching a search, for the invitation picker. */
export function invitees(db: Db, search: string | undefined) {
  let query = db
    .selectFrom('appUser as u')
    .select((eb) => ['u.id', 'u.givenName', 'u.familyName', organisationsOf(eb)])
    .where('u.isActive', '=', true);
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.givenName', 'ilike', pattern),
        eb('u.familyName', 'ilike', pattern),
        eb('u.email', 'ilike', pattern),
      ]),
    );
  }
  return query.orderBy('u.familyName').orderBy('u.givenName').orderBy('u.id').limit(20).execute();
}

/** The people invited to a questionnaire, for the e-mails sent when it opens; their invitation dates from then. */
export async function restartInvitations(db: Db, questionnaireId: string, at: Date) {
  await db
    .updateTable('surveyInvitation')
    .set({ invitedAt: at })
    .where('questionnaireId', '=', questionnaireId)
    .execute();
  return db
    .selectFrom('surveyInvitation as i')
    .innerJoin('appUser as u', 'u.id', 'i.userId')
    .select(['u.id', 'u.email', 'u.givenName', 'u.familyName'])
    .where('i.questionnaireId', '=', questionnaireId)
    .where('u.isActive', '=', true)
    .execute();
}
