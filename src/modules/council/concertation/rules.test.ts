import { describe, expect, it } from 'vitest';
import { dayInWords, distinctBodies, heldOnFault, repeatedNames } from './rules.ts';

describe('the concertation log', () => {
  it('writes days in words', () => {
    expect(dayInWords('2026-03-12')).toBe('12 marzo 2026');
    expect(dayInWords('2026-12-01')).toBe('1 dicembre 2026');
  });

  it('takes entries up to today, not later', () => {
    expect(heldOnFault('2026-12-07', '2026-12-07')).toBeNull();
    expect(heldOnFault('2026-01-10', '2026-12-07')).toBeNull();
    expect(heldOnFault('2026-12-08', '2026-12-07')).toBe(
      'la data non può essere successiva a oggi (7 dicembre 2026)',
    );
  });

  it('finds a body written twice, whatever the spaces and capitals', () => {
    expect(repeatedNames(['ASST Lodi', 'Caritas', ' asst  lodi '])).toEqual([2]);
    expect(repeatedNames(['ASST Lodi', 'Caritas'])).toEqual([]);
  });

  it('counts each body met once', () => {
    expect(
      distinctBodies([
        { organisationIds: ['a', 'b'], otherOrganisations: ['Sindacato CGIL'] },
        { organisationIds: ['a'], otherOrganisations: ['sindacato  cgil', 'Parrocchia'] },
      ]),
    ).toBe(4);
    expect(distinctBodies([])).toBe(0);
  });
});
