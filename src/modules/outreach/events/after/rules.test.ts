import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificateNumber,
  followUpRecipients,
  openingProblem,
  REQUEST_DAYS,
  requestState,
  requestsUntil,
} from './rules.ts';

const ENDED = new Date('2026-04-18T22:00:00+02:00');
const NOW = new Date('2026-05-02T10:00:00+02:00');
const OPEN = { requestsUntil: new Date('2026-07-01T10:00:00+02:00') };

describe('a request for an attendance certificate', () => {
  const standing = { sessionEndsAt: ENDED, checkIns: 1, opening: OPEN, certificate: null };

  it.each([
    ['may be made by someone checked in, once opened, in time', standing, 'mayRequest'],
    ['finds the certificate issued before', { ...standing, certificate: { revokedAt: null } }, 'issued'],
    ['finds it revoked', { ...standing, certificate: { revokedAt: ENDED } }, 'revoked'],
    ['waits for the end of the session', { ...standing, sessionEndsAt: new Date('2026-05-03') }, 'notEnded'],
    ['is refused to someone never checked in', { ...standing, checkIns: 0 }, 'absent'],
    ['waits for the staff to open the certificates', { ...standing, opening: null }, 'notOpen'],
    ['is refused once the window closed', { ...standing, opening: { requestsUntil: NOW } }, 'closed'],
  ] as const)('%s', (_, given, expected) => {
    expect(requestState(given, NOW)).toBe(expected);
  });

  it('stays open for the days decided, from the opening', () => {
    expect(requestsUntil(new Date('2026-04-20T09:00:00Z'))).toEqual(new Date('2026-07-19T09:00:00Z'));
    expect(REQUEST_DAYS).toBe(90);
  });
});

describe('opening the certificates of a session', () => {
  it('waits for its end and happens once', () => {
    expect(openingProblem({ endsAt: ENDED }, false, NOW)).toBeNull();
    expect(openingProblem({ endsAt: NOW }, false, ENDED)).toBe(
      'Gli attestati si aprono quando la data è conclusa.',
    );
    expect(openingProblem({ endsAt: ENDED }, true, NOW)).toBe(
      'Gli attestati di questa data sono già aperti.',
    );
  });
});

describe('certificate numbers', () => {
  it('name the province, the register, the year and six figures', () => {
    expect(certificateNumber('LO', 2026, 42)).toBe('LO-EVT-2026-000042');
  });
});

describe('the follow-up questionnaire', () => {
  const people = [
    { registrationId: 'a', email: 'anna@example.org', checkIns: 1 },
    { registrationId: 'b', email: 'bruno@example.org', checkIns: 0 },
    { registrationId: 'c', email: 'Anna@Example.org', checkIns: 2 },
  ];

  it('goes to those checked in, or to every confirmed person, once per address', () => {
    expect(followUpRecipients(people, 'CHECKED_IN').map((p) => p.registrationId)).toEqual(['a']);
    expect(followUpRecipients(people, 'CONFIRMED').map((p) => p.registrationId)).toEqual(['a', 'b']);
  });

  it('never invites an address twice nor anyone absent when only those present are asked', () => {
    const person = fc.record({
      registrationId: fc.uuid(),
      email: fc.constantFrom('a@x.it', 'b@x.it', 'A@x.it', 'c@x.it'),
      checkIns: fc.nat(2),
    });
    fc.assert(
      fc.property(fc.array(person), fc.constantFrom('CHECKED_IN', 'CONFIRMED'), (given, audience) => {
        const chosen = followUpRecipients(given, audience);
        const addresses = chosen.map((p) => p.email.toLowerCase());
        expect(new Set(addresses).size).toBe(addresses.length);
        if (audience === 'CHECKED_IN') expect(chosen.every((p) => p.checkIns > 0)).toBe(true);
        else expect(new Set(addresses)).toEqual(new Set(given.map((p) => p.email.toLowerCase())));
      }),
    );
  });
});
