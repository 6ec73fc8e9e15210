/**
 * Use cases of appointments: booking a free slot of a desk for a case (with a mediator when a language is
 * asked), recording whether the applicant came, rescheduling and cancelling. The appointment, the event on
 * the case timeline and the audit entry are written in one transaction; the letter goes after it commits.
 */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import {
  APPOINTMENT_PURPOSES,
  APPOINTMENT_STATUSES,
  type AppointmentView,
  type BookingInput,
  type cancelInput,
  type outcomeInput,
  type rescheduleInput,
} from './contract.ts';
import { type Convocation, cancellationLetter, convocationLetter, momentInItalian } from './convocations.ts';
import { actorOf } from './desks.ts';
import { caseForLetter, queueLetter } from './letters.ts';
import { warmLinkSigning } from './links.ts';
import { inBookingTransaction, place } from './placement.ts';
import * as appointmentStore from './store.ts';
import { getAppointment } from './views.ts';

const legalDayOf = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate();

const letterAt = (platform: Platform) => (convocation: Convocation) =>
  convocationLetter(convocation, platform.clock.now());

function caseEvent(
  platform: Platform,
  caller: Caller,
  event: {
    caseId: string;
    kind: string;
    onDay?: string;
    reason: string | null;
    data: Record<string, unknown>;
  },
) {
  const actor = actorOf(caller);
  return {
    id: newId(),
    caseId: event.caseId,
    at: platform.clock.now(),
    onDay: event.onDay ?? platform.clock.today().toString(),
    kind: event.kind,
    actorUserId: actor.userId,
    actorLabel: actor.email,
    reason: event.reason,
    data: JSON.stringify(event.data),
  };
}

const summary = (purpose: string, startsAt: Date, desk: { name: string }) =>
  `${APPOINTMENT_PURPOSES[purpose as keyof typeof APPOINTMENT_PURPOSES] ?? purpose}: ${momentInItalian(startsAt)}, ${desk.name}`;

export async function bookAppointment(
  platform: Platform,
  caller: Caller,
  caseId: string,
  input: BookingInput,
): Promise<AppointmentView> {
  const actor = actorOf(caller);
  const id = newId();
  const startsAt = new Date(input.startsAt);
  await warmLinkSigning(platform);
  await inBookingTransaction(platform, caller, { deskId: input.deskId, startsAt }, async (unit) => {
    const { db, audit } = unit;
    const kase = await caseForLetter(platform, db, actor.organisationId, caseId);
    if (!kase) throw new NotFound('La pratica non esiste o non è accessibile.');
    if (kase.row.closed) throw new Conflict('La pratica è chiusa: non si fissano appuntamenti.');
    const { desk, endsAt, mediatorId } = await place(platform, db, {
      organisationId: actor.organisationId,
      deskId: input.deskId,
      deskPath: 'body.deskId',
      startsAt,
      language: input.language ?? null,
      mediatorId: input.mediatorId ?? null,
      anyMediatorOfLanguage: false,
    });
    const row = {
      id,
      organisationId: actor.organisationId,
      deskId: desk.id,
      caseId,
      startsAt,
      endsAt,
      purpose: input.purpose,
      status: 'SCHEDULED' as const,
      documentsToBring: input.documentsToBring,
      recipientEmail: kase.recipient.email,
      viaPec: kase.recipient.viaPec,
      mediatorId,
      language: input.language ?? null,
      rescheduledFrom: null,
      createdAt: platform.clock.now(),
      createdBy: actor.userId,
    };
    await appointmentStore.insertAppointment(db, row);
    await store.insertEvent(
      db,
      caseEvent(platform, caller, {
        caseId,
        kind: 'APPOINTMENT_BOOKED',
        reason: summary(input.purpose, startsAt, desk),
        data: { appointmentId: id, deskId: desk.id, startsAt: startsAt.toISOString(), mediatorId },
      }),
    );
    await audit({
      kind: 'change',
      action: 'cases.appointment.book',
      entityType: 'appointment',
      entityId: id,
      before: null,
      after: {
        caseId,
        deskId: desk.id,
        startsAt: startsAt.toISOString(),
        purpose: input.purpose,
        mediatorId,
        language: row.language,
        recipientEmail: row.recipientEmail,
        viaPec: row.viaPec,
      },
    });
    await queueLetter(platform, unit, actor.organisationId, id, letterAt(platform), 'convocation');
  });
  return getAppointment(platform, caller, id);
}

async function lockScheduled(db: Db, organisationId: string, id: string) {
  const row = await appointmentStore.lockAppointment(db, organisationId, id);
  if (!row) throw new NotFound('L’appuntamento non esiste o non è accessibile.');
  if (row.status !== 'SCHEDULED')
    throw new Conflict(`L’appuntamento non è più programmato: è «${APPOINTMENT_STATUSES[row.status]}».`, {
      appointmentStatus: row.status,
    });
  return row;
}

/** Whether the applicant came: recorded from the appointment's start on, once. */
export async function recordOutcome(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof outcomeInput>,
): Promise<AppointmentView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await lockScheduled(db, actor.organisationId, id);
    if (row.startsAt.getTime() > platform.clock.now().getTime())
      throw new Conflict('L’esito di un appuntamento si registra dall’ora dell’appuntamento in poi.');
    await appointmentStore.updateAppointment(db, id, {
      status: input.outcome,
      outcomeNotes: input.notes ?? null,
    });
    if (row.caseId)
      await store.insertEvent(
        db,
        caseEvent(platform, caller, {
          caseId: row.caseId,
          kind: `APPOINTMENT_${input.outcome}`,
          onDay: legalDayOf(row.startsAt).toString(),
          reason: input.notes ?? null,
          data: { appointmentId: id, startsAt: row.startsAt.toISOString() },
        }),
      );
    await audit({
      kind: 'change',
      action: `cases.appointment.${input.outcome.toLowerCase()}`,
      entityType: 'appointment',
      entityId: id,
      before: { status: row.status },
      after: { status: input.outcome, notes: input.notes ?? null },
    });
  });
  return getAppointment(platform, caller, id);
}

/** Moves an appointment to another slot: a new appointment replaces it, and a new letter goes out. */
export async function rescheduleAppointment(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof rescheduleInput>,
): Promise<AppointmentView> {
  const actor = actorOf(caller);
  const replacementId = newId();
  const startsAt = new Date(input.startsAt);
  const target = { deskId: input.deskId ?? null, startsAt };
  await warmLinkSigning(platform);
  await inBookingTransaction(platform, caller, target, async (unit) => {
    const { db, audit } = unit;
    const old = await lockScheduled(db, actor.organisationId, id);
    target.deskId = input.deskId ?? old.deskId;
    if (target.deskId === old.deskId && startsAt.getTime() === old.startsAt.getTime())
      throw new Invalid([{ path: 'body.startsAt', message: 'è già l’orario dell’appuntamento' }]);
    if (old.caseId) {
      const kase = await store.findCase(db, actor.organisationId, old.caseId);
      if (kase?.closed) throw new Conflict('La pratica è chiusa: non si fissano appuntamenti.');
    }
    // Released first, so that the same mediator may follow the applicant to the new slot.
    await appointmentStore.updateAppointment(db, id, {
      status: 'RESCHEDULED',
      outcomeNotes: input.reason ?? null,
    });
    const { desk, endsAt, mediatorId } = await place(platform, db, {
      organisationId: actor.organisationId,
      deskId: target.deskId,
      deskPath: input.deskId ? 'body.deskId' : null,
      startsAt,
      language: old.language,
      mediatorId: old.mediatorId,
      anyMediatorOfLanguage: true,
    });
    await appointmentStore.insertAppointment(db, {
      ...old,
      id: replacementId,
      deskId: desk.id,
      startsAt,
      endsAt,
      status: 'SCHEDULED',
      mediatorId,
      rescheduledFrom: id,
      outcomeNotes: null,
      createdAt: platform.clock.now(),
      createdBy: actor.userId,
    });
    if (old.caseId)
      await store.insertEvent(
        db,
        caseEvent(platform, caller, {
          caseId: old.caseId,
          kind: 'APPOINTMENT_RESCHEDULED',
          reason: [summary(old.purpose, startsAt, desk), input.reason].filter(Boolean).join(' – '),
          data: { appointmentId: replacementId, rescheduledFrom: id, startsAt: startsAt.toISOString() },
        }),
      );
    await audit({
      kind: 'change',
      action: 'cases.appointment.reschedule',
      entityType: 'appointment',
      entityId: id,
      before: { status: 'SCHEDULED', deskId: old.deskId, startsAt: old.startsAt.toISOString() },
      after: {
        status: 'RESCHEDULED',
        replacedBy: replacementId,
        deskId: desk.id,
        startsAt: startsAt.toISOString(),
        mediatorId,
        reason: input.reason ?? null,
      },
    });
    await queueLetter(platform, unit, actor.organisationId, replacementId, letterAt(platform), 'convocation');
  });
  return getAppointment(platform, caller, replacementId);
}

/** Cancels an appointment and tells the applicant, when the appointment is still ahead. */
export async function cancelAppointment(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof cancelInput>,
): Promise<AppointmentView> {
  const actor = actorOf(caller);
  await warmLinkSigning(platform);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const old = await lockScheduled(db, actor.organisationId, id);
    await appointmentStore.updateAppointment(db, id, { status: 'CANCELLED', outcomeNotes: input.reason });
    if (old.caseId)
      await store.insertEvent(
        db,
        caseEvent(platform, caller, {
          caseId: old.caseId,
          kind: 'APPOINTMENT_CANCELLED',
          reason: input.reason,
          data: { appointmentId: id, startsAt: old.startsAt.toISOString() },
        }),
      );
    await audit({
      kind: 'change',
      action: 'cases.appointment.cancel',
      entityType: 'appointment',
      entityId: id,
      before: { status: 'SCHEDULED' },
      after: { status: 'CANCELLED', reason: input.reason },
    });
    if (old.startsAt.getTime() > platform.clock.now().getTime())
      await queueLetter(
        platform,
        unit,
        actor.organisationId,
        id,
        (convocation) => cancellationLetter(convocation, input.reason, platform.clock.now()),
        'cancellation',
      );
  });
  return getAppointment(platform, caller, id);
}
