/**
 * Use cases of the council's tables and meetings: tables and their members (with history), convocation with
 * an agenda and invitations, answers of the members, and the attendance register on the day.
 */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import { type Actor, type Caller, hasPermission } from '../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../kernel/clock.ts';
import { Conflict, Invalid, NotFound, Unauthenticated } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, type UnitOfWork, writeTransaction } from '../../kernel/transaction.ts';
import * as actionsStore from './actions/store.ts';
import type {
  answerInput,
  meetingInput,
  memberEndInput,
  memberInput,
  registerInput,
  TableView,
  tableInput,
} from './contract.ts';
import { sendInvitations } from './meetings/invitations.ts';
import * as store from './store.ts';

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

export const canManage = (actor: Actor) => hasPermission(actor, 'council.manage');

export function scopeOf(actor: Actor): store.Scope {
  return canManage(actor) ? { all: true } : { all: false, organisationId: actor.organisationId };
}

export const TABLE_NOT_FOUND = 'Il tavolo non esiste o non è accessibile.';
export const MEETING_NOT_FOUND = 'La seduta non esiste o non è accessibile.';

/** Refuses a step on a cancelled meeting, saying what it no longer takes. */
export function refuseIfCancelled(meeting: { status: string }, refused: string) {
  if (meeting.status === 'CANCELLED') throw new Conflict(`La seduta è stata annullata: ${refused}.`);
}

function tableSummary(row: store.TableRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    theme: row.theme as TableView['theme'],
    mandate: row.mandate,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    coordinatorOrganisationId: row.coordinatorOrganisationId,
    coordinatorName: row.coordinatorName,
    memberCount: row.memberCount,
  };
}

export function meetingSummary(row: store.MeetingRow) {
  return {
    id: row.id,
    tableId: row.tableId,
    tableName: row.tableName,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    status: row.status,
    minutesStatus: row.minutesStatus,
  };
}

export async function listTables(platform: Platform, caller: Caller) {
  const rows = await store.tables(platform.database.db, scopeOf(actorOf(caller)));
  return rows.map(tableSummary);
}

export async function getTable(platform: Platform, caller: Caller, id: string): Promise<TableView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const scope = scopeOf(actor);
  const [row] = await store.tables(db, scope, id);
  if (!row) throw new NotFound(TABLE_NOT_FOUND);
  const members = await store.members(db, id);
  const meetings = await store.meetings(db, scope, { tableId: id });
  await auditRead(db, platform.clock, caller, 'council_table', id, { members: members.length });
  return {
    ...tableSummary(row),
    members: members.map((m) => ({
      id: m.id,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      representativeName: m.representativeName,
      representativeEmail: m.representativeEmail,
      deputyName: m.deputyName,
      deputyEmail: m.deputyEmail,
      fromOn: m.fromOn,
      toOn: m.toOn,
    })),
    meetings: meetings.map(meetingSummary),
  };
}

export async function createTable(platform: Platform, caller: Caller, input: z.infer<typeof tableInput>) {
  const id = newId();
  if (input.endsOn && input.endsOn < input.startsOn)
    throw new Invalid([{ path: 'body.endsOn', message: 'la fine non può precedere l’inizio' }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.organisationExists(db, input.coordinatorOrganisationId)))
      throw new Invalid([{ path: 'body.coordinatorOrganisationId', message: 'ente inesistente' }]);
    const row = { id, ...input, endsOn: input.endsOn ?? null, createdAt: platform.clock.now() };
    await store.insertTable(db, row);
    await audit({
      kind: 'change',
      action: 'council.table.create',
      entityType: 'council_table',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return getTable(platform, caller, id);
}

export async function addMember(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: z.infer<typeof memberInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [table] = await store.tables(db, { all: true }, tableId);
    if (!table) throw new NotFound(TABLE_NOT_FOUND);
    if (!(await store.organisationExists(db, input.organisationId)))
      throw new Invalid([{ path: 'body.organisationId', message: 'ente inesistente' }]);
    const current = (await store.currentMembers(db, tableId)).find(
      (member) => member.organisationId === input.organisationId,
    );
    // A new representative replaces the current one: the old membership ends the day before, history stays.
    if (current) {
      if (current.fromOn >= input.fromOn)
        throw new Conflict('L’ente siede già al tavolo con una nomina che inizia in quella data o dopo.');
      await store.endMember(db, current.id, previousDay(input.fromOn));
    }
    const row = {
      id: newId(),
      tableId,
      ...input,
      deputyName: input.deputyName ?? null,
      deputyEmail: input.deputyEmail ?? null,
      toOn: null,
    };
    await store.insertMember(db, row);
    await audit({
      kind: 'change',
      action: 'council.member.appoint',
      entityType: 'council_table',
      entityId: tableId,
      before: current ? { membershipId: current.id, representativeName: current.representativeName } : null,
      after: row,
    });
  });
  return getTable(platform, caller, tableId);
}

const previousDay = (day: string) => Temporal.PlainDate.from(day).subtract({ days: 1 }).toString();

export async function endMember(
  platform: Platform,
  caller: Caller,
  tableId: string,
  membershipId: string,
  input: z.infer<typeof memberEndInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const member = await store.lockMember(db, tableId, membershipId);
    if (!member) throw new NotFound('La nomina non esiste.');
    if (member.toOn) throw new Conflict('La nomina è già terminata.');
    if (input.toOn < member.fromOn)
      throw new Invalid([{ path: 'body.toOn', message: 'la fine non può precedere l’inizio della nomina' }]);
    await store.endMember(db, membershipId, input.toOn);
    await audit({
      kind: 'change',
      action: 'council.member.end',
      entityType: 'council_table',
      entityId: tableId,
      before: { membershipId, toOn: null },
      after: { membershipId, toOn: input.toOn },
    });
  });
  return getTable(platform, caller, tableId);
}

/**
 * Convenes a meeting: the agenda as given, then one point for each action of the table still open (followed
 * from meeting to meeting), and an invitation to every organisation sitting at the table, put in the outbox
 * with the convocation.
 */
export async function conveneMeeting(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: z.infer<typeof meetingInput>,
) {
  const actor = actorOf(caller);
  refuseIfPast(platform, input.startsAt);
  return writeTransaction(platform.database.db, platform.clock, caller, (unit) =>
    conveneIn(platform, unit, actor.userId, tableId, input),
  );
}

/** A meeting is convened for a moment still to come. */
export function refuseIfPast(platform: Platform, startsAt: string): void {
  if (new Date(startsAt) <= platform.clock.now())
    throw new Invalid([{ path: 'body.startsAt', message: 'la seduta deve essere nel futuro' }]);
}

/**
 * The convocation inside a caller's transaction (the secretariat's own, or its approval of a consultant's
 * proposal, named in the audit entry): returns the new meeting's id.
 */
export async function conveneIn(
  platform: Platform,
  unit: UnitOfWork,
  convenedBy: string,
  tableId: string,
  input: z.infer<typeof meetingInput>,
  proposalId?: string,
): Promise<string> {
  const { db, audit } = unit;
  const id = newId();
  const now = platform.clock.now();
  const [table] = await store.tables(db, { all: true }, tableId);
  if (!table) throw new NotFound(TABLE_NOT_FOUND);
  const members = await store.currentMembers(db, tableId);
  if (members.length === 0) throw new Conflict('Il tavolo non ha componenti da convocare.');
  const open = await actionsStore.actions(db, { all: true }, { tableId, open: true });
  await store.insertMeeting(db, {
    id,
    tableId,
    title: input.title,
    startsAt: input.startsAt,
    place: input.place ?? null,
    onlineUrl: input.onlineUrl ?? null,
    status: 'CONVENED',
    minutesStatus: 'NONE',
    minutesCirculatedVersion: null,
    minutesApprovedAt: null,
    convenedAt: now,
    convenedBy,
  });
  const items = [
    ...input.agenda.map((item) => ({ ...item, presenter: item.presenter ?? null, actionItemId: null })),
    ...open.map((action) => ({
      title: `Stato dell’azione: ${action.title} (${action.ownerOrganisationName})`,
      presenter: action.ownerName,
      durationMinutes: 5,
      actionItemId: action.id,
    })),
  ];
  await store.insertAgenda(
    db,
    items.map((item, index) => ({ id: newId(), meetingId: id, position: index + 1, ...item })),
  );
  await store.insertAttendance(
    db,
    members.map((member) => ({
      meetingId: id,
      organisationId: member.organisationId,
      invitedEmail: member.representativeEmail,
    })),
  );
  await audit({
    kind: 'change',
    action: 'council.meeting.convene',
    entityType: 'council_meeting',
    entityId: id,
    before: null,
    after: {
      tableId,
      ...input,
      carriedActions: open.map((action) => action.id),
      ...(proposalId ? { proposalId } : {}),
    },
  });
  await sendInvitations(platform, unit, id);
  return id;
}

/** A member organisation's answer to its invitation: present, delegate (named) or absent. */
export async function answerInvitation(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  input: z.infer<typeof answerInput>,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const meeting = await store.lockMeeting(db, meetingId);
    const invited = meeting
      ? (await store.attendance(db, meetingId)).find((a) => a.organisationId === actor.organisationId)
      : undefined;
    if (!meeting || !invited) throw new NotFound(MEETING_NOT_FOUND);
    refuseIfCancelled(meeting, 'non si accettano risposte alla convocazione');
    if (meeting.status !== 'CONVENED') throw new Conflict('La seduta non attende più risposte.');
    const changes = {
      answer: input.answer,
      delegateName: input.answer === 'DELEGATE' ? (input.delegateName ?? null) : null,
      answeredAt: platform.clock.now(),
    };
    await store.updateAttendance(db, meetingId, actor.organisationId, changes);
    await audit({
      kind: 'change',
      action: 'council.meeting.answer',
      entityType: 'council_meeting',
      entityId: meetingId,
      before: { answer: invited.answer, delegateName: invited.delegateName },
      after: { organisationId: actor.organisationId, ...changes },
    });
  });
}

/** The register on the day: who attended for each invited organisation. The meeting is then held. */
export async function recordAttendance(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  input: z.infer<typeof registerInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const meeting = await store.lockMeeting(db, meetingId);
    if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
    refuseIfCancelled(meeting, 'non ha registro delle presenze');
    if (dayInRome(meeting.startsAt) > platform.clock.today().toString())
      throw new Conflict('Il registro delle presenze si compila dal giorno della seduta.');
    const invited = new Set((await store.attendance(db, meetingId)).map((a) => a.organisationId));
    const errors = input.entries.flatMap((entry, index) => [
      ...(invited.has(entry.organisationId)
        ? []
        : [{ path: `body.entries.${index}.organisationId`, message: 'ente non convocato a questa seduta' }]),
      ...(entry.attended && !entry.attendeeName
        ? [{ path: `body.entries.${index}.attendeeName`, message: 'indicare chi era presente' }]
        : []),
    ]);
    if (errors.length) throw new Invalid(errors);
    for (const entry of input.entries)
      await store.updateAttendance(db, meetingId, entry.organisationId, {
        attended: entry.attended,
        attendeeName: entry.attended ? (entry.attendeeName ?? null) : null,
      });
    await store.updateMeeting(db, meetingId, { status: 'HELD' });
    await audit({
      kind: 'change',
      action: 'council.meeting.register',
      entityType: 'council_meeting',
      entityId: meetingId,
      before: { status: meeting.status },
      after: { status: 'HELD', entries: input.entries },
    });
  });
}

export function dayInRome(instant: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate()
    .toString();
}
