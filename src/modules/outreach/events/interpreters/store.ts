/** The queries of the interpreters: assignments per session and language, the sessions and counts they speak of. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { OutreachInterpreterTable } from '../../../../db/tables/outreach-interpreters.ts';
import type { Db } from '../../../../kernel/db.ts';
import { HOLDS_SEAT } from '../rules.ts';

export function eventExists(db: Db, eventId: string) {
  return db.selectFrom('outreachEvent').select('id').where('id', '=', eventId).executeTakeFirst();
}

/** A session with its event's title: what an assignment and its e-mail speak of. */
export function sessionOf(db: Db, sessionId: string) {
  return db
    .selectFrom('outreachSession as s')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select(['s.id', 's.eventId', 's.label', 's.startsAt', 's.endsAt', 's.venue', 's.address', 'e.title'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}
export type InterpretedSession = NonNullable<Awaited<ReturnType<typeof sessionOf>>>;

/** How many live registrations of a session ask for an interpreter in a language. */
export async function peopleAsking(db: Db, sessionId: string, language: string) {
  const row = await db
    .selectFrom('outreachRegistration')
    .select(sql<number>`count(*)::int`.as('people'))
    .where('sessionId', '=', sessionId)
    .where('interpretationLanguage', '=', language)
    .where('status', 'in', HOLDS_SEAT)
    .executeTakeFirstOrThrow();
  return row.people;
}

/** A person's name and address, to write to them. */
export function contactOf(db: Db, userId: string) {
  return db
    .selectFrom('appUser')
    .select(['email', sql<string>`given_name || ' ' || family_name`.as('name')])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The assignments of an event's sessions, with the mediator's name. */
export function assignmentsOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachInterpreter as i')
    .innerJoin('outreachSession as s', 's.id', 'i.sessionId')
    .innerJoin('appUser as u', 'u.id', 'i.mediatorId')
    .select([
      'i.id',
      'i.sessionId',
      's.label as sessionLabel',
      's.startsAt',
      'i.language',
      'i.mediatorId',
      sql<string>`u.given_name || ' ' || u.family_name`.as('mediatorName'),
      'i.note',
      'i.assignedAt',
    ])
    .where('s.eventId', '=', eventId)
    .orderBy('s.startsAt')
    .orderBy('i.language')
    .execute();
}

export function findAssignment(db: Db, sessionId: string, language: string) {
  return db
    .selectFrom('outreachInterpreter')
    .selectAll()
    .where('sessionId', '=', sessionId)
    .where('language', '=', language)
    .executeTakeFirst();
}

/** Locks an assignment, so that two changes of it follow one another. */
export function lockAssignment(db: Db, id: string) {
  return db.selectFrom('outreachInterpreter').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof lockAssignment>>>;

export function insertAssignment(db: Db, row: Insertable<OutreachInterpreterTable>) {
  return db.insertInto('outreachInterpreter').values(row).execute();
}

export function updateAssignment(db: Db, id: string, changes: Updateable<OutreachInterpreterTable>) {
  return db.updateTable('outreachInterpreter').set(changes).where('id', '=', id).execute();
}

export function deleteAssignment(db: Db, id: string) {
  return db.deleteFrom('outreachInterpreter').where('id', '=', id).execute();
}

/** The sessions a mediator interprets at that have not ended, the next first, with how many asked. */
export function interpretingOf(db: Db, mediatorId: string, now: Date) {
  return db
    .selectFrom('outreachInterpreter as i')
    .innerJoin('outreachSession as s', 's.id', 'i.sessionId')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select([
      'i.id',
      'e.title as eventTitle',
      's.label as sessionLabel',
      's.startsAt',
      's.endsAt',
      's.venue',
      's.address',
      's.accessibility',
      'i.language',
      'i.note',
      sql<number>`(select count(*)::int from outreach_registration r where r.session_id = s.id
        and r.interpretation_language = i.language and r.status in (${sql.join(HOLDS_SEAT)}))`.as('people'),
    ])
    .where('i.mediatorId', '=', mediatorId)
    .where('s.endsAt', '>', now)
    .orderBy('s.startsAt')
    .orderBy('i.language')
    .execute();
}

/** Interpreters assigned to a language of a session that has ended: the interpretation the project gave. */
export async function interpretationGiven(db: Db, now: Date): Promise<number> {
  const { count } = await db
    .selectFrom('outreachInterpreter as i')
    .innerJoin('outreachSession as s', 's.id', 'i.sessionId')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('s.endsAt', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(count);
}
