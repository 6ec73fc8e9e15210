/**
 * The appointment grid of a desk: its opening windows cut into slots, minus closed days, the past and what
 * is already booked. Pure: the calendar, the current instant and the bookings come in as arguments.
 */
import { Temporal } from 'temporal-polyfill';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { type HolidayCalendar, holidayOn } from '../law/calendar.ts';

/** One opening window on an ISO weekday (1 Monday … 7 Sunday), times `HH:MM` in Europe/Rome. */
export type OpeningWindow = { weekday: number; opens: string; closes: string; slotMinutes: number };
export type Slot = { startsAt: Temporal.ZonedDateTime; endsAt: Temporal.ZonedDateTime };
/** A booked interval, in epoch milliseconds. */
export type Booking = { startsAt: number; endsAt: number };

const SUNDAY = 7;

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Why a desk is closed on a day although it has opening hours then, or null when it opens. */
export function closedBecause(date: Temporal.PlainDate, calendar: HolidayCalendar): string | null {
  // Public offices do not receive on Sundays, a public holiday under L. 260/1949.
  if (date.dayOfWeek === SUNDAY) return 'domenica';
  return holidayOn(date, calendar)?.name ?? null;
}

/** Every slot of a desk on a day, free or not, in time order. */
export function gridOn(
  date: Temporal.PlainDate,
  openings: readonly OpeningWindow[],
  calendar: HolidayCalendar,
): Slot[] {
  if (closedBecause(date, calendar) !== null) return [];
  return openings
    .filter((window) => window.weekday === date.dayOfWeek)
    .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens))
    .flatMap((window) => {
      const opens = date.toZonedDateTime({ timeZone: LEGAL_TIME_ZONE, plainTime: window.opens });
      const closes = date.toZonedDateTime({ timeZone: LEGAL_TIME_ZONE, plainTime: window.closes });
      const slots: Slot[] = [];
      for (
        let startsAt = opens;
        Temporal.ZonedDateTime.compare(startsAt.add({ minutes: window.slotMinutes }), closes) <= 0;
        startsAt = startsAt.add({ minutes: window.slotMinutes })
      )
        slots.push({ startsAt, endsAt: startsAt.add({ minutes: window.slotMinutes }) });
      return slots;
    });
}

export const overlaps = (slot: Slot, booking: Booking) =>
  slot.startsAt.epochMilliseconds < booking.endsAt && booking.startsAt < slot.endsAt.epochMilliseconds;

/**
 * The free slots of a desk from one day to another, both included: on the grid, starting after `now`, and
 * overlapping no booking.
 */
export function freeSlots(input: {
  openings: readonly OpeningWindow[];
  calendar: HolidayCalendar;
  from: Temporal.PlainDate;
  to: Temporal.PlainDate;
  now: number;
  booked: readonly Booking[];
  limit?: number;
}): Slot[] {
  const free: Slot[] = [];
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  for (
    let date = input.from;
    Temporal.PlainDate.compare(date, input.to) <= 0 && free.length < limit;
    date = date.add({ days: 1 })
  ) {
    for (const slot of gridOn(date, input.openings, input.calendar)) {
      if (slot.startsAt.epochMilliseconds <= input.now) continue;
      if (input.booked.some((booking) => overlaps(slot, booking))) continue;
      free.push(slot);
      if (free.length >= limit) break;
    }
  }
  return free;
}

/** Slots in time order, grouped by their day in Europe/Rome: one group per day that has any. */
export function slotsByDay(slots: readonly Slot[]): Slot[][] {
  const dayOf = (slot: Slot) => slot.startsAt.withTimeZone(LEGAL_TIME_ZONE).toPlainDate();
  const days: Slot[][] = [];
  for (const slot of slots) {
    const last = days.at(-1);
    const previous = last?.at(-1);
    if (last && previous && dayOf(previous).equals(dayOf(slot))) last.push(slot);
    else days.push([slot]);
  }
  return days;
}

/** The slot of the grid that starts at an instant, if the grid has one. */
export function slotStartingAt(
  startsAt: number,
  openings: readonly OpeningWindow[],
  calendar: HolidayCalendar,
): Slot | undefined {
  const date = Temporal.Instant.fromEpochMilliseconds(startsAt)
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate();
  return gridOn(date, openings, calendar).find((slot) => slot.startsAt.epochMilliseconds === startsAt);
}

/** Mistakes in a desk's opening hours: a window shorter than one slot, two windows of a day that overlap. */
export function openingProblems(openings: readonly OpeningWindow[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  openings.forEach((window, index) => {
    const length = minutesOf(window.closes) - minutesOf(window.opens);
    if (length <= 0)
      problems.push({ index, message: 'l’orario di chiusura deve seguire quello di apertura' });
    else if (length < window.slotMinutes)
      problems.push({ index, message: 'la fascia oraria è più breve di un appuntamento' });
    const clash = openings.findIndex(
      (other, j) =>
        j < index &&
        other.weekday === window.weekday &&
        minutesOf(other.opens) < minutesOf(window.closes) &&
        minutesOf(window.opens) < minutesOf(other.closes),
    );
    if (clash >= 0)
      problems.push({ index, message: `si sovrappone alla fascia n. ${clash + 1} dello stesso giorno` });
  });
  return problems;
}

/** An instant as Europe/Rome wall time with its offset (`2026-03-03T09:00:00+01:00`): what the API shows. */
export function romeTime(instant: Date | Temporal.ZonedDateTime): string {
  const zoned =
    instant instanceof Date
      ? Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE)
      : instant.withTimeZone(LEGAL_TIME_ZONE);
  return zoned.toString({ timeZoneName: 'never', fractionalSecondDigits: 0 });
}
