import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../portal/languages.ts';
import { PORTAL_LANGUAGES } from '../contract.ts';
import {
  doorOpen,
  mayOffer,
  normaliseTicketCode,
  offerExpiry,
  offersFor,
  printedTicketCode,
  seatsFor,
} from './rules.ts';
import { newTicketCode } from './ticket-codes.ts';

describe('event seats', () => {
  it('gives the free seats to the first arrivals and the waitlist to the rest', () => {
    expect(seatsFor(4, 10, 8, 0)).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED', 'WAITLISTED']);
    expect(seatsFor(2, 10, 10, 0)).toEqual(['WAITLISTED', 'WAITLISTED']);
    expect(seatsFor(0, 10, 0, 0)).toEqual([]);
  });

  it('lets nobody skip the waitlist, even with a seat free', () => {
    expect(seatsFor(1, 10, 9, 1)).toEqual(['WAITLISTED']);
  });

  it('offers freed seats to as many of the waitlist as there are seats', () => {
    expect(offersFor(10, 9, 5)).toBe(1);
    expect(offersFor(10, 7, 2)).toBe(2);
    expect(offersFor(10, 10, 5)).toBe(0);
    expect(offersFor(10, 12, 5)).toBe(0);
  });

  it('offers no seat in the last two hours before the session', () => {
    const startsAt = new Date('2026-05-01T20:30:00Z');
    expect(mayOffer(new Date('2026-05-01T18:30:00Z'), startsAt)).toBe(true);
    expect(mayOffer(new Date('2026-05-01T18:31:00Z'), startsAt)).toBe(false);
    expect(mayOffer(new Date('2026-05-01T20:40:00Z'), startsAt)).toBe(false);
  });

  it('opens the door three hours before the session, until it ends', () => {
    const session = { startsAt: new Date('2026-05-01T18:30:00Z'), endsAt: new Date('2026-05-01T20:00:00Z') };
    expect(doorOpen(new Date('2026-05-01T15:29:00Z'), session)).toBe(false);
    expect(doorOpen(new Date('2026-05-01T15:30:00Z'), session)).toBe(true);
    expect(doorOpen(new Date('2026-05-01T19:59:00Z'), session)).toBe(true);
    expect(doorOpen(new Date('2026-05-01T20:00:00Z'), session)).toBe(false);
  });

  it('makes an offer last the event’s hours, and shorter close to the date', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(offerExpiry(now, new Date('2026-05-20T10:00:00Z'), 48).toISOString()).toBe(
      '2026-05-03T10:00:00.000Z',
    );
    expect(offerExpiry(now, new Date('2026-05-02T10:00:00Z'), 48).toISOString()).toBe(
      '2026-05-01T22:00:00.000Z',
    );
    expect(offerExpiry(now, new Date('2026-05-01T09:00:00Z'), 48).toISOString()).toBe(now.toISOString());
  });
});

describe('ticket codes', () => {
  it('reads back what it prints, whatever the case, spaces and dashes', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newTicketCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(normaliseTicketCode(printedTicketCode(code).toLowerCase())).toBe(code);
      expect(normaliseTicketCode(` ${code.slice(0, 3)} ${code.slice(3)} `)).toBe(code);
    }
  });

  it('reads letters mistaken for figures as the figures, and refuses what is not a code', () => {
    expect(normaliseTicketCode('io1l-abcd')).toBe('1011ABCD');
    expect(normaliseTicketCode('ABCD-EFG')).toBeNull();
    expect(normaliseTicketCode('ABCD-EFGU')).toBeNull();
    expect(normaliseTicketCode('<script>')).toBeNull();
  });
});

describe('the events’ languages', () => {
  it('are the portal’s', () => {
    expect([...PORTAL_LANGUAGES].sort()).toEqual(LANGUAGES.map((language) => language.code).sort());
  });
});
