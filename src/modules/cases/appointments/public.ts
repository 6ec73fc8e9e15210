/**
 * What the applicant does with the signed link of a convocation: read the appointment (each reading is in the
 * audit trail), confirm it, download it as `.ics`, or move it to another free slot of the same desk within the rules below. Each change is one
 * transaction with its case event and audit entry, so the SUI sees it on the case at once.
 */
import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { AppError, Conflict } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import { type Convocation, convocationIcs, convocationLetter } from './convocations.ts';
import { deskFreeSlots, requireDesk } from './desks.ts';
import { convocationOf, queueLetter } from './letters.ts';
import { checkAppointmentToken } from './links.ts';
import { place } from './placement.ts';
import { slotsByDay } from './slots.ts';
import * as appointmentStore from './store.ts';

/** How far the applicant may move an appointment alone; closer to it, or farther, they call the office. */
export const APPLICANT_MOVE_RULES = { noticeHours: 24, horizonDays: 30 };

export type LinkedAppointment = NonNullable<Awaited<ReturnType<typeof convocationOf>>>;
export type LinkRefusal = { ok: false; reason: 'invalid' | 'expired' };

async function linkedAppointment(platform: Platform, token: string) {
  const check = await checkAppointmentToken(platform, token);
  if (!check.ok) return check;
  const owner = await appointmentStore.findAppointmentOwner(platform.database.db, check.appointmentId);
  const found =
    owner && (await convocationOf(platform, platform.database.db, owner.organisationId, check.appointmentId));
  if (!found) return { ok: false as const, reason: 'invalid' as const };
  if (found.row.status !== 'SCHEDULED') return { ok: false as const, reason: 'expired' as const };
  return { ok: true as const, ...found };
}

/** Whether the applicant may still move it: not within the notice before it starts. */
export function movableNow(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() > APPLICANT_MOVE_RULES.noticeHours * 3_600_000;
}

/**
 * The appointment behind a link with every free slot it may move to, day by day, up to the last day of the
 * window (`until`); a refusal for a bad or spent link.
 */
export async function openAppointmentLink(platform: Platform, caller: Caller, token: string) {
  const found = await linkedAppointment(platform, token);
  if (!found.ok) return found;
  await auditRead(platform.database.db, platform.clock, caller, 'appointment', found.row.id, {
    channel: 'portal',
  });
  const now = platform.clock.now();
  const until = platform.clock.today().add({ days: APPLICANT_MOVE_RULES.horizonDays });
  if (!movableNow(found.row.startsAt, now)) return { ...found, movable: false, until, days: [] };
  const { db } = platform.database;
  const desk = await requireDesk(db, found.row.organisationId, found.row.deskId, null);
  const free = (await deskFreeSlots(platform, db, desk, { from: platform.clock.today(), to: until })).filter(
    (slot) => movableNow(new Date(slot.startsAt.epochMilliseconds), now),
  );
  const days = slotsByDay(free).map((slots) =>
    slots.map((slot) => new Date(slot.startsAt.epochMilliseconds)),
  );
  return { ...found, movable: true, until, days };
}

const APPLICANT = 'richiedente (link della convocazione)';

function applicantEvent(platform: Platform, caseId: string, kind: string, reason: string, data: object) {
  return {
    id: newId(),
    caseId,
    at: platform.clock.now(),
    onDay: platform.clock.today().toString(),
    kind,
    actorUserId: null,
    actorLabel: APPLICANT,
    reason,
    data: JSON.stringify(data),
  };
}

export async function confirmByLink(platform: Platform, caller: Caller, token: string) {
  const found = await linkedAppointment(platform, token);
  if (!found.ok) return found;
  const { row } = found;
  if (row.confirmedAt) return { ok: true as const, id: row.id };
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const locked = await appointmentStore.lockAppointment(db, row.organisationId, row.id);
    if (locked?.status !== 'SCHEDULED') throw new Conflict('L’appuntamento non è più programmato.');
    await appointmentStore.updateAppointment(db, row.id, { confirmedAt: platform.clock.now() });
    if (row.caseId)
      await store.insertEvent(
        db,
        applicantEvent(platform, row.caseId, 'APPOINTMENT_CONFIRMED', 'Confermato dal richiedente', {
          appointmentId: row.id,
        }),
      );
    await audit({
      kind: 'change',
      action: 'cases.appointment.confirm',
      entityType: 'appointment',
      entityId: row.id,
      before: { confirmedAt: null },
      after: { confirmedAt: platform.clock.now().toISOString() },
    });
  });
  return { ok: true as const, id: row.id };
}

const romeDay = (instant: number) =>
  Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate();

/**
 * Moves the appointment to another free slot of its desk: the old one is marked rescheduled, a new one
 * replaces it, and the new convocation (with its own link) goes out after the commit.
 */
export async function moveByLink(platform: Platform, caller: Caller, token: string, startsAt: Date) {
  const found = await linkedAppointment(platform, token);
  if (!found.ok) return found;
  const { row } = found;
  const now = platform.clock.now();
  if (!movableNow(row.startsAt, now)) return { ok: false as const, reason: 'too-late' as const };
  const horizon = platform.clock.today().add({ days: APPLICANT_MOVE_RULES.horizonDays });
  if (
    !movableNow(startsAt, now) ||
    Temporal.PlainDate.compare(romeDay(startsAt.getTime()), horizon) > 0 ||
    startsAt.getTime() === row.startsAt.getTime()
  )
    return { ok: false as const, reason: 'slot-taken' as const };
  const replacementId = newId();
  try {
    await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
      const { db, audit } = unit;
      const old = await appointmentStore.lockAppointment(db, row.organisationId, row.id);
      if (old?.status !== 'SCHEDULED') throw new Conflict('L’appuntamento non è più programmato.');
      await appointmentStore.updateAppointment(db, row.id, {
        status: 'RESCHEDULED',
        outcomeNotes: 'Spostato dal richiedente',
      });
      const placed = await place(platform, db, {
        organisationId: row.organisationId,
        deskId: row.deskId,
        deskPath: null,
        startsAt,
        language: old.language,
        mediatorId: old.mediatorId,
        anyMediatorOfLanguage: true,
      });
      const { deskName: _n, deskPlace: _p, caseNumber: _c, mediatorName: _m, ...stored } = row;
      await appointmentStore.insertAppointment(db, {
        ...stored,
        id: replacementId,
        startsAt,
        endsAt: placed.endsAt,
        status: 'SCHEDULED',
        mediatorId: placed.mediatorId,
        rescheduledFrom: row.id,
        outcomeNotes: null,
        confirmedAt: now,
        createdAt: now,
      });
      if (row.caseId)
        await store.insertEvent(
          db,
          applicantEvent(platform, row.caseId, 'APPOINTMENT_RESCHEDULED', 'Spostato dal richiedente', {
            appointmentId: replacementId,
            rescheduledFrom: row.id,
            startsAt: startsAt.toISOString(),
          }),
        );
      await audit({
        kind: 'change',
        action: 'cases.appointment.reschedule',
        entityType: 'appointment',
        entityId: row.id,
        before: { status: 'SCHEDULED', startsAt: row.startsAt.toISOString() },
        after: {
          status: 'RESCHEDULED',
          replacedBy: replacementId,
          startsAt: startsAt.toISOString(),
          by: 'applicant',
        },
      });
      const letter = (convocation: Convocation) => convocationLetter(convocation, now);
      await queueLetter(platform, unit, row.organisationId, replacementId, letter, 'convocation');
    });
  } catch (error) {
    // Taken meanwhile, off the grid, or no mediator free then: the unique indexes settle the races.
    const taken = (error as { code?: unknown }).code === '23505';
    if (taken || (error instanceof AppError && [400, 409].includes(error.status)))
      return { ok: false as const, reason: 'slot-taken' as const };
    throw error;
  }
  const replacement = await convocationOf(platform, platform.database.db, row.organisationId, replacementId);
  return {
    ok: true as const,
    id: replacementId,
    startsAt,
    manageUrl: replacement?.convocation.manageUrl ?? null,
  };
}

/** The calendar entry of the appointment behind a link. */
export async function icsByLink(platform: Platform, caller: Caller, token: string) {
  const found = await linkedAppointment(platform, token);
  if (!found.ok) return found;
  await auditRead(platform.database.db, platform.clock, caller, 'appointment', found.row.id, {
    channel: 'portal',
    format: 'ics',
  });
  return { ok: true as const, ics: convocationIcs(found.convocation, 'REQUEST', found.row.createdAt) };
}
