/**
 * A convened meeting moved to another date or place, or cancelled, by the secretariat with a reason. Each
 * change raises the calendar entry's sequence, and the participants get the updated entry (or its
 * cancellation) after the change has committed.
 */
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { cancelInput, rescheduleInput } from '../contract.ts';
import { MEETING_NOT_FOUND } from '../service.ts';
import * as store from '../store.ts';
import { sendInvitations } from './invitations.ts';

const ONLY_CONVENED = {
  CANCELLED: 'La seduta è già stata annullata.',
  HELD: 'La seduta si è già tenuta: non si sposta né si annulla.',
} as const;

async function lockConvened(db: Parameters<typeof store.lockMeeting>[0], id: string) {
  const meeting = await store.lockMeeting(db, id);
  if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
  if (meeting.status !== 'CONVENED') throw new Conflict(ONLY_CONVENED[meeting.status]);
  return meeting;
}

/** Moves a convened meeting: new date and place, the answers given so far cleared, invitations sent again. */
export async function rescheduleMeeting(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof rescheduleInput>,
) {
  if (new Date(input.startsAt) <= platform.clock.now())
    throw new Invalid([{ path: 'body.startsAt', message: 'la seduta deve essere nel futuro' }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const meeting = await lockConvened(db, id);
    const changes = {
      startsAt: new Date(input.startsAt),
      place: input.place ?? null,
      onlineUrl: input.onlineUrl ?? null,
      sequence: meeting.sequence + 1,
    };
    await store.updateMeeting(db, id, changes);
    await store.clearAnswers(db, id);
    await audit({
      kind: 'change',
      action: 'council.meeting.reschedule',
      entityType: 'council_meeting',
      entityId: id,
      before: {
        startsAt: meeting.startsAt.toISOString(),
        place: meeting.place,
        onlineUrl: meeting.onlineUrl,
        sequence: meeting.sequence,
      },
      after: { ...changes, startsAt: input.startsAt, reason: input.reason },
    });
    await sendInvitations(platform, unit, id, { kind: 'moved', reason: input.reason });
  });
}

/** Cancels a convened meeting: it then takes no answers, register, minutes or documents. */
export async function cancelMeeting(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof cancelInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const meeting = await lockConvened(db, id);
    const changes = {
      status: 'CANCELLED' as const,
      cancelReason: input.reason,
      sequence: meeting.sequence + 1,
    };
    await store.updateMeeting(db, id, changes);
    await audit({
      kind: 'change',
      action: 'council.meeting.cancel',
      entityType: 'council_meeting',
      entityId: id,
      before: { status: meeting.status, sequence: meeting.sequence },
      after: changes,
    });
    await sendInvitations(platform, unit, id, { kind: 'cancelled', reason: input.reason });
  });
}
