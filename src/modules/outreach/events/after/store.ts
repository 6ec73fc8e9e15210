/** The queries of what follows an event: certificates, their openings and numbers, the follow-up questionnaire. */
import { type Insertable, sql } from 'kysely';
import type {
  OutreachAttendanceCertificateTable,
  OutreachFollowUpSurveyTable,
} from '../../../../db/tables/outreach-follow-up.ts';
import type { Db } from '../../../../kernel/db.ts';

export function findEvent(db: Db, id: string) {
  return db.selectFrom('outreachEvent').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
}

/** The event's title in a language, when translated. */
export async function titleIn(db: Db, eventId: string, language: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('outreachEventText')
    .select('title')
    .where('eventId', '=', eventId)
    .where('language', '=', language)
    .executeTakeFirst();
  return row?.title;
}

/** An event's sessions with their attendees, certificates and whether they were opened, in date order. */
export function sessionsOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachSession as s')
    .leftJoin('outreachCertificateOpening as o', 'o.sessionId', 's.id')
    .select((eb) => [
      's.id',
      's.label',
      's.startsAt',
      's.endsAt',
      'o.openedAt',
      'o.requestsUntil',
      eb
        .selectFrom('outreachRegistration as r')
        .select(eb.fn.countAll<string>().as('n'))
        .where('r.sessionId', '=', eb.ref('s.id'))
        .where((inner) =>
          inner.exists(
            inner
              .selectFrom('outreachCheckIn as c')
              .select('c.listId')
              .whereRef('c.registrationId', '=', 'r.id'),
          ),
        )
        .as('checkedIn'),
    ])
    .where('s.eventId', '=', eventId)
    .orderBy('s.startsAt')
    .orderBy('s.id')
    .execute();
}

export function findSession(db: Db, id: string) {
  return db
    .selectFrom('outreachSession as s')
    .leftJoin('outreachCertificateOpening as o', 'o.sessionId', 's.id')
    .select(['s.id', 's.eventId', 's.label', 's.startsAt', 's.endsAt', 'o.openedAt'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** A registration as a request for its certificate meets it: its session, event, check-ins, opening and certificate. */
export function standingOf(db: Db, registrationId: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .leftJoin('outreachCertificateOpening as o', 'o.sessionId', 's.id')
    .leftJoin('outreachAttendanceCertificate as a', 'a.registrationId', 'r.id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.language',
      'r.status',
      'r.sessionId',
      's.eventId',
      's.label as sessionLabel',
      's.startsAt as sessionStartsAt',
      's.endsAt as sessionEndsAt',
      's.venue',
      'e.title as eventTitle',
      'o.requestsUntil',
      'a.id as certificateId',
      'a.revokedAt',
      eb
        .selectFrom('outreachCheckIn as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.registrationId', '=', 'r.id')
        .as('checkIns'),
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}
export type Standing = NonNullable<Awaited<ReturnType<typeof standingOf>>>;

/** When the first date of an event ends: before then, nothing of it is over. */
export async function firstEndOf(db: Db, eventId: string) {
  const row = await db
    .selectFrom('outreachSession')
    .select((eb) => eb.fn.min('endsAt').as('endsAt'))
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  return row?.endsAt ? new Date(row.endsAt as Date) : null;
}

/** The registrations of a session checked in at least once: those sent the link to their certificate. */
export function attendeesOf(db: Db, sessionId: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .select(['r.id', 'r.name', 'r.email', 'r.language'])
    .where('r.sessionId', '=', sessionId)
    .where('r.status', '=', 'CONFIRMED')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('outreachCheckIn as c').select('c.listId').whereRef('c.registrationId', '=', 'r.id'),
      ),
    )
    .orderBy('r.arrival')
    .execute();
}

/** The confirmed registrations of an event's sessions, with how often each was checked in, in arrival order. */
export function confirmedOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.email',
      'r.language',
      eb
        .selectFrom('outreachCheckIn as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.registrationId', '=', 'r.id')
        .as('checkIns'),
    ])
    .where('s.eventId', '=', eventId)
    .where('r.status', '=', 'CONFIRMED')
    .orderBy('r.arrival')
    .execute();
}

export function openCertificates(
  db: Db,
  row: { sessionId: string; openedAt: Date; openedBy: string; requestsUntil: Date },
) {
  return db
    .insertInto('outreachCertificateOpening')
    .values(row)
    .onConflict((oc) => oc.column('sessionId').doNothing())
    .returning('sessionId')
    .executeTakeFirst();
}

/** Takes the next number of a year's register, in the caller's transaction. */
export async function takeNumber(db: Db, year: number): Promise<number> {
  const { lastNumber } = await db
    .insertInto('outreachCertificateCounter')
    .values({ year, lastNumber: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ lastNumber: sql`outreach_certificate_counter.last_number + 1` }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return lastNumber;
}

/** Inserts a certificate unless the registration has one already (a second request at the same moment). */
export async function insertCertificate(db: Db, row: Insertable<OutreachAttendanceCertificateTable>) {
  const inserted = await db
    .insertInto('outreachAttendanceCertificate')
    .values(row)
    .onConflict((oc) => oc.column('registrationId').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Locks the registration's row: two requests of the same person are issued one after the other. */
export function lockRegistration(db: Db, id: string) {
  return db
    .selectFrom('outreachRegistration')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

const certificates = (db: Db) =>
  db
    .selectFrom('outreachAttendanceCertificate as a')
    .innerJoin('outreachSession as s', 's.id', 'a.sessionId')
    .selectAll('a')
    .select('s.eventId');

export const findCertificate = (db: Db, id: string) =>
  certificates(db).where('a.id', '=', id).executeTakeFirst();
export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export const certificateOf = (db: Db, registrationId: string) =>
  certificates(db).where('a.registrationId', '=', registrationId).executeTakeFirst();

export const certificateByCode = (db: Db, code: string) =>
  certificates(db).where('a.verificationCode', '=', code).executeTakeFirst();

export const certificatesOfEvent = (db: Db, eventId: string) =>
  certificates(db).where('s.eventId', '=', eventId).orderBy('a.number').execute();

export async function revokeCertificate(db: Db, id: string, by: string, at: Date, reason: string) {
  const row = await db
    .updateTable('outreachAttendanceCertificate')
    .set({ revokedAt: at, revokedBy: by, revocationReason: reason })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many certificates are valid (issued and not revoked), of every event. */
export async function validCertificates(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('outreachAttendanceCertificate')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('revokedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export function followUpOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachFollowUpSurvey')
    .selectAll()
    .where('eventId', '=', eventId)
    .executeTakeFirst();
}

/** Records the event's questionnaire unless it has one (a second launch at the same moment). */
export async function insertFollowUp(db: Db, row: Insertable<OutreachFollowUpSurveyTable>) {
  const inserted = await db
    .insertInto('outreachFollowUpSurvey')
    .values(row)
    .onConflict((oc) => oc.column('eventId').doNothing())
    .returning('eventId')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertInvitations(db: Db, questionnaireId: string, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return;
  await db
    .insertInto('outreachFollowUpInvitation')
    .values(registrationIds.map((registrationId) => ({ questionnaireId, registrationId })))
    .execute();
}

/** An invitation with the questionnaire's event: the page of the questionnaire opens it. */
export function findInvitation(db: Db, questionnaireId: string, registrationId: string) {
  return db
    .selectFrom('outreachFollowUpInvitation as i')
    .innerJoin('outreachFollowUpSurvey as f', 'f.questionnaireId', 'i.questionnaireId')
    .select(['i.questionnaireId', 'i.registrationId', 'i.hasAnswered', 'f.eventId'])
    .where('i.questionnaireId', '=', questionnaireId)
    .where('i.registrationId', '=', registrationId)
    .executeTakeFirst();
}

/** Marks that the person answered; false if they already had. */
export async function markAnswered(
  db: Db,
  questionnaireId: string,
  registrationId: string,
  answered: boolean,
) {
  const row = await db
    .updateTable('outreachFollowUpInvitation')
    .set({ hasAnswered: answered })
    .where('questionnaireId', '=', questionnaireId)
    .where('registrationId', '=', registrationId)
    .where('hasAnswered', '=', !answered)
    .returning('registrationId')
    .executeTakeFirst();
  return row !== undefined;
}

export async function invitedCount(db: Db, questionnaireId: string) {
  const { count } = await db
    .selectFrom('outreachFollowUpInvitation')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('questionnaireId', '=', questionnaireId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** How many of the invited have answered. */
export async function answeredCount(db: Db, questionnaireId: string) {
  const { count } = await db
    .selectFrom('outreachFollowUpInvitation')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('questionnaireId', '=', questionnaireId)
    .where('hasAnswered', '=', true)
    .executeTakeFirstOrThrow();
  return Number(count);
}
