import { Temporal } from 'temporal-polyfill';

export const LEGAL_TIME_ZONE = 'Europe/Rome';

/** Where time comes from. Rules take dates as arguments; services read them from the clock. */
export interface Clock {
  now(): Date;
  /** Today's date in Europe/Rome: the day that counts for legal time limits. */
  today(): Temporal.PlainDate;
  /**
   * Milliseconds on a clock that never goes backwards, from an arbitrary origin: for the age of caches, time
   * limits and waits, which a change of the wall clock must not stretch or cut short.
   */
  monotonic(): number;
}

function todayInRome(instant: Date): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate();
}

/** The legal day (`YYYY-MM-DD`, Europe/Rome) an instant falls on: 23:30 UTC on 31 March is 1 April in Lodi. */
export function dayInRome(instant: Date): string {
  return todayInRome(instant).toString();
}

// The day changes at most once a minute: computing it through time-zone rules on every request is wasteful.
let cachedMinute = Number.NaN;
let cachedToday: Temporal.PlainDate | undefined;

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    if (minute !== cachedMinute || !cachedToday) {
      cachedToday = todayInRome(new Date(now));
      cachedMinute = minute;
    }
    return cachedToday;
  },
  monotonic: () => performance.now(),
};

/**
 * A clock that stands still until moved: for tests and for replaying events. Its monotonic reading starts at
 * zero and goes forward by as much as the clock is moved forward; moving it back leaves that reading where it is.
 */
export class SettableClock implements Clock {
  #instant: Date;
  #elapsed = 0;

  constructor(start: Date | string) {
    this.#instant = new Date(start);
  }

  now(): Date {
    return new Date(this.#instant);
  }

  today(): Temporal.PlainDate {
    return todayInRome(this.#instant);
  }

  monotonic(): number {
    return this.#elapsed;
  }

  set(instant: Date | string): void {
    const next = new Date(instant);
    const forward = next.getTime() - this.#instant.getTime();
    if (forward > 0) this.#elapsed += forward;
    this.#instant = next;
  }

  advance(milliseconds: number): void {
    this.set(new Date(this.#instant.getTime() + milliseconds));
  }
}

/** The instant a legal day (`YYYY-MM-DD`) begins in Europe/Rome. */
export function startOfDayInRome(day: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime(LEGAL_TIME_ZONE).epochMilliseconds);
}

/** The instant the day after a legal day begins in Europe/Rome. */
export function endOfDayInRome(day: string): Date {
  return startOfDayInRome(Temporal.PlainDate.from(day).add({ days: 1 }).toString());
}
