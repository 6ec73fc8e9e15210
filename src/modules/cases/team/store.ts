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

export async function replaceLanguages(db: Db, userId: string, languages: readonly string[]) {
  await db.deleteFrom('mediatorLanguage').where('userId', '=', userId).execute();
  if (languages.length)
    await db
      .insertInto('mediatorLanguage')
      .values(languages.map((language) => ({ userId, language })))
      .execute();
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
