/**
 * The rules of an event's seats, without the database: who gets a seat and who waits, how long an offer of a
 * freed seat lasts, and the ticket codes read at the door.
 */
import { Temporal } from 'temporal-polyfill';
import { endOfDayInRome, LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';

/** The statuses that hold a seat: confirmed, or offered and not yet answered. */
export const HOLDS_SEAT = ['CONFIRMED', 'OFFERED'] as const;
/** The statuses of a registration still alive: the same address cannot register again beside one. */
export const LIVE = ['CONFIRMED', 'WAITLISTED', 'OFFERED', 'PENDING'] as const;

/** Whether a session's time still takes registrations: before its closing time and before it starts. */
export const takesRegistrations = (session: { registrationUntil: Date; startsAt: Date }, now: Date) =>
  now < session.registrationUntil && now < session.startsAt;

/**
 * Seats for registrations arriving in order: a seat while one is free and nobody waits, the waitlist after.
 * Nobody skips the list: with anyone waiting (even while a freed seat is offered), a newcomer waits too.
 */
export function seatsFor(
  arrivals: number,
  capacity: number,
  held: number,
  waiting: number,
): ('CONFIRMED' | 'WAITLISTED')[] {
  const free = waiting > 0 ? 0 : Math.max(0, capacity - held);
  return Array.from({ length: arrivals }, (_, index) => (index < free ? 'CONFIRMED' : 'WAITLISTED'));
}

/** How many of the waitlist are offered a seat: as many as the seats free, first come first offered. */
export const offersFor = (capacity: number, held: number, waiting: number) =>
  Math.max(0, Math.min(waiting, capacity - held));

const HOUR = 3_600_000;
/** No seat is offered when less than this is left before the session: the offer could not be answered. */
export const LAST_OFFER_HOURS = 2;

/** The door opens this long before a session: earlier, a ticket is not yet admitted. */
export const DOOR_OPENS_HOURS = 3;

/** Whether a ticket of a session may be admitted now: from the door's opening to the session's end. */
export const doorOpen = (now: Date, session: { startsAt: Date; endsAt: Date }) =>
  now.getTime() >= session.startsAt.getTime() - DOOR_OPENS_HOURS * HOUR && now < session.endsAt;

/** Whether a freed seat may still be offered: not once the session is about to start. */
export const mayOffer = (now: Date, startsAt: Date) =>
  startsAt.getTime() - now.getTime() >= LAST_OFFER_HOURS * HOUR;

/**
 * Until when an offer of a freed seat holds: the event's hours, but never past half the time left before the
 * session starts, so that if it lapses the next in the list still has time to answer.
 */
export function offerExpiry(now: Date, startsAt: Date, offerHours: number): Date {
  const full = now.getTime() + offerHours * HOUR;
  const half = now.getTime() + Math.max(0, startsAt.getTime() - now.getTime()) / 2;
  return new Date(Math.min(full, half));
}

/** Letters and figures that cannot be misread for one another (no I, L, O, U), as Crockford's base 32. */
export const TICKET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_CODE_LENGTH = 8;

/** The code as printed: two groups of four. */
export const printedTicketCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A code typed at the door or read from a QR: case, spaces and dashes ignored, I/L read as 1, O as 0. */
export function normaliseTicketCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== TICKET_CODE_LENGTH) return null;
  return [...code].every((char) => TICKET_ALPHABET.includes(char)) ? code : null;
}

/** An instant on the Prefettura's clock, typed as a day and a time. */
export function romeInstant(day: string, time: string): Date {
  return new Date(
    Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(LEGAL_TIME_ZONE).epochMilliseconds,
  );
}

/** Registration closes at the end of its last day; the day before the session when none is given. */
export function registrationCloses(day: string, until: string | null | undefined): Date {
  return endOfDayInRome(until ?? Temporal.PlainDate.from(day).subtract({ days: 1 }).toString());
}
