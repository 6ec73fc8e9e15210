import { describe, expect, it } from 'vitest';
import { fiscalCodeFromClaim, isSessionLive, lockUntil, safeReturnPath } from './rules.ts';

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

  it('locks for fifteen minutes', () => {
    expect(lockUntil(new Date('2026-03-02T12:00:00Z')).toISOString()).toBe('2026-03-02T12:15:00.000Z');
  });
});
