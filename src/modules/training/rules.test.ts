import { describe, expect, it } from 'vitest';
import { checkInCode, matchesWindow, normaliseCheckInCode } from './check-in.ts';
import {
  acceptedWindows,
  checkInRefusal,
  codeWindow,
  isComplete,
  isEligible,
  placeFor,
  promotable,
  sessionHours,
  sessionInstants,
  skippedHour,
  skippedTimeFaults,
  waitlistOrder,
  windowEndsAt,
} from './rules.ts';

describe('eligibility by track', () => {
  it.each([
    ['PUBLIC', 'MUNICIPALITY', true],
    ['PUBLIC', 'PREFECTURE', true],
    ['PUBLIC', 'COOPERATIVE', false],
    ['PRIVATE', 'THIRD_SECTOR', true],
    ['PRIVATE', 'COOPERATIVE', true],
    ['PRIVATE', 'POLICE_HQ', false],
    ['BOTH', 'OTHER', true],
    ['PUBLIC', 'OTHER', false],
    ['PUBLIC', 'HEALTH_SERVICE', true],
    ['PUBLIC', 'UNIVERSITY_SCHOOL', true],
    ['PRIVATE', 'HEALTH_SERVICE', false],
  ] as const)('%s is open to %s: %s', (track, type, expected) => {
    expect(isEligible(track, type)).toBe(expected);
  });
});

describe('capacity and waitlist', () => {
  it('gives a place while one is free, the waitlist after', () => {
    expect(placeFor(2, 0)).toBe('ENROLLED');
    expect(placeFor(2, 1)).toBe('ENROLLED');
    expect(placeFor(2, 2)).toBe('WAITLISTED');
  });

  const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
  const waiting = [
    { id: 'c', requestedAt: at(5) },
    { id: 'b', requestedAt: at(1) },
    { id: 'a', requestedAt: at(5) },
  ];

  it('orders the waitlist first come, first served, ties by id', () => {
    expect(waitlistOrder(waiting).map((entry) => entry.id)).toEqual(['b', 'a', 'c']);
  });

  it('promotes as many as there are free places, in order', () => {
    expect(promotable(waiting, 3, 3)).toEqual([]);
    expect(promotable(waiting, 3, 2).map((entry) => entry.id)).toEqual(['b']);
    expect(promotable(waiting, 5, 1).map((entry) => entry.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('hours and completion', () => {
  it('places a session on the Prefettura’s clock, summer time included', () => {
    expect(sessionInstants('2026-03-05', '09:00', '12:30').startsAt.toISOString()).toBe(
      '2026-03-05T08:00:00.000Z',
    );
    expect(sessionInstants('2026-07-01', '09:00', '12:30').endsAt.toISOString()).toBe(
      '2026-07-01T10:30:00.000Z',
    );
    expect(sessionHours(sessionInstants('2026-03-05', '09:00', '12:30'))).toBe(3.5);
  });

  it('completes at the course’s share of the hours, not below', () => {
    expect(isComplete(4.5, 6, 75)).toBe(true);
    expect(isComplete(4.25, 6, 75)).toBe(false);
    expect(isComplete(6, 6, 100)).toBe(true);
    expect(isComplete(0, 0, 75)).toBe(false);
  });
});

describe('rotating check-in codes', () => {
  const secret = 'segreto-di-prova';
  const session = '01900000-0000-7000-8000-000000000001';

  it('changes window every 30 seconds and accepts the current and the previous one', () => {
    const start = new Date('2026-03-05T08:00:00.000Z');
    expect(codeWindow(new Date(start.getTime() + 29_999))).toBe(codeWindow(start));
    expect(codeWindow(new Date(start.getTime() + 30_000))).toBe(codeWindow(start) + 1);
    expect(windowEndsAt(codeWindow(start)).getTime()).toBe(start.getTime() + 30_000);
    expect(acceptedWindows(start)).toEqual([codeWindow(start), codeWindow(start) - 1]);
  });

  it('derives a different code per window and per session, the same on every call', () => {
    const code = checkInCode(secret, session, 100);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(checkInCode(secret, session, 100)).toBe(code);
    expect(checkInCode(secret, session, 101)).not.toBe(code);
    expect(checkInCode(secret, '01900000-0000-7000-8000-000000000002', 100)).not.toBe(code);
    expect(checkInCode('altro-segreto', session, 100)).not.toBe(code);
  });

  it('matches a code only in the windows accepted', () => {
    const code = checkInCode(secret, session, 100);
    expect(matchesWindow(secret, session, code, [101, 100])).toBe(100);
    expect(matchesWindow(secret, session, code, [102, 101])).toBeNull();
  });

  it('reads a code as people type it', () => {
    expect(normaliseCheckInCode(' ab-c d0 e')).toBe('ABCD0E');
    expect(normaliseCheckInCode('ab-cd0')).toBeNull();
    expect(normaliseCheckInCode('abo1il')).toBe('AB0111');
    expect(normaliseCheckInCode('ABCDEFG')).toBeNull();
  });

  it('takes check-ins only while the session runs', () => {
    const times = sessionInstants('2026-03-05', '09:00', '12:00');
    expect(checkInRefusal(times, new Date('2026-03-05T07:59:59Z'))).toBe('not-started');
    expect(checkInRefusal(times, new Date('2026-03-05T08:00:00Z'))).toBeNull();
    expect(checkInRefusal(times, new Date('2026-03-05T11:00:00Z'))).toBe('ended');
  });
});

describe('the hour skipped for summer time', () => {
  it('names the gap of the last Sunday of March, and no other time', () => {
    expect(skippedHour('2026-03-29', '02:30')).toEqual({ from: '02:00', to: '03:00' });
    expect(skippedHour('2026-03-29', '02:00')).toEqual({ from: '02:00', to: '03:00' });
    expect(skippedHour('2026-03-29', '03:00')).toBeNull();
    expect(skippedHour('2026-03-29', '01:59')).toBeNull();
    expect(skippedHour('2026-10-25', '02:30')).toBeNull();
    expect(skippedHour('2026-03-28', '02:30')).toBeNull();
  });

  it('points at the start or end time that falls in it', () => {
    expect(
      skippedTimeFaults([
        { day: '2026-03-28', startTime: '02:15', endTime: '04:00' },
        { day: '2026-03-29', startTime: '01:30', endTime: '02:45' },
      ]),
    ).toEqual([
      {
        path: 'body.sessions.1.endTime',
        message:
          'orario inesistente per il cambio dell’ora legale: quel giorno alle 02:00 gli orologi passano alle 03:00',
      },
    ]);
  });
});
