import { describe, expect, it } from 'vitest';
import { dayInRome, SettableClock, systemClock } from './clock.ts';

describe('clock', () => {
  it('gives the legal day in Europe/Rome, not in UTC', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Rome (UTC+1).
    const clock = new SettableClock('2026-12-31T23:30:00Z');
    expect(clock.today().toString()).toBe('2027-01-01');
  });

  it('follows summer time', () => {
    // 22:30 UTC on 27 June is 00:30 on the 28th in Rome (UTC+2).
    expect(new SettableClock('2026-06-27T22:30:00Z').today().toString()).toBe('2026-06-28');
    expect(new SettableClock('2026-06-27T21:30:00Z').today().toString()).toBe('2026-06-27');
  });

  it('names the day an instant falls on in Rome: a document closed late at night bears the next day', () => {
    expect(dayInRome(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(dayInRome(new Date('2026-03-31T21:30:00Z'))).toBe('2026-03-31');
  });

  it('stands still until set or advanced', () => {
    const clock = new SettableClock('2026-03-02T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
    clock.advance(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    clock.set('2026-04-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('reads a system monotonic time that never goes backwards and moves on', () => {
    const readings = Array.from({ length: 20_000 }, () => systemClock.monotonic());
    const backwards = readings.filter(
      (reading, index) => index > 0 && reading < (readings[index - 1] as number),
    );
    expect(backwards).toEqual([]);
    const first = readings[0] as number;
    let last = first;
    while (last === first) last = systemClock.monotonic();
    expect(last).toBeGreaterThan(first);
  });

  it('moves the settable monotonic time only as far as the clock is moved forward', () => {
    const clock = new SettableClock('2026-03-02T08:00:00Z');
    const start = clock.monotonic();
    expect(clock.monotonic()).toBe(start);
    clock.advance(1500);
    expect(clock.monotonic()).toBe(start + 1500);
    clock.set('2026-03-02T09:00:00Z');
    expect(clock.monotonic()).toBe(start + 60 * 60 * 1000);
    // The wall clock set back (a replay, a correction): the monotonic time stays, then goes on from there.
    clock.set('2026-03-01T00:00:00Z');
    clock.advance(-5000);
    expect(clock.monotonic()).toBe(start + 60 * 60 * 1000);
    clock.advance(250);
    expect(clock.now().toISOString()).toBe('2026-02-28T23:59:55.250Z');
    expect(clock.monotonic()).toBe(start + 60 * 60 * 1000 + 250);
  });
});
