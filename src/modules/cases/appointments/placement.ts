/**
 * Where a booking goes: a free slot of a desk's grid and, when a language or a mediator is asked, a mediator
 * free at that time. Checked inside the booking's transaction; the unique indexes settle what races past it.
 */
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, type FieldError, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { calendarOf } from '../service.ts';
import { isMediatorAvailable } from '../team/mediators.ts';
import * as teamStore from '../team/store.ts';
import { languageName } from './convocations.ts';
import { actorOf, requireDesk, slotRefused } from './desks.ts';
import { slotStartingAt } from './slots.ts';
import * as appointmentStore from './store.ts';

const DESK_SLOT_INDEX = 'appointment_desk_slot_unique';
const MEDIATOR_SLOT_INDEX = 'appointment_mediator_slot_unique';

function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return e?.code === '23505' && (e.constraint === index || String(e.message).includes(index));
}

export type Placement = {
  organisationId: string;
  deskId: string;
  /** The field that named the desk, or null when it is the appointment's own. */
  deskPath: string | null;
  startsAt: Date;
  language: string | null;
  mediatorId: string | null;
  /** When the given mediator is busy, another who covers the language will do (rescheduling). */
  anyMediatorOfLanguage: boolean;
};

/** Checks that the start is a free slot of the desk's grid and reserves a mediator for it. */
export async function place(platform: Platform, db: Db, placement: Placement) {
  const desk = await requireDesk(db, placement.organisationId, placement.deskId, placement.deskPath);
  const startsAt = placement.startsAt;
  const slot = slotStartingAt(startsAt.getTime(), desk.openings, calendarOf(platform.config));
  if (!slot)
    throw await slotRefused(
      platform,
      db,
      desk,
      startsAt,
      'L’orario scelto non è un appuntamento dello sportello: giorno di chiusura o fuori dalla griglia degli orari.',
    );
  if (startsAt.getTime() <= platform.clock.now().getTime())
    throw await slotRefused(platform, db, desk, startsAt, 'L’orario scelto è già passato.');
  const endsAt = new Date(slot.endsAt.epochMilliseconds);
  if ((await appointmentStore.deskBookings(db, desk.id, startsAt, endsAt)).length)
    throw await slotRefused(platform, db, desk, startsAt, 'L’orario scelto è già prenotato.');
  const mediatorId = await reserveMediator(platform, db, placement, endsAt);
  return { desk, endsAt, mediatorId };
}

async function reserveMediator(platform: Platform, db: Db, placement: Placement, endsAt: Date) {
  const { organisationId, mediatorId, language } = placement;
  if (!mediatorId && !language) return null;
  const candidates: string[] = [];
  if (mediatorId) {
    if (!(await teamStore.isMediatorOf(db, organisationId, mediatorId)))
      throw new Invalid([{ path: 'body.mediatorId', message: 'non è un mediatore di questo ufficio' }]);
    if (language && !(await teamStore.languagesOf(db, mediatorId)).includes(language))
      throw new Invalid([
        { path: 'body.mediatorId', message: `il mediatore non copre la lingua ${languageName(language)}` },
      ]);
    candidates.push(mediatorId);
  }
  const byLanguage = language !== null && (!mediatorId || placement.anyMediatorOfLanguage);
  if (byLanguage) {
    const covering = await teamStore.mediators(db, organisationId, platform.clock.now(), language);
    if (covering.length === 0 && candidates.length === 0)
      throw new Invalid([
        {
          path: 'body.language',
          message: `nessun mediatore dell’ufficio copre la lingua ${languageName(language)}`,
        },
      ]);
    candidates.push(...covering.map((mediator) => mediator.id).filter((id) => id !== mediatorId));
  }
  // Every booking locks its candidates in the same order (by id), so two bookings never wait for each other.
  for (const id of [...candidates].sort()) await appointmentStore.lockMediator(db, id);
  for (const id of candidates)
    if (
      (await isMediatorAvailable(db, id, placement.startsAt, endsAt)) &&
      !(await appointmentStore.isMediatorBusy(db, id, placement.startsAt, endsAt))
    )
      return id;
  const field: FieldError = {
    path: byLanguage ? 'body.language' : 'body.mediatorId',
    message: 'mediatore non disponibile in quell’orario',
  };
  throw new Conflict(
    byLanguage && language
      ? `Nessun mediatore per la lingua ${languageName(language)} è libero in quell’orario: scegliere un altro orario.`
      : 'Il mediatore scelto è già impegnato in quell’orario.',
    {},
    [field],
  );
}

/**
 * Runs a booking. Two bookings of one slot that both found it free meet at the unique index: the one that
 * commits second is refused with the next free slots, like any other taken slot.
 */
export async function inBookingTransaction(
  platform: Platform,
  caller: Caller,
  target: { deskId: string | null; startsAt: Date },
  work: (unit: UnitOfWork) => Promise<void>,
): Promise<void> {
  const actor = actorOf(caller);
  try {
    await writeTransaction(platform.database.db, platform.clock, caller, work);
  } catch (error) {
    if (isUniqueViolation(error, DESK_SLOT_INDEX) && target.deskId) {
      const db = platform.database.db;
      const desk = await requireDesk(db, actor.organisationId, target.deskId, null);
      throw await slotRefused(
        platform,
        db,
        desk,
        target.startsAt,
        'L’orario scelto è stato appena prenotato.',
      );
    }
    if (isUniqueViolation(error, MEDIATOR_SLOT_INDEX))
      throw new Conflict(
        'Il mediatore è stato appena prenotato per quell’orario: scegliere un altro orario.',
        {},
        [{ path: 'body.startsAt', message: 'mediatore non disponibile in quell’orario' }],
      );
    throw error;
  }
}
