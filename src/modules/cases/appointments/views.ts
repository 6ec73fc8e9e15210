/** Reading appointments: one, a case's, a desk's agenda, a mediator's own. */
import type { Caller } from '../../../kernel/auth.ts';
import { endOfDayInRome, startOfDayInRome } from '../../../kernel/clock.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import {
  APPOINTMENT_PURPOSES,
  APPOINTMENT_STATUSES,
  type AppointmentPurpose,
  type AppointmentView,
} from './contract.ts';
import { actorOf, dayRange } from './desks.ts';
import { romeTime } from './slots.ts';
import * as appointmentStore from './store.ts';

export function appointmentView(row: appointmentStore.AppointmentRow): AppointmentView {
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
    letterSentAt: row.letterSentAt?.toISOString() ?? null,
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
  const [row] = await appointmentStore.appointments(platform.database.db, {
    organisationId: actor.organisationId,
    id,
  });
  if (!row) throw new NotFound('L’appuntamento non esiste o non è accessibile.');
  return appointmentView(row);
}

export async function caseAppointments(platform: Platform, caller: Caller, caseId: string) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const kase = await store.findCase(db, actor.organisationId, caseId);
  if (!kase) throw new NotFound('La pratica non esiste o non è accessibile.');
  const rows = await appointmentStore.appointments(db, { organisationId: actor.organisationId, caseId });
  await auditRead(db, platform.clock, caller, 'case', caseId, { appointments: rows.length });
  return rows.map(appointmentView);
}

/** The office's appointments between two days (today when not given), at one desk or all. */
export async function agenda(
  platform: Platform,
  caller: Caller,
  query: { from?: string | undefined; to?: string | undefined; deskId?: string | undefined },
) {
  const actor = actorOf(caller);
  const range = dayRange(query.from, query.to, { from: platform.clock.today(), days: 0 });
  const rows = await appointmentStore.appointments(platform.database.db, {
    organisationId: actor.organisationId,
    ...(query.deskId ? { deskId: query.deskId } : {}),
    from: startOfDayInRome(range.from.toString()),
    to: endOfDayInRome(range.to.toString()),
  });
  await auditRead(platform.database.db, platform.clock, caller, 'appointment_agenda', actor.organisationId, {
    from: range.from.toString(),
    to: range.to.toString(),
    shown: rows.length,
  });
  return rows.map(appointmentView);
}

/** The appointments a mediator is booked for, from today for a month unless told otherwise. */
export async function myAppointments(
  platform: Platform,
  caller: Caller,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const actor = actorOf(caller);
  const range = dayRange(query.from, query.to, { from: platform.clock.today(), days: 30 });
  const rows = await appointmentStore.appointments(platform.database.db, {
    organisationId: actor.organisationId,
    mediatorId: actor.userId,
    from: startOfDayInRome(range.from.toString()),
    to: endOfDayInRome(range.to.toString()),
  });
  return rows.map(appointmentView);
}
