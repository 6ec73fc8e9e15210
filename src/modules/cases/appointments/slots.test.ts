import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { LODI_CALENDAR } from '../law/law.ts';
import { freeSlots, gridOn, openingProblems, romeTime, slotStartingAt, slotsByDay } from './slots.ts';

const day = (value: string) => Temporal.PlainDate.from(value);
const at = (value: string) => new Date(value).getTime();
const WEEKDAYS_MORNING = [1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opens: '09:00',
  closes: '11:00',
  slotMinutes: 30,
}));
const times = (slots: ReturnType<typeof gridOn>) => slots.map((slot) => romeTime(slot.startsAt));

describe('the slot grid of a desk', () => {
  it('cuts each opening window into slots of its length, in Rome time', () => {
    const openings = [
      { weekday: 2, opens: '14:00', closes: '15:00', slotMinutes: 20 },
      { weekday: 2, opens: '09:00', closes: '10:00', slotMinutes: 30 },
    ];
    expect(times(gridOn(day('2026-03-03'), openings, LODI_CALENDAR))).toEqual([
      '2026-03-03T09:00:00+01:00',
      '2026-03-03T09:30:00+01:00',
      '2026-03-03T14:00:00+01:00',
      '2026-03-03T14:20:00+01:00',
      '2026-03-03T14:40:00+01:00',
    ]);
  });

  it('drops a last piece shorter than a slot', () => {
    const openings = [{ weekday: 1, opens: '09:00', closes: '10:10', slotMinutes: 30 }];
    expect(gridOn(day('2026-03-02'), openings, LODI_CALENDAR)).toHaveLength(2);
  });

  it('follows summer time: the same wall time is an hour earlier in UTC', () => {
    const [slot] = gridOn(day('2026-03-30'), WEEKDAYS_MORNING, LODI_CALENDAR);
    expect(slot && romeTime(slot.startsAt)).toBe('2026-03-30T09:00:00+02:00');
    expect(slot?.startsAt.epochMilliseconds).toBe(at('2026-03-30T07:00:00Z'));
  });

  it('is empty on Sundays, on Easter Monday and on the patron saint’s day, whatever the hours say', () => {
    const everyDay = [...WEEKDAYS_MORNING, { weekday: 7, opens: '09:00', closes: '11:00', slotMinutes: 30 }];
    expect(gridOn(day('2026-03-08'), everyDay, LODI_CALENDAR)).toEqual([]);
    expect(gridOn(day('2026-04-06'), everyDay, LODI_CALENDAR)).toEqual([]);
    expect(gridOn(day('2027-01-19'), everyDay, LODI_CALENDAR)).toEqual([]);
    expect(gridOn(day('2026-04-07'), everyDay, LODI_CALENDAR)).toHaveLength(4);
  });
});

describe('free slots', () => {
  it('leaves out the past and every slot a booking overlaps', () => {
    const free = freeSlots({
      openings: WEEKDAYS_MORNING,
      calendar: LODI_CALENDAR,
      from: day('2026-03-02'),
      to: day('2026-03-03'),
      now: at('2026-03-02T09:45:00+01:00'),
      booked: [
        { startsAt: at('2026-03-02T10:30:00+01:00'), endsAt: at('2026-03-02T11:00:00+01:00') },
        // booked on an older grid of 45 minutes: overlaps two slots of today's
        { startsAt: at('2026-03-03T09:15:00+01:00'), endsAt: at('2026-03-03T10:00:00+01:00') },
      ],
    });
    expect(times(free)).toEqual([
      '2026-03-02T10:00:00+01:00',
      '2026-03-03T10:00:00+01:00',
      '2026-03-03T10:30:00+01:00',
    ]);
  });

  it('stops at the limit', () => {
    const free = freeSlots({
      openings: WEEKDAYS_MORNING,
      calendar: LODI_CALENDAR,
      from: day('2026-03-02'),
      to: day('2026-12-31'),
      now: 0,
      booked: [],
      limit: 3,
    });
    expect(free).toHaveLength(3);
  });

  it('finds the slot a start time names, and none off the grid', () => {
    expect(slotStartingAt(at('2026-03-03T09:30:00+01:00'), WEEKDAYS_MORNING, LODI_CALENDAR)).toBeDefined();
    expect(slotStartingAt(at('2026-03-03T09:10:00+01:00'), WEEKDAYS_MORNING, LODI_CALENDAR)).toBeUndefined();
    expect(slotStartingAt(at('2026-03-08T09:00:00+01:00'), WEEKDAYS_MORNING, LODI_CALENDAR)).toBeUndefined();
  });
});

describe('opening hours', () => {
  it('names a window shorter than a slot and two windows of a day that overlap', () => {
    expect(
      openingProblems([
        { weekday: 1, opens: '09:00', closes: '12:00', slotMinutes: 30 },
        { weekday: 1, opens: '11:30', closes: '13:00', slotMinutes: 30 },
        { weekday: 2, opens: '09:00', closes: '09:20', slotMinutes: 30 },
        { weekday: 3, opens: '10:00', closes: '09:00', slotMinutes: 30 },
        { weekday: 2, opens: '11:30', closes: '13:00', slotMinutes: 30 },
      ]),
    ).toEqual([
      { index: 1, message: 'si sovrappone alla fascia n. 1 dello stesso giorno' },
      { index: 2, message: 'la fascia oraria è più breve di un appuntamento' },
      { index: 3, message: 'l’orario di chiusura deve seguire quello di apertura' },
    ]);
  });
});

describe('the free slots an applicant chooses from', () => {
  it('groups a month of free slots by day, every one of them, days without slots left out', () => {
    const free = freeSlots({
      openings: WEEKDAYS_MORNING,
      calendar: LODI_CALENDAR,
      from: day('2026-03-02'),
      to: day('2026-04-01'),
      now: at('2026-03-02T10:00:00+01:00'),
      booked: [{ startsAt: at('2026-03-03T09:00:00+01:00'), endsAt: at('2026-03-03T11:00:00+01:00') }],
    });
    const days = slotsByDay(free);
    expect(days.flat()).toEqual(free);
    // 2 March after 10:00, not 3 March (all booked), then 25 days from 4 March to 1 April without Sundays
    expect(days.length).toBe(26);
    expect(days[0]?.map((slot) => romeTime(slot.startsAt))).toEqual(['2026-03-02T10:30:00+01:00']);
    expect(days[1]?.map((slot) => romeTime(slot.startsAt))).toEqual([
      '2026-03-04T09:00:00+01:00',
      '2026-03-04T09:30:00+01:00',
      '2026-03-04T10:00:00+01:00',
      '2026-03-04T10:30:00+01:00',
    ]);
    // summer time from 29 March
    expect(days.at(-1)?.map((slot) => romeTime(slot.startsAt))[0]).toBe('2026-04-01T09:00:00+02:00');
    expect(slotsByDay([])).toEqual([]);
  });
});
