/** Public holidays and working days for legal terms. Pure: the holidays come in as data (see `law.ts`). */
import { Temporal } from 'temporal-polyfill';

/** A public holiday as data: a fixed day of the year, or a day counted from Easter Sunday. */
export type HolidayRule = {
  name: string;
  /** First day on which the holiday is observed, `YYYY-MM-DD`. */
  validFrom: string;
  legalBasis: string;
} & ({ kind: 'FIXED'; month: number; day: number } | { kind: 'EASTER'; daysAfterEaster: number });

/** The days an office treats as non-working, beyond Sundays. */
export type HolidayCalendar = {
  holidays: readonly HolidayRule[];
  /** Whether a term that ends on a Saturday stays there (true) or moves to the next working day (false). */
  saturdayIsWorkingDay: boolean;
};

export type Holiday = { date: Temporal.PlainDate; name: string };

const SATURDAY = 6;
const SUNDAY = 7;

/** Easter Sunday in the Gregorian calendar, by the anonymous algorithm of Meeus, Jones and Butcher. */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

function isObserved(rule: HolidayRule, date: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(date, Temporal.PlainDate.from(rule.validFrom)) >= 0;
}

function fallsOn(rule: HolidayRule, date: Temporal.PlainDate): boolean {
  if (rule.kind === 'FIXED') return rule.month === date.month && rule.day === date.day;
  return easterSunday(date.year).add({ days: rule.daysAfterEaster }).equals(date);
}

/** The date a rule falls on in a year, or null for a fixed day the year lacks (29 February). */
function dateInYear(rule: HolidayRule, year: number): Temporal.PlainDate | null {
  if (rule.kind === 'EASTER') return easterSunday(year).add({ days: rule.daysAfterEaster });
  const month = Temporal.PlainYearMonth.from({ year, month: rule.month });
  if (rule.day > month.daysInMonth) return null;
  return Temporal.PlainDate.from({ year, month: rule.month, day: rule.day });
}

/** The holiday rule that makes a date a public holiday, if any. */
export function holidayOn(date: Temporal.PlainDate, calendar: HolidayCalendar): HolidayRule | undefined {
  return calendar.holidays.find((rule) => fallsOn(rule, date) && isObserved(rule, date));
}

/** Every public holiday of a year in date order (two rules on one day give two entries). */
export function holidaysIn(year: number, calendar: HolidayCalendar): Holiday[] {
  return calendar.holidays
    .map((rule) => ({ date: dateInYear(rule, year), name: rule.name, rule }))
    .filter((entry): entry is typeof entry & { date: Temporal.PlainDate } => entry.date !== null)
    .filter((entry) => isObserved(entry.rule, entry.date))
    .map(({ date, name }) => ({ date, name }))
    .sort((x, y) => Temporal.PlainDate.compare(x.date, y.date));
}

export function isHoliday(date: Temporal.PlainDate, calendar: HolidayCalendar): boolean {
  return holidayOn(date, calendar) !== undefined;
}

export function isWorkingDay(date: Temporal.PlainDate, calendar: HolidayCalendar): boolean {
  if (date.dayOfWeek === SUNDAY) return false;
  if (date.dayOfWeek === SATURDAY && !calendar.saturdayIsWorkingDay) return false;
  return !isHoliday(date, calendar);
}

/** Why a day is not a working day, in words (the holiday's name, domenica, sabato), or null for a working day. */
export function nonWorkingReason(date: Temporal.PlainDate, calendar: HolidayCalendar): string | null {
  const holiday = holidayOn(date, calendar);
  if (holiday) return holiday.name;
  if (date.dayOfWeek === SUNDAY) return 'domenica';
  if (date.dayOfWeek === SATURDAY && !calendar.saturdayIsWorkingDay) return 'sabato';
  return null;
}

/** The first working day strictly after a date. */
export function nextWorkingDay(date: Temporal.PlainDate, calendar: HolidayCalendar): Temporal.PlainDate {
  let day = date.add({ days: 1 });
  while (!isWorkingDay(day, calendar)) day = day.add({ days: 1 });
  return day;
}

/** The date itself when it is a working day, otherwise the next working day: where a term ends. */
export function workingDayOnOrAfter(date: Temporal.PlainDate, calendar: HolidayCalendar): Temporal.PlainDate {
  return isWorkingDay(date, calendar) ? date : nextWorkingDay(date, calendar);
}
