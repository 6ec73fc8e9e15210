/**
 * The queries of the council's retention and access requests: the representatives' contact data emptied long
 * after their mandate, the names and addresses of those invited to a meeting emptied long after it (the
 * organisations present and the answers stay, for the meetings held and the organisations taking part), and
 * a person's seats, invitations and action items found by address (the council keeps no birth date, so a name
 * alone would find every namesake). Each disposal takes its rows with `skip locked`: two runs at once share
 * them out, and neither counts a row the other disposed of.
 */
import { sql } from 'kysely';
import { redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';

/** The address an emptied record keeps: the columns want one, and it is never deliverable. */
const FORGOTTEN_DOMAIN = '@consiglio.invalid';
const FORGOTTEN_ADDRESS = `non-conservato${FORGOTTEN_DOMAIN}`;

/** The legal day in Rome an instant falls on, in SQL. */
const dayOf = (instant: Date) => sql<string>`(${instant}::timestamptz at time zone 'Europe/Rome')::date`;

const endedSeats = (db: Db, cutoff: Date) =>
  db
    .selectFrom('councilMembership')
    .where('toOn', 'is not', null)
    .where('toOn', '<', dayOf(cutoff))
    .where('representativeEmail', 'not like', `%${FORGOTTEN_DOMAIN}`);

export async function countEndedSeats(db: Db, cutoff: Date) {
  return countRows(endedSeats(db, cutoff));
}

/** The changes of a table's trail that name the people of a seat. */
const SEAT_ACTIONS = ['council.member.appoint', 'council.member.end'];

/** The seat stays with its organisation and period (the organisations taking part); the people go. */
export async function anonymiseEndedSeats(db: Db, cutoff: Date, limit: number) {
  const due = endedSeats(db, cutoff).select('id').orderBy('id').limit(limit).forUpdate().skipLocked();
  const emptied = await db
    .updateTable('councilMembership')
    .set({
      representativeName: 'Rappresentante non più conservato',
      representativeEmail: sql<string>`'cessato-' || id || ${FORGOTTEN_DOMAIN}`,
      deputyName: null,
      deputyEmail: null,
    })
    .where('id', 'in', due)
    .returning(['id', 'tableId'])
    .execute();
  // the table's trail named the people of the seat: at its appointment, its end, and the appointment after it
  await redactAuditedChanges(
    db,
    emptied.flatMap(({ id, tableId }) => [
      { type: 'council_table', id: tableId, part: { actions: SEAT_ACTIONS, field: 'id', value: id } },
      {
        type: 'council_table',
        id: tableId,
        part: { actions: SEAT_ACTIONS, field: 'membershipId', value: id },
      },
    ]),
  );
  return emptied.length;
}

const pastInvitations = (db: Db, cutoff: Date) =>
  db
    .selectFrom('councilAttendance as a')
    .innerJoin('councilMeeting as m', 'm.id', 'a.meetingId')
    .where('m.startsAt', '<', cutoff)
    .where('a.invitedEmail', '!=', FORGOTTEN_ADDRESS);

export async function countPastInvitations(db: Db, cutoff: Date) {
  return countRows(pastInvitations(db, cutoff));
}

/** The organisation, its answer and whether it attended stay: the meetings held and who took part. */
export async function anonymisePastInvitations(db: Db, cutoff: Date, limit: number) {
  const due = pastInvitations(db, cutoff)
    .select(['a.meetingId', 'a.organisationId'])
    .orderBy('a.meetingId')
    .orderBy('a.organisationId')
    .limit(limit)
    .forUpdate('a')
    .skipLocked();
  const emptied = await db
    .updateTable('councilAttendance')
    .set({
      invitedEmail: FORGOTTEN_ADDRESS,
      // a delegation stays a delegation (the table wants its name), without saying who
      delegateName: sql<string | null>`case when delegate_name is null then null else 'Delegato' end`,
      attendeeName: null,
    })
    .where((eb) =>
      eb(eb.refTuple('meetingId', 'organisationId'), 'in', due.$asTuple('meetingId', 'organisationId')),
    )
    .returning(['meetingId', 'organisationId'])
    .execute();
  // the meeting's trail named the delegate in the organisation's answer, and those present in the register
  await redactAuditedChanges(
    db,
    emptied.flatMap(({ meetingId, organisationId }) => [
      {
        type: 'council_meeting',
        id: meetingId,
        part: { actions: ['council.meeting.answer'], field: 'organisationId', value: organisationId },
      },
      { type: 'council_meeting', id: meetingId, part: { actions: ['council.meeting.register'] } },
    ]),
  );
  return emptied.length;
}

/** Action items closed (done or cancelled): their time runs from the day done, or the day they were due. */
const closedActionItems = (db: Db, cutoff: Date) =>
  db
    .selectFrom('councilActionItem')
    .where('status', 'in', ['DONE', 'CANCELLED'])
    .where(sql<string>`coalesce(done_on, due_on)`, '<', dayOf(cutoff))
    .where('ownerEmail', 'not like', `%${FORGOTTEN_DOMAIN}`);

export async function countClosedActionItems(db: Db, cutoff: Date) {
  return countRows(closedActionItems(db, cutoff));
}

/** The action stays with its owning organisation, what it was and when it was done; the person goes. */
export async function anonymiseClosedActionItems(db: Db, cutoff: Date, limit: number) {
  const due = closedActionItems(db, cutoff).select('id').orderBy('id').limit(limit).forUpdate().skipLocked();
  const emptied = await db
    .updateTable('councilActionItem')
    .set({
      ownerName: 'Referente non più conservato',
      ownerEmail: sql<string>`'cessato-' || id || ${FORGOTTEN_DOMAIN}`,
    })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  // the trail of the action's creation, changes and reminders named the referent too
  await redactAuditedChanges(
    db,
    emptied.map((row) => ({ type: 'council_action_item', id: row.id })),
  );
  return emptied.length;
}

/** Compares with an address given in lower case. */
const sameAddress = (column: string, email: string) => sql<boolean>`lower(${sql.ref(column)}) = ${email}`;

export function seatsOf(db: Db, email: string) {
  return db
    .selectFrom('councilMembership as s')
    .innerJoin('councilTable as t', 't.id', 's.tableId')
    .innerJoin('organisation as o', 'o.id', 's.organisationId')
    .select([
      's.id',
      's.tableId',
      't.name as table',
      'o.name as organisation',
      's.representativeName',
      's.representativeEmail',
      's.deputyName',
      's.deputyEmail',
      's.fromOn',
      's.toOn',
    ])
    .where((eb) => eb.or([sameAddress('s.representativeEmail', email), sameAddress('s.deputyEmail', email)]))
    .orderBy('s.fromOn')
    .execute();
}

export function invitationsOf(db: Db, email: string) {
  return db
    .selectFrom('councilAttendance as a')
    .innerJoin('councilMeeting as m', 'm.id', 'a.meetingId')
    .innerJoin('organisation as o', 'o.id', 'a.organisationId')
    .select([
      'a.meetingId',
      'm.title as meeting',
      'm.startsAt',
      'o.name as organisation',
      'a.invitedEmail',
      'a.answer',
      'a.delegateName',
      'a.answeredAt',
      'a.attended',
      'a.attendeeName',
    ])
    .where(sameAddress('a.invitedEmail', email))
    .orderBy('m.startsAt')
    .execute();
}

export function actionItemsOf(db: Db, email: string) {
  return db
    .selectFrom('councilActionItem')
    .select(['id', 'title', 'ownerName', 'ownerEmail', 'dueOn', 'status', 'doneOn', 'createdAt'])
    .where(sameAddress('ownerEmail', email))
    .orderBy('createdAt')
    .execute();
}
