import { describe, expect, it } from 'vitest';
import { SettableClock } from './clock.ts';

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

  it('stands still until set or advanced', () => {
    const clock = new SettableClock('2026-03-02T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
    clock.advance(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:30:00.000Z');
    clock.set('2026-04-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
