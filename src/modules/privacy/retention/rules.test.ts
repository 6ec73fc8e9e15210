import { describe, expect, it } from 'vitest';
import { appliedMonths, minimumMonths, retentionCutoff, scheduleErrors } from './rules.ts';

describe('retention cutoff', () => {
  it.each([
    ['2026-03-02T09:00:00+01:00', 12, '2025-03-02T09:00:00+01:00'],
    ['2026-03-31T10:00:00+02:00', 1, '2026-02-28T10:00:00+01:00'],
    ['2028-03-31T10:00:00+02:00', 1, '2028-02-29T10:00:00+01:00'],
    ['2036-06-01T12:00:00+02:00', 120, '2026-06-01T12:00:00+02:00'],
    ['2026-11-15T08:00:00+01:00', 6, '2026-05-15T08:00:00+02:00'],
  ])('from %s back %i months is %s (calendar months, Rome time)', (now, months, cutoff) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(new Date(cutoff).toISOString());
  });
});

describe('retention schedule checks', () => {
  it('accepts whole months from 1 to 1200 and a legal basis of 3 to 2000 characters', () => {
    expect(scheduleErrors({ months: 1, legalBasis: 'GDPR' })).toEqual([]);
    expect(scheduleErrors({ months: 1200, legalBasis: 'x'.repeat(2000) })).toEqual([]);
  });

  it.each([0, 1201, 12.5, -3])('refuses %s months, naming the field', (months) => {
    expect(scheduleErrors({ months, legalBasis: 'Art. 6 GDPR' })).toEqual([
      { path: 'body.months', message: expect.stringContaining('mesi') },
    ]);
  });

  it('refuses less than the minimum of the kind, naming the minimum in words', () => {
    expect(scheduleErrors({ months: 119, legalBasis: 'Art. 2946 c.c.' }, 120)).toEqual([
      {
        path: 'body.months',
        message: 'Per questo tipo di dati la conservazione non può essere inferiore a 10 anni',
      },
    ]);
    expect(scheduleErrors({ months: 1, legalBasis: 'GDPR' }, 18)[0]?.message).toContain('18 mesi');
    expect(scheduleErrors({ months: 120, legalBasis: 'Art. 2946 c.c.' }, 120)).toEqual([]);
    expect(scheduleErrors({ months: 1201, legalBasis: 'GDPR' }, 120)[0]?.message).toContain('tra 1 e 1200');
  });

  it('applies at least the minimum of the kind, whatever the schedule says', () => {
    expect(appliedMonths({ minMonths: 120 }, 1)).toBe(120);
    expect(appliedMonths({ minMonths: 120 }, 240)).toBe(240);
    expect(appliedMonths({}, 1)).toBe(1);
    expect(minimumMonths({})).toBe(1);
  });

  it('refuses a legal basis too short once trimmed, or too long', () => {
    for (const legalBasis of ['  ab  ', 'x'.repeat(2001)])
      expect(scheduleErrors({ months: 12, legalBasis })).toEqual([
        { path: 'body.legalBasis', message: expect.stringContaining('base giuridica') },
      ]);
  });
});
