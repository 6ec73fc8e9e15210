/**
 * The rules of training: who may attend a track, who gets a place and who waits, when a check-in code is
 * good, how many hours count and who completes a course. Time and data come in as arguments.
 */
import { Temporal } from 'temporal-polyfill';
import type { OrganisationType } from '../identity/contract.ts';
import type { EnrolmentStatus, Track } from './contract.ts';

/** The organisations of each track: public bodies, and the private social sector (Third Sector). */
const PUBLIC_BODIES: readonly OrganisationType[] = [
  'PREFECTURE',
  'POLICE_HQ',
  'LABOUR_INSPECTORATE',
  'MUNICIPALITY',
  'HEALTH_SERVICE',
  'UNIVERSITY_SCHOOL',
];
const THIRD_SECTOR: readonly OrganisationType[] = ['THIRD_SECTOR', 'COOPERATIVE'];

/** Whether the staff of an organisation of this type may attend a course of the track. */
export function isEligible(track: Track, organisationType: string): boolean {
  if (track === 'BOTH') return true;
  const types: readonly string[] = track === 'PUBLIC' ? PUBLIC_BODIES : THIRD_SECTOR;
  return types.includes(organisationType);
}

/** Where a new request lands: a place while the edition has one free, the waitlist after. */
export function placeFor(capacity: number, enrolled: number): Exclude<EnrolmentStatus, 'CANCELLED'> {
  return enrolled < capacity ? 'ENROLLED' : 'WAITLISTED';
}

type Waiting = { id: string; requestedAt: Date };

/** The waitlist in its order: first come, first served (ties by id, which grows with time). */
export function waitlistOrder<T extends Waiting>(waiting: readonly T[]): T[] {
  return [...waiting].sort(
    (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** How many of the waiting move up when places free: as many as there are free places. */
export function promotable<T extends Waiting>(
  waiting: readonly T[],
  capacity: number,
  enrolled: number,
): T[] {
  return waitlistOrder(waiting).slice(0, Math.max(0, capacity - enrolled));
}

/** A day and time on the Prefettura's clock; a time the clocks skip (spring forward) moves on by the gap. */
const romeInstant = (day: string, time: string) =>
  Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime('Europe/Rome');

/** A session's start and end on the Prefettura's clock, typed as a day and two times. */
export function sessionInstants(
  day: string,
  startTime: string,
  endTime: string,
): { startsAt: Date; endsAt: Date } {
  const at = (time: string) => new Date(romeInstant(day, time).epochMilliseconds);
  return { startsAt: at(startTime), endsAt: at(endTime) };
}

/**
 * When a time of a day never shows on the Prefettura's clocks (the hour skipped for summer time), the gap it
 * falls in, as the clocks read it (`02:00` to `03:00`); null for a time that exists.
 */
export function skippedHour(day: string, time: string): { from: string; to: string } | null {
  const plain = Temporal.PlainDateTime.from(`${day}T${time}`);
  const zoned = romeInstant(day, time);
  if (zoned.toPlainDateTime().equals(plain)) return null;
  const change = zoned.startOfDay().getTimeZoneTransition('next');
  if (!change) return null;
  const before = change.subtract({ nanoseconds: 1 });
  const gap = change.offsetNanoseconds - before.offsetNanoseconds;
  const clock = (at: Temporal.PlainDateTime) => at.toPlainTime().toString({ smallestUnit: 'minute' });
  return {
    from: clock(change.toPlainDateTime().subtract({ nanoseconds: gap })),
    to: clock(change.toPlainDateTime()),
  };
}

/** The start and end times of sessions that fall in the hour skipped for summer time, each with its field. */
export function skippedTimeFaults(
  sessions: readonly { day: string; startTime: string; endTime: string }[],
): { path: string; message: string }[] {
  return sessions.flatMap((session, index) =>
    (['startTime', 'endTime'] as const).flatMap((field) => {
      const gap = skippedHour(session.day, session[field]);
      return gap
        ? [
            {
              path: `body.sessions.${index}.${field}`,
              message: `orario inesistente per il cambio dell’ora legale: quel giorno alle ${gap.from} gli orologi passano alle ${gap.to}`,
            },
          ]
        : [];
    }),
  );
}

/** The hours of a session, to the quarter of an hour. */
export function sessionHours(session: { startsAt: Date; endsAt: Date }): number {
  const minutes = (session.endsAt.getTime() - session.startsAt.getTime()) / 60_000;
  return Math.round(minutes / 15) / 4;
}

/** Whether the hours attended reach the course's share of the edition's hours (e.g. 75 %). */
export function isComplete(hoursAttended: number, totalHours: number, completionPercent: number): boolean {
  return totalHours > 0 && hoursAttended * 100 >= totalHours * completionPercent;
}

/** A check-in code lasts 30 seconds on the trainer's screen. */
export const CODE_SECONDS = 30;

/** The 30-second window an instant falls in: the code of the window is what the screen shows then. */
export function codeWindow(at: Date): number {
  return Math.floor(at.getTime() / (CODE_SECONDS * 1000));
}

/** When the code of a window gives way to the next. */
export function windowEndsAt(window: number): Date {
  return new Date((window + 1) * CODE_SECONDS * 1000);
}

/**
 * The windows whose code is still good at an instant: the current one, and the one before it, so that a code
 * read off the screen a moment before it changed still works while it is typed or scanned.
 */
export function acceptedWindows(at: Date): [number, number] {
  const current = codeWindow(at);
  return [current, current - 1];
}

export type CheckInRefusal = 'not-started' | 'ended';

/** Whether a session takes check-ins at an instant: only while it runs. */
export function checkInRefusal(session: { startsAt: Date; endsAt: Date }, at: Date): CheckInRefusal | null {
  if (at < session.startsAt) return 'not-started';
  if (at >= session.endsAt) return 'ended';
  return null;
}
