/**
 * The applicant's window for observations after a preavviso di rigetto (art. 10-bis L. 241/1990): 10 days from
 * the receipt of the notice, not from its sending; the last day moves off a Sunday or holiday like every term.
 * Pure: the events, the calendar and today are arguments.
 */
import { Temporal } from 'temporal-polyfill';
import type { HolidayCalendar } from '../law/calendar.ts';
import { type CaseEvent, lastDayForObservations } from '../law/deadlines.ts';

type PlainDate = Temporal.PlainDate;

export type ObservationWindow =
  /** No notice was sent. */
  | { state: 'NO_NOTICE' }
  /** Sent, but its receipt is not recorded: the window has not started and the office cannot decide. */
  | { state: 'AWAITING_RECEIPT'; sentOn: PlainDate }
  /** The applicant may still file observations, up to `lastDay` included. */
  | { state: 'OPEN'; sentOn: PlainDate; receivedOn: PlainDate; lastDay: PlainDate }
  /** The window is over without observations: the office may decide. */
  | { state: 'CLOSED'; sentOn: PlainDate; receivedOn: PlainDate; lastDay: PlainDate }
  /** Observations came: the office may decide, giving its reasons on them. */
  | { state: 'OBSERVATIONS_FILED'; sentOn: PlainDate; filedOn: PlainDate };

const compare = Temporal.PlainDate.compare;

const LONG_DATE = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric' });
/** A legal day as staff read it: "16 marzo 2026". */
export const longDate = (date: PlainDate) => LONG_DATE.format(new Date(date.year, date.month - 1, date.day));

/** Where the window of the latest notice stands on `today`. Events of one day are taken in the order given. */
export function observationWindowOn(
  events: readonly CaseEvent[],
  observationDays: number,
  calendar: HolidayCalendar,
  today: PlainDate,
): ObservationWindow {
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => compare(a.event.on, b.event.on) || a.index - b.index)
    .map(({ event }) => event);
  const noticeAt = ordered.findLastIndex((event) => event.kind === 'REJECTION_NOTICE_SENT');
  const notice = ordered[noticeAt];
  if (!notice) return { state: 'NO_NOTICE' };
  const after = ordered.slice(noticeAt + 1);
  const sentOn = notice.on;
  const observations = after.find((event) => event.kind === 'OBSERVATIONS_RECEIVED');
  if (observations) return { state: 'OBSERVATIONS_FILED', sentOn, filedOn: observations.on };
  const receipt = after.find((event) => event.kind === 'REJECTION_NOTICE_RECEIVED');
  if (!receipt) return { state: 'AWAITING_RECEIPT', sentOn };
  const lastDay = lastDayForObservations(receipt.on, observationDays, calendar);
  // the office may decide only once the last day has ended
  const state = compare(today, lastDay) > 0 ? 'CLOSED' : 'OPEN';
  return { state, sentOn, receivedOn: receipt.on, lastDay };
}

/** Whether the office may decide on the notice's grounds now. */
export const mayDecideAfterNotice = (window: ObservationWindow) =>
  window.state === 'CLOSED' || window.state === 'OBSERVATIONS_FILED';
