import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  holidayOn,
  holidaysIn,
  isWorkingDay,
  nextWorkingDay,
  workingDayOnOrAfter,
} from './calendar.ts';
import { LODI_CALENDAR, LODI_PATRON_DAYS, officeCalendar } from './law.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const NO_PATRON = officeCalendar([]);
const LODI_SATURDAY_OFF = officeCalendar(LODI_PATRON_DAYS, false);

describe('Easter', () => {
  it.each([
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('falls in %i on %s', (year, expected) => {
    expect(easterSunday(year).toString()).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(easter.dayOfWeek).toBe(7);
        expect(Temporal.PlainDate.compare(easter, day(`${year}-03-22`))).toBeGreaterThanOrEqual(0);
        expect(Temporal.PlainDate.compare(easter, day(`${year}-04-25`))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('public holidays', () => {
  it('lists the holidays of 2026 in Lodi, Easter Monday on 6 April and San Bassiano on 19 January', () => {
    expect(holidaysIn(2026, LODI_CALENDAR).map((holiday) => holiday.date.toString())).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-01-19',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(holidayOn(day('2026-04-06'), LODI_CALENDAR)?.name).toBe("Lunedì dell'Angelo");
  });

  it('puts Easter Monday 2027 on 29 March', () => {
    expect(holidayOn(day('2027-03-29'), LODI_CALENDAR)?.kind).toBe('EASTER');
    expect(isWorkingDay(day('2027-03-29'), LODI_CALENDAR)).toBe(false);
    expect(isWorkingDay(day('2027-03-30'), LODI_CALENDAR)).toBe(true);
  });

  it("makes San Bassiano a holiday only where it is the patron's day", () => {
    // 19 January 2026 is a Monday.
    expect(isWorkingDay(day('2026-01-19'), LODI_CALENDAR)).toBe(false);
    expect(isWorkingDay(day('2026-01-19'), NO_PATRON)).toBe(true);
  });

  it('observes a holiday only from the day it is valid from', () => {
    // L. 151/2025: 4 October is a national holiday from 2026; on Friday 4 October 2024 offices were open.
    expect(isWorkingDay(day('2024-10-04'), LODI_CALENDAR)).toBe(true);
    expect(isWorkingDay(day('2027-10-04'), LODI_CALENDAR)).toBe(false);
  });

  it('keeps a fixed holiday on 29 February out of the years that lack it', () => {
    const leapDay = officeCalendar([
      {
        kind: 'FIXED',
        month: 2,
        day: 29,
        name: 'Giorno bisestile',
        validFrom: '2000-01-01',
        legalBasis: 'test',
      },
    ]);
    expect(holidaysIn(2027, leapDay).some((holiday) => holiday.date.month === 2)).toBe(false);
    expect(holidaysIn(2028, leapDay).some((holiday) => holiday.date.toString() === '2028-02-29')).toBe(true);
    expect(isWorkingDay(day('2028-02-29'), leapDay)).toBe(false);
    expect(isWorkingDay(day('2027-03-01'), leapDay)).toBe(true);
  });
});

describe('working days', () => {
  it('never treats a Sunday as a working day', () => {
    expect(isWorkingDay(day('2026-05-10'), LODI_CALENDAR)).toBe(false);
  });

  it('treats Saturday as a working day unless the calendar says otherwise', () => {
    expect(isWorkingDay(day('2026-05-02'), LODI_CALENDAR)).toBe(true);
    expect(isWorkingDay(day('2026-05-02'), LODI_SATURDAY_OFF)).toBe(false);
  });

  it('finds the next working day past Christmas and a weekend', () => {
    // Friday 24 December 2027 → Christmas on Saturday, Sunday 26 → Monday 27.
    expect(nextWorkingDay(day('2027-12-24'), LODI_CALENDAR).toString()).toBe('2027-12-27');
  });

  it('skips Easter Monday 2026 and, with Saturdays off, the Saturday before it', () => {
    expect(nextWorkingDay(day('2026-04-03'), LODI_CALENDAR).toString()).toBe('2026-04-04');
    expect(nextWorkingDay(day('2026-04-03'), LODI_SATURDAY_OFF).toString()).toBe('2026-04-07');
  });

  it('leaves a working day where it is and moves any other day forward', () => {
    expect(workingDayOnOrAfter(day('2026-04-07'), LODI_CALENDAR).toString()).toBe('2026-04-07');
    expect(workingDayOnOrAfter(day('2026-01-19'), LODI_CALENDAR).toString()).toBe('2026-01-20');
  });

  it('lands on a working day with only non-working days skipped', () => {
    const anyDay = fc.integer({ min: 0, max: 3650 }).map((offset) => day('2024-01-01').add({ days: offset }));
    const anyCalendar = fc.constantFrom(LODI_CALENDAR, LODI_SATURDAY_OFF, NO_PATRON);
    fc.assert(
      fc.property(anyDay, anyCalendar, (date, calendar) => {
        const next = nextWorkingDay(date, calendar);
        expect(isWorkingDay(next, calendar)).toBe(true);
        for (let skipped = date.add({ days: 1 }); !skipped.equals(next); skipped = skipped.add({ days: 1 })) {
          expect(isWorkingDay(skipped, calendar)).toBe(false);
        }
      }),
    );
  });
});
