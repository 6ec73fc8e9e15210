/** The queries of the events: events and their texts, sessions with their counts, registrations, the door. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  OutreachEventQuestionTable,
  OutreachEventTable,
  OutreachRegistrationTable,
  OutreachSessionTable,
  RegistrationStatus,
} from '../../../db/tables/outreach.ts';
import type { Db } from '../../../kernel/db.ts';
import { HOLDS_SEAT, LIVE } from './rules.ts';

export function insertEvent(db: Db, row: Insertable<OutreachEventTable>) {
  return db.insertInto('outreachEvent').values(row).execute();
}

export function updateEvent(db: Db, id: string, changes: Updateable<OutreachEventTable>) {
  return db.updateTable('outreachEvent').set(changes).where('id', '=', id).execute();
}

export function findEvent(db: Db, id: string) {
  return db.selectFrom('outreachEvent').selectAll().where('id', '=', id).executeTakeFirst();
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** Locks an event, so that its sessions and texts change one writer at a time. */
export function lockEvent(db: Db, id: string) {
  return db.selectFrom('outreachEvent').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The questions of an event's form, in their order, with how many registrations answered each. */
export async function questionsOf(db: Db, eventId: string) {
  const rows = await db
    .selectFrom('outreachEventQuestion as q')
    .select([
      'q.id',
      'q.label',
      'q.kind',
      'q.options',
      'q.required',
      sql<number>`(select count(*)::int from outreach_registration r join outreach_session s on s.id = r.session_id
        where s.event_id = q.event_id and r.answers ? q.id::text)`.as('answered'),
    ])
    .where('q.eventId', '=', eventId)
    .orderBy('q.position')
    .execute();
  return rows;
}
export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

/**
 * The questions of some events as they stand in this transaction, the events held (shared) against a change of
 * their questions until the transaction ends.
 */
export async function heldQuestions(db: Db, eventIds: readonly string[]) {
  if (eventIds.length === 0) return [];
  await db
    .selectFrom('outreachEvent')
    .select('id')
    .where('id', 'in', [...eventIds].sort())
    .orderBy('id')
    .forShare()
    .execute();
  return db
    .selectFrom('outreachEventQuestion')
    .select(['id', 'kind', 'options'])
    .where('eventId', 'in', eventIds)
    .execute();
}

export function findQuestion(db: Db, id: string) {
  return db.selectFrom('outreachEventQuestion').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertQuestion(db: Db, row: Omit<Insertable<OutreachEventQuestionTable>, 'position'>) {
  const { next } = await db
    .selectFrom('outreachEventQuestion')
    .select(sql<number>`coalesce(max(position), 0)::int + 1`.as('next'))
    .where('eventId', '=', row.eventId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('outreachEventQuestion')
    .values({ ...row, position: next })
    .execute();
}

export function updateQuestion(db: Db, id: string, changes: Updateable<OutreachEventQuestionTable>) {
  return db.updateTable('outreachEventQuestion').set(changes).where('id', '=', id).execute();
}

export function dropQuestion(db: Db, id: string) {
  return db.deleteFrom('outreachEventQuestion').where('id', '=', id).execute();
}

export function textsOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachEventText')
    .select(['language', 'title', 'summary', 'description'])
    .where('eventId', '=', eventId)
    .orderBy('language')
    .execute();
}

export function textIn(db: Db, eventId: string, language: string) {
  return db
    .selectFrom('outreachEventText')
    .select(['title', 'summary', 'description'])
    .where('eventId', '=', eventId)
    .where('language', '=', language)
    .executeTakeFirst();
}

export function keepText(
  db: Db,
  row: {
    eventId: string;
    language: string;
    title: string;
    summary: string;
    description: string;
    updatedAt: Date;
  },
) {
  return db
    .insertInto('outreachEventText')
    .values(row)
    .onConflict((c) =>
      c.columns(['eventId', 'language']).doUpdateSet({
        title: row.title,
        summary: row.summary,
        description: row.description,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

export function dropText(db: Db, eventId: string, language: string) {
  return db
    .deleteFrom('outreachEventText')
    .where('eventId', '=', eventId)
    .where('language', '=', language)
    .executeTakeFirst();
}

const countOf = (status: RegistrationStatus) =>
  sql<number>`(count(*) filter (where r.status = ${status}))::int`;

/** Every event, the next first, then the past ones, with its sessions' counts. */
export function listEvents(db: Db, publishedOnly: boolean, now: Date) {
  let query = db
    .selectFrom('outreachEvent as e')
    .leftJoin('outreachSession as s', 's.eventId', 'e.id')
    .leftJoin('outreachRegistration as r', 'r.sessionId', 's.id')
    .select([
      'e.id',
      'e.kind',
      'e.title',
      'e.summary',
      'e.publishedAt',
      'e.createdAt',
      sql<Date | null>`min(s.starts_at)`.as('firstSessionAt'),
      sql<Date | null>`max(s.ends_at)`.as('lastSessionEndsAt'),
      sql<number>`count(distinct s.id)::int`.as('sessions'),
      countOf('CONFIRMED').as('confirmed'),
      countOf('WAITLISTED').as('waiting'),
    ])
    .groupBy('e.id');
  if (publishedOnly) query = query.where('e.publishedAt', 'is not', null);
  // Those without dates first, then the coming ones (the next first), then the past ones (the latest first).
  return query
    .orderBy(sql`case when max(s.ends_at) is null then 0 when max(s.ends_at) > ${now} then 1 else 2 end`)
    .orderBy(sql`case when max(s.ends_at) > ${now} then min(s.starts_at) end`)
    .orderBy(sql`min(s.starts_at) desc`)
    .orderBy('e.createdAt', 'desc')
    .execute();
}

/**
 * What the registration form of a published event checks against, in one reading: its sessions' ids, without
 * counting anything (the registration counts the seats), and its questions in their order. Nothing when the
 * event is not published.
 */
/** What registrations for some published events are checked against, by event; the others are left out. */
export function registrationForms(db: Db, eventIds: readonly string[]) {
  return db
    .selectFrom('outreachEvent as e')
    .select([
      'e.id',
      sql<string[]>`coalesce((select array_agg(s.id::text) from outreach_session s where s.event_id = e.id),
        '{}')`.as('sessionIds'),
      sql<
        Omit<QuestionRow, 'answered'>[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', q.id, 'label', q.label,
        'kind', q.kind, 'options', q.options, 'required', q.required) order by q.position)
        from outreach_event_question q where q.event_id = e.id), '[]'::jsonb)`.as('questions'),
    ])
    .where('e.id', 'in', eventIds)
    .where('e.publishedAt', 'is not', null)
    .execute();
}

/** A session with its event, nothing counted: what a ticket shows. */
export function sessionWithEvent(db: Db, sessionId: string) {
  return db
    .selectFrom('outreachSession as s')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .selectAll('s')
    .select(['e.kind', 'e.title', 'e.summary', 'e.description', 'e.publishedAt'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export function insertSession(db: Db, row: Insertable<OutreachSessionTable>) {
  return db.insertInto('outreachSession').values(row).execute();
}

/** The sessions of some events in time order, with their registrations and admissions counted. */
export function sessionsOf(db: Db, eventIds: readonly string[]) {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outreachSession as s')
    .leftJoin('outreachRegistration as r', 'r.sessionId', 's.id')
    .selectAll('s')
    .select([
      countOf('PENDING').as('pending'),
      countOf('CONFIRMED').as('confirmed'),
      countOf('OFFERED').as('offered'),
      countOf('WAITLISTED').as('waiting'),
      sql<number>`(select count(distinct c.registration_id)::int from outreach_check_in c
        join outreach_registration cr on cr.id = c.registration_id where cr.session_id = s.id)`.as(
        'checkedIn',
      ),
    ])
    .where('s.eventId', 'in', eventIds)
    .groupBy('s.id')
    .orderBy('s.startsAt')
    .orderBy('s.label')
    .execute();
}
export type SessionRow = Awaited<ReturnType<typeof sessionsOf>>[number];

/** Locks sessions, in the order of their ids so that two writers never wait on each other. */
export function lockSessions(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('outreachSession as s')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select([
      's.id',
      's.eventId',
      's.label',
      's.startsAt',
      's.endsAt',
      's.venue',
      's.address',
      's.capacity',
      's.registrationUntil',
      's.requiresApproval',
      'e.title',
      'e.offerHours',
      'e.publishedAt',
      // the event's translated titles, for the letters: read with the lock, not in a statement of their own
      sql<Record<string, string>>`coalesce((select jsonb_object_agg(t.language, t.title)
        from outreach_event_text t where t.event_id = e.id), '{}'::jsonb)`.as('titles'),
    ])
    .where('s.id', 'in', [...ids].sort())
    .orderBy('s.id')
    .forUpdate('s')
    .execute();
}
export type LockedSession = Awaited<ReturnType<typeof lockSessions>>[number];

/**
 * Seats held (confirmed or offered) and people waiting, per session; with them, in the same read, which of
 * `emails` are already registered (and alive) there.
 */
export async function seatCounts(db: Db, sessionIds: readonly string[], emails: readonly string[] = []) {
  const rows = await db
    .selectFrom('outreachRegistration as r')
    .select([
      'r.sessionId',
      sql<number>`(count(*) filter (where r.status in ('CONFIRMED', 'OFFERED')))::int`.as('held'),
      countOf('WAITLISTED').as('waiting'),
      sql<
        string[]
      >`coalesce(array_agg(r.email) filter (where r.email = any(${[...emails]}::text[])), '{}')`.as('taken'),
    ])
    .where('r.sessionId', 'in', sessionIds)
    .where('r.status', 'in', LIVE)
    .groupBy('r.sessionId')
    .execute();
  return new Map(
    rows.map((row) => [row.sessionId, { held: row.held, waiting: row.waiting, taken: row.taken }]),
  );
}

/** Seats held and people waiting in one session. */
export async function seatCountOf(db: Db, sessionId: string) {
  return (await seatCounts(db, [sessionId])).get(sessionId) ?? { held: 0, waiting: 0 };
}

/** Of some addresses, those already registered (and alive) for their session. */
export async function liveAddresses(db: Db, pairs: readonly { sessionId: string; email: string }[]) {
  if (pairs.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('outreachRegistration')
    .select(['sessionId', 'email'])
    .where('status', 'in', LIVE)
    .where(
      'sessionId',
      'in',
      pairs.map((pair) => pair.sessionId),
    )
    .where(
      'email',
      'in',
      pairs.map((pair) => pair.email),
    )
    .execute();
  return new Set(rows.map((row) => `${row.sessionId} ${row.email}`));
}

export function insertRegistrations(db: Db, rows: Insertable<OutreachRegistrationTable>[]) {
  return db.insertInto('outreachRegistration').values(rows).returning(['id', 'arrival']).execute();
}

/** The first people waiting for a session, in arrival order. */
export function firstWaiting(db: Db, sessionId: string, limit: number) {
  return db
    .selectFrom('outreachRegistration')
    .selectAll()
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'WAITLISTED')
    .orderBy('arrival')
    .limit(limit)
    .execute();
}

export function findRegistration(db: Db, id: string) {
  return db.selectFrom('outreachRegistration').selectAll().where('id', '=', id).executeTakeFirst();
}
export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export function updateRegistration(db: Db, id: string, changes: Updateable<OutreachRegistrationTable>) {
  return db.updateTable('outreachRegistration').set(changes).where('id', '=', id).execute();
}

export function findRegistrations(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('outreachRegistration').selectAll().where('id', 'in', ids).execute();
}

/** The same change to some registrations, in one statement. */
export async function updateRegistrations(
  db: Db,
  ids: readonly string[],
  changes: Updateable<OutreachRegistrationTable>,
) {
  if (ids.length === 0) return;
  await db.updateTable('outreachRegistration').set(changes).where('id', 'in', ids).execute();
}

/** Puts an approved request at the end of the arrival order: it joins the list as a newcomer of now. */
export function renumberArrival(db: Db, id: string) {
  return db.updateTable('outreachRegistration').set({ arrival: sql`default` }).where('id', '=', id).execute();
}

/** A person's place in the waitlist: 1 for the first waiting. */
export async function waitlistPosition(db: Db, sessionId: string, arrival: string) {
  const row = await db
    .selectFrom('outreachRegistration')
    .select(sql<number>`count(*)::int`.as('ahead'))
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'WAITLISTED')
    .where('arrival', '<', arrival)
    .executeTakeFirstOrThrow();
  return row.ahead + 1;
}

/** Offers not answered in time, the oldest first. */
export function lapsedOffers(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('outreachRegistration')
    .select(['id', 'sessionId'])
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '<=', now)
    .orderBy('offerExpiresAt')
    .limit(limit)
    .execute();
}

/** The registrations of a session, in arrival order, with the lists they entered by. */
export async function registrationsOf(
  db: Db,
  sessionId: string,
  filter: { status?: RegistrationStatus | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
) {
  let query = db.selectFrom('outreachRegistration as r').where('r.sessionId', '=', sessionId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('r.name', 'ilike', like), eb('r.email', 'ilike', like), eb('r.ticketCode', 'ilike', like)]),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll('r')
      .select(
        sql<string[]>`coalesce((select array_agg(l.name order by l.name) from outreach_check_in c
          join outreach_check_in_list l on l.id = c.list_id where c.registration_id = r.id), '{}')`.as(
          'checkIns',
        ),
      )
      .select(
        sql<number | null>`case when r.status = 'WAITLISTED' then (select count(*)::int + 1
          from outreach_registration w where w.session_id = r.session_id and w.status = 'WAITLISTED'
          and w.arrival < r.arrival) end`.as('position'),
      )
      .orderBy('r.arrival')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.total };
}

/** The live registrations asking for interpretation or mediation, per language and session. */
export function interpretationNeeds(db: Db, eventId: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .select([
      'r.interpretationLanguage as language',
      's.id as sessionId',
      's.label as sessionLabel',
      's.startsAt',
      sql<number>`count(*)::int`.as('people'),
      sql<
        string[]
      >`coalesce(array_agg(r.accessibility_needs) filter (where r.accessibility_needs is not null), '{}')`.as(
        'accessibilityNeeds',
      ),
    ])
    .where('s.eventId', '=', eventId)
    .where('r.status', 'in', HOLDS_SEAT)
    .where('r.interpretationLanguage', 'is not', null)
    .groupBy(['r.interpretationLanguage', 's.id'])
    .orderBy('r.interpretationLanguage')
    .orderBy('s.startsAt')
    .execute();
}

export function checkInListsOf(db: Db, eventId: string) {
  return db
    .selectFrom('outreachCheckInList as l')
    .leftJoin('outreachCheckIn as c', 'c.listId', 'l.id')
    .select(['l.id', 'l.name', sql<number>`count(c.registration_id)::int`.as('checkedIn')])
    .where('l.eventId', '=', eventId)
    .groupBy('l.id')
    .orderBy('l.createdAt')
    .execute();
}

export function findCheckInList(db: Db, id: string) {
  return db.selectFrom('outreachCheckInList').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertCheckInList(
  db: Db,
  row: { id: string; eventId: string; name: string; createdAt: Date },
) {
  return db
    .insertInto('outreachCheckInList')
    .values(row)
    .onConflict((c) => c.columns(['eventId', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** A ticket as the door reads it: its session and event. */
export function ticketByCode(db: Db, code: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .select([
      'r.id',
      'r.name',
      'r.status',
      'r.ticketCode',
      'r.sessionId',
      's.eventId',
      's.label as sessionLabel',
      's.startsAt',
      's.endsAt',
    ])
    .where('r.ticketCode', '=', code)
    .executeTakeFirst();
}

/** Whether a registration was let in at any door. */
export async function hasEntered(db: Db, registrationId: string) {
  const row = await db
    .selectFrom('outreachCheckIn')
    .select('listId')
    .where('registrationId', '=', registrationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Admits a ticket on a list; nothing when it was admitted before (the first admission stands). */
export function admit(
  db: Db,
  row: { listId: string; registrationId: string; checkedInAt: Date; checkedInBy: string },
) {
  return db
    .insertInto('outreachCheckIn')
    .values(row)
    .onConflict((c) => c.columns(['listId', 'registrationId']).doNothing())
    .returning('checkedInAt')
    .executeTakeFirst();
}

export function admission(db: Db, listId: string, registrationId: string) {
  return db
    .selectFrom('outreachCheckIn')
    .select('checkedInAt')
    .where('listId', '=', listId)
    .where('registrationId', '=', registrationId)
    .executeTakeFirst();
}

/** The door's search by name among a session's live tickets. */
export function ticketsByName(db: Db, sessionId: string, listId: string, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db
    .selectFrom('outreachRegistration as r')
    .select([
      'r.name',
      'r.ticketCode',
      'r.status',
      sql<boolean>`exists (select 1 from outreach_check_in c where c.registration_id = r.id and c.list_id = ${listId})`.as(
        'checkedIn',
      ),
    ])
    .where('r.sessionId', '=', sessionId)
    .where('r.status', 'in', LIVE)
    .where('r.name', 'ilike', like)
    .orderBy('r.name')
    .limit(20)
    .execute();
}

/** Per session of the published events: whether it was held by `now`, its seats taken and its admissions. */
export function sessionFigures(db: Db, now: Date) {
  return db
    .selectFrom('outreachSession as s')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .leftJoin('outreachRegistration as r', 'r.sessionId', 's.id')
    .select([
      's.id',
      's.eventId',
      sql<boolean>`s.ends_at <= ${now}`.as('held'),
      countOf('CONFIRMED').as('confirmed'),
      countOf('WAITLISTED').as('waiting'),
      sql<number>`(count(*) filter (where r.status = 'CONFIRMED' and exists (select 1 from outreach_check_in c
        where c.registration_id = r.id)))::int`.as('present'),
    ])
    .where('e.publishedAt', 'is not', null)
    .groupBy('s.id')
    .execute();
}

/** Confirmed registrations of the published events by the type of organisation given, and those present. */
export function figuresByOrganisationType(db: Db) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select([
      'r.organisationType',
      sql<number>`count(*)::int`.as('registered'),
      sql<number>`(count(*) filter (where exists (select 1 from outreach_check_in c
        where c.registration_id = r.id)))::int`.as('present'),
    ])
    .where('e.publishedAt', 'is not', null)
    .where('r.status', '=', 'CONFIRMED')
    .groupBy('r.organisationType')
    .orderBy('r.organisationType')
    .execute();
}
