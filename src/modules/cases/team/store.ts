/** The queries of the multidisciplinary team: mediators and their languages, questions to the legal expert. */
import { type Insertable, sql } from 'kysely';
import type { LegalQuestionTable } from '../../../db/tables/cases.ts';
import type { Db } from '../../../kernel/db.ts';

// ---- mediators

/**
 * The mediators of an office with their languages and their scheduled appointments from `now` on, the least
 * booked first; only those who cover `language` when it is given.
 */
export function mediators(db: Db, organisationId: string, now: Date, language?: string) {
  let query = db
    .selectFrom('membership as ms')
    .innerJoin('appUser as u', 'u.id', 'ms.userId')
    .select([
      'u.id',
      'u.email',
      sql<string>`u.given_name || ' ' || u.family_name`.as('name'),
      sql<
        string[]
      >`array(select ml.language from mediator_language ml where ml.user_id = u.id order by 1)`.as(
        'languages',
      ),
      sql<number>`(select count(*)::int from appointment a
        where a.mediator_id = u.id and a.status = 'SCHEDULED' and a.starts_at >= ${now})`.as(
        'upcomingBookings',
      ),
    ])
    .where('ms.organisationId', '=', organisationId)
    .where('ms.role', '=', 'mediator')
    .where('u.isActive', '=', true);
  if (language)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('mediatorLanguage as ml')
          .select('ml.userId')
          .whereRef('ml.userId', '=', 'u.id')
          .where('ml.language', '=', language),
      ),
    );
  return query.orderBy('upcomingBookings').orderBy('u.familyName').orderBy('u.id').execute();
}

export async function isMediatorOf(db: Db, organisationId: string, userId: string) {
  const row = await db
    .selectFrom('membership')
    .select('userId')
    .where('organisationId', '=', organisationId)
    .where('userId', '=', userId)
    .where('role', '=', 'mediator')
    .executeTakeFirst();
  return row !== undefined;
}

export async function languagesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mediatorLanguage')
    .select('language')
    .where('userId', '=', userId)
    .orderBy('language')
    .execute();
  return rows.map((row) => row.language);
}

/** Sets the languages a mediator covers; a language they covered already keeps its level. */
export async function replaceLanguages(db: Db, userId: string, languages: readonly string[]) {
  await db
    .deleteFrom('mediatorLanguage')
    .where('userId', '=', userId)
    .$if(languages.length > 0, (qb) => qb.where('language', 'not in', languages))
    .execute();
  if (languages.length)
    await db
      .insertInto('mediatorLanguage')
      .values(languages.map((language) => ({ userId, language })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The languages with their levels and the weekly windows of the mediators given. */
export async function profilesOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return { languages: [], availability: [] };
  const [languages, availability] = await Promise.all([
    db
      .selectFrom('mediatorLanguage')
      .select(['userId', 'language', 'level'])
      .where('userId', 'in', userIds)
      .orderBy('language')
      .execute(),
    db
      .selectFrom('mediatorAvailability')
      .select(['userId', 'weekday', 'fromTime', 'toTime'])
      .where('userId', 'in', userIds)
      .orderBy('weekday')
      .orderBy('fromTime')
      .execute(),
  ]);
  return { languages, availability };
}

/** The organisation a mediator of this office comes from when seconded to it; null for its own staff. */
export async function mediatorOrigin(db: Db, organisationId: string, userId: string) {
  return db
    .selectFrom('membership as ms')
    .leftJoin('organisation as origin', 'origin.id', 'ms.secondedFrom')
    .select('origin.name as secondedFrom')
    .where('ms.organisationId', '=', organisationId)
    .where('ms.userId', '=', userId)
    .where('ms.role', '=', 'mediator')
    .executeTakeFirst();
}

/** The names of the organisations in which the person holds the mediator's role, in alphabetical order. */
export async function mediatorOffices(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership as ms')
    .innerJoin('organisation as o', 'o.id', 'ms.organisationId')
    .select('o.name')
    .where('ms.userId', '=', userId)
    .where('ms.role', '=', 'mediator')
    .orderBy('o.name')
    .execute();
  return rows.map((row) => row.name);
}

export async function replaceProfile(
  db: Db,
  userId: string,
  profile: {
    languages: readonly { language: string; level: string }[];
    availability: readonly { weekday: number; from: string; to: string }[];
  },
) {
  await db.deleteFrom('mediatorLanguage').where('userId', '=', userId).execute();
  await db.deleteFrom('mediatorAvailability').where('userId', '=', userId).execute();
  if (profile.languages.length)
    await db
      .insertInto('mediatorLanguage')
      .values(profile.languages.map(({ language, level }) => ({ userId, language, level })))
      .execute();
  if (profile.availability.length)
    await db
      .insertInto('mediatorAvailability')
      .values(
        profile.availability.map(({ weekday, from, to }) => ({
          userId,
          weekday,
          fromTime: from,
          toTime: to,
        })),
      )
      .execute();
}

// ---- the cases a legal expert or a mediator sees

/** Who reaches a case through the team: the legal expert by the questions, a mediator by the appointments. */
export type TeamReach = { userId: string; asLegalExpert: boolean; asMediator: boolean };

/**
 * Whether the case aliased `c` is within a team member's reach: a question was put on it to the legal expert,
 * or the mediator is booked for one of its appointments (held or to come; not one cancelled or moved away).
 */
export function withinReach(reach: TeamReach) {
  return sql<boolean>`((${reach.asLegalExpert} and exists (select 1 from legal_question q
      where q.case_id = c.id and q.organisation_id = c.organisation_id))
    or (${reach.asMediator} and exists (select 1 from appointment a
      where a.case_id = c.id and a.mediator_id = ${reach.userId}
        and a.status in ('SCHEDULED', 'ATTENDED', 'NO_SHOW'))))`;
}

/** Among some cases of an office, those within a team member's reach. */
export async function casesWithinReach(
  db: Db,
  organisationId: string,
  reach: TeamReach,
  caseIds: readonly string[],
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('caseFile as c')
    .select('c.id')
    .where('c.organisationId', '=', organisationId)
    .where('c.id', 'in', caseIds)
    .where(withinReach(reach))
    .execute();
  return new Set(rows.map((row) => row.id));
}

// ---- questions to the legal expert

export function insertQuestion(db: Db, row: Insertable<LegalQuestionTable>) {
  return db.insertInto('legalQuestion').values(row).execute();
}

export function lockQuestion(db: Db, organisationId: string, id: string) {
  return db
    .selectFrom('legalQuestion')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function answerQuestion(
  db: Db,
  id: string,
  answer: { answer: string; answeredBy: string; answeredAt: Date },
) {
  return db
    .updateTable('legalQuestion')
    .set(answer)
    .where('id', '=', id)
    .where('answeredAt', 'is', null)
    .execute();
}

/** Questions with the case number and who asked and answered, the earliest due first. */
export function questions(
  db: Db,
  filter: { organisationId: string; id?: string; caseId?: string; open?: boolean },
) {
  let query = db
    .selectFrom('legalQuestion as q')
    .innerJoin('caseFile as c', 'c.id', 'q.caseId')
    .innerJoin('appUser as asker', 'asker.id', 'q.askedBy')
    .leftJoin('appUser as answerer', 'answerer.id', 'q.answeredBy')
    .selectAll('q')
    .select([
      'c.number as caseNumber',
      sql<string>`asker.given_name || ' ' || asker.family_name`.as('askedByName'),
      sql<string | null>`answerer.given_name || ' ' || answerer.family_name`.as('answeredByName'),
    ])
    .where('q.organisationId', '=', filter.organisationId);
  if (filter.id) query = query.where('q.id', '=', filter.id);
  if (filter.caseId) query = query.where('q.caseId', '=', filter.caseId);
  if (filter.open !== undefined) query = query.where('q.answeredAt', filter.open ? 'is' : 'is not', null);
  return query.orderBy('q.dueOn').orderBy('q.askedAt').orderBy('q.id').limit(1000).execute();
}
export type QuestionRow = Awaited<ReturnType<typeof questions>>[number];
