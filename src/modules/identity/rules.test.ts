import { describe, expect, it } from 'vitest';
import {
  type AttemptPolicy,
  countFailure,
  delayAfterFailures,
  firstOrganisation,
  fiscalCodeFromClaim,
  isSessionLive,
  safeReturnPath,
  secondmentFaults,
  secondsToWait,
  slowedUntil,
} from './rules.ts';

describe('sign-in rules', () => {
  it('keeps a return path inside LOVIT and refuses anything that could leave it', () => {
    expect(safeReturnPath('/pratiche?stato=aperte')).toBe('/pratiche?stato=aperte');
    for (const bad of [
      '//evil.example',
      '/\t/evil.example',
      '/\\evil.example',
      'https://evil.example',
      '',
      42,
      '/\r\nx',
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
    expect(safeReturnPath('/a/../../b')).toBe('/b');
  });

  it('reads the fiscal code of SPID (TINIT- prefix) and of CIE, and nothing else', () => {
    expect(fiscalCodeFromClaim('TINIT-RSSMRA80A01F205X')).toBe('RSSMRA80A01F205X');
    expect(fiscalCodeFromClaim('rssmra80a01f205x')).toBe('RSSMRA80A01F205X');
    expect(fiscalCodeFromClaim('TINIT-123')).toBeNull();
    expect(fiscalCodeFromClaim(undefined)).toBeNull();
  });

  it('ends a session at its absolute expiry, after the idle timeout, or when revoked', () => {
    const lifetime = { idleMinutes: 30, maxHours: 12 };
    const now = new Date('2026-03-02T12:00:00Z');
    const live = {
      expiresAt: new Date('2026-03-02T20:00:00Z'),
      lastSeenAt: new Date('2026-03-02T11:31:00Z'),
      revokedAt: null,
    };
    expect(isSessionLive(live, now, lifetime)).toBe(true);
    expect(isSessionLive({ ...live, lastSeenAt: new Date('2026-03-02T11:30:00Z') }, now, lifetime)).toBe(
      false,
    );
    expect(isSessionLive({ ...live, expiresAt: now }, now, lifetime)).toBe(false);
    expect(isSessionLive({ ...live, revokedAt: now }, now, lifetime)).toBe(false);
  });
});

describe('delays between failed attempts', () => {
  const policy: AttemptPolicy = {
    freeFailures: 4,
    firstDelaySeconds: 30,
    maxDelaySeconds: 900,
    freeFailuresEverywhere: 20,
    ceilingSeconds: 60,
    forgetAfterMinutes: 1440,
  };
  const now = new Date('2026-03-02T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const count = (failures: number, secondsAgo = 0) => ({ failures, lastFailureAt: ago(secondsAgo) });

  it.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [9, 480],
    [10, 900],
    [40, 900],
  ])('after %i failures from one address waits %i seconds', (failures, seconds) => {
    expect(delayAfterFailures(failures, 4, 30, 900)).toBe(seconds);
    expect(secondsToWait(policy, now, count(failures), null)).toBe(seconds);
  });

  it.each([
    ['a new address, whatever fails elsewhere', null, count(10_000), 0],
    ['an address with one failure, below the free failures everywhere', count(1), count(20), 0],
    ['an address with one failure, past them', count(1), count(21), 30],
    ['an address with one failure, however many elsewhere: the ceiling', count(1), count(10_000), 60],
    ['an address past its own free failures, above the ceiling', count(8), count(10_000), 240],
    ['an address whose wait is half over', count(5, 12), null, 18],
    ['an address whose wait is over', count(5, 31), null, 0],
    ['an address whose failures are forgotten', count(40, 1441 * 60), null, 0],
  ])('%s waits as long as it must', (_, fromAddress, everywhere, seconds) => {
    expect(secondsToWait(policy, now, fromAddress, everywhere)).toBe(seconds);
  });

  it('counts a failure on top of the live ones, from one after a forgotten run', () => {
    expect(countFailure(null, now, policy)).toEqual({ failures: 1, lastFailureAt: now });
    expect(countFailure(count(3, 60), now, policy)).toEqual({ failures: 4, lastFailureAt: now });
    expect(countFailure(count(9, 1441 * 60), now, policy)).toEqual({ failures: 1, lastFailureAt: now });
  });

  it('tells until when the slowest of the addresses that failed must wait', () => {
    expect(slowedUntil(policy, now, [count(5, 10), count(6, 10), count(1)], null)).toEqual(ago(-50));
    expect(slowedUntil(policy, now, [count(5, 40)], null)).toBeNull();
    expect(slowedUntil(policy, now, [], count(10_000))).toBeNull();
  });
});

describe('secondment', () => {
  const COOP = 'coop';
  const PREF = 'pref';

  it('accepts the legal expert and mediators seconded from an organisation where they hold a role', () => {
    expect(
      secondmentFaults([
        { organisationId: COOP, role: 'mediator' },
        { organisationId: PREF, role: 'mediator', secondedFrom: COOP },
      ]),
    ).toEqual([]);
  });

  it.each([
    {
      role: 'sui_manager' as const,
      from: COOP,
      message: 'solo l’esperto legale e i mediatori possono lavorare in distacco',
    },
    {
      role: 'legal_expert' as const,
      from: PREF,
      message: 'l’ente di provenienza deve essere diverso da quello del distacco',
    },
    {
      role: 'legal_expert' as const,
      from: 'elsewhere',
      message: 'indicare anche il ruolo della persona nel suo ente di provenienza',
    },
  ])('refuses $role seconded from $from', ({ role, from, message }) => {
    expect(
      secondmentFaults([
        { organisationId: COOP, role: 'legal_expert' },
        { organisationId: PREF, role, secondedFrom: from },
      ]),
    ).toEqual([{ path: 'memberships.1.secondedFrom', message }]);
  });

  it('signs a seconded person in where they work, unless they last worked elsewhere', () => {
    const own = { organisationId: COOP, secondedFrom: null, createdAt: new Date('2026-01-01') };
    const seconded = { organisationId: PREF, secondedFrom: COOP, createdAt: new Date('2026-02-01') };
    expect(firstOrganisation([own, seconded], undefined)).toBe(seconded);
    expect(firstOrganisation([own, seconded], COOP)).toBe(own);
    expect(firstOrganisation([own], undefined)).toBe(own);
  });
});
