/** Reading appointments: one, a case's, a desk's agenda, a mediator's own. */
import type { Caller } from '../../../kernel/auth.ts';
import { endOfDayInRome, startOfDayInRome } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db.ts';
import { NotFound } from '../../../kernel/errors.ts';
import { mailStates } from '../../../kernel/mail-outbox.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import { appointmentsWithinReach } from '../team/reach.ts';
import {
  APPOINTMENT_PURPOSES,
  APPOINTMENT_STATUSES,
  type AppointmentPurpose,
  type AppointmentView,
} from './contract.ts';
import { actorOf, dayRange } from './desks.ts';
import { LETTER_TOPICS } from './letters.ts';
import { romeTime } from './slots.ts';
import * as appointmentStore from './store.ts';

type Letter = AppointmentView['letter'];

/** The last letter about each appointment: its kind and where it is, from the outbox. */
async function lettersOf(db: Db, rows: readonly appointmentStore.AppointmentRow[]) {
  const topics = Object.values(LETTER_TOPICS);
  const states = await mailStates(
    db,
    topics,
    rows.map((row) => row.id),
  );
  const letters = new Map<string, Letter>();
  for (const [id, [latest]] of states) {
    if (!latest) continue;
    letters.set(id, {
      kind: latest.topic === LETTER_TOPICS.cancellation ? 'cancellation' : 'convocation',
      status: latest.status,
      sentAt: latest.sentAt?.toISOString() ?? null,
    });
  }
  return letters;
}

export async function appointmentViews(db: Db, rows: readonly appointmentStore.AppointmentRow[]) {
  const letters = await lettersOf(db, rows);
  return rows.map((row) => appointmentView(row, letters.get(row.id) ?? null));
}

export function appointmentView(row: appointmentStore.AppointmentRow, letter: Letter): AppointmentView {
  const purpose = row.purpose as AppointmentPurpose;
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    desk: { id: row.deskId, name: row.deskName, place: row.deskPlace },
    startsAt: romeTime(row.startsAt),
    endsAt: romeTime(row.endsAt),
    purpose,
    purposeLabel: APPOINTMENT_PURPOSES[purpose] ?? row.purpose,
    status: row.status,
    statusLabel: APPOINTMENT_STATUSES[row.status],
    documentsToBring: row.documentsToBring,
    recipientEmail: row.recipientEmail,
    viaPec: row.viaPec,
    mediator: row.mediatorId ? { id: row.mediatorId, name: row.mediatorName ?? '' } : null,
    language: row.language,
    rescheduledFrom: row.rescheduledFrom,
    letter,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    outcomeNotes: row.outcomeNotes,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getAppointment(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<AppointmentView> {
  const actor = actorOf(caller);
  const [row] = await appointmentsWithinReach(
    platform.database.db,
    actor,
    await appointmentStore.appointments(platform.database.db, { organisationId: actor.organisationId, id }),
  );
  if (!row) throw new NotFound('L’appuntamento non esiste o non è accessibile.');
  const [view] = await appointmentViews(platform.database.db, [row]);
  return view as AppointmentView;
}

export async function caseAppointments(platform: Platform, caller: Caller, caseId: string) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const kase = await store.findCase(db, actor.organisationId, caseId);
  if (!kase) throw new NotFound('La pratica non esiste o non è accessibile.');
  const rows = await appointmentStore.appointments(db, { organisationId: actor.organisationId, caseId });
  await auditRead(db, platform.clock, caller, 'case', caseId, { appointments: rows.length });
  return appointmentViews(db, rows);
}

/**
 * The office's appointments between two days (today when not given), at one desk or all; a legal expert's or a
 * mediator's agenda holds those of the cases they reach.
 */
export async function agenda(
  platform: Platform,
  caller: Caller,
  query: { from?: string | undefined; to?: string | undefined; deskId?: string | undefined },
) {
  const actor = actorOf(caller);
  const range = dayRange(query.from, query.to, { from: platform.clock.today(), days: 0 });
  const rows = await appointmentsWithinReach(
    platform.database.db,
    actor,
    await appointmentStore.appointments(platform.database.db, {
      organisationId: actor.organisationId,
      ...(query.deskId ? { deskId: query.deskId } : {}),
      from: startOfDayInRome(range.from.toString()),
      to: endOfDayInRome(range.to.toString()),
    }),
  );
  await auditRead(platform.database.db, platform.clock, caller, 'appointment_agenda', actor.organisationId, {
    from: range.from.toString(),
    to: range.to.toString(),
    shown: rows.length,
  });
  return appointmentViews(platform.database.db, rows);
}

/** Cancelled or moved: the booking no longer counts for the mediator (decision 049). */
const NO_LONGER_BOOKED: ReadonlySet<string> = new Set(['CANCELLED', 'RESCHEDULED']);

/**
 * The appointments a mediator is booked for, to come or held, from today for a month unless told otherwise:
 * those of cases in their reach, as the agenda shows them.
 */
export async function myAppointments(
  platform: Platform,
  caller: Caller,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const range = dayRange(query.from, query.to, { from: platform.clock.today(), days: 30 });
  const booked = await appointmentStore.appointments(db, {
    organisationId: actor.organisationId,
    mediatorId: actor.userId,
    from: startOfDayInRome(range.from.toString()),
    to: endOfDayInRome(range.to.toString()),
  });
  const rows = await appointmentsWithinReach(
    db,
    actor,
    booked.filter((row) => !NO_LONGER_BOOKED.has(row.status)),
  );
  await auditRead(db, platform.clock, caller, 'appointment_agenda', actor.organisationId, {
    from: range.from.toString(),
    to: range.to.toString(),
    mine: true,
    shown: rows.length,
  });
  return appointmentViews(db, rows);
}
