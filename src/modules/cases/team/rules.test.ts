import { describe, expect, it } from 'vitest';
import { isAvailable, type MediatorCandidate, proposeMediators } from './rules.ts';

const TUESDAY_TEN = { weekday: 2, from: '10:00', to: '10:30' };

const mediator = (over: Partial<MediatorCandidate> & { id: string }): MediatorCandidate => ({
  name: `Mediatore ${over.id}`,
  languages: [{ language: 'ar', level: 'NATIVE' }],
  availability: [],
  isBusy: false,
  ...over,
});

describe('availability of a mediator', () => {
  it.each([
    { windows: [], at: TUESDAY_TEN, expected: true },
    { windows: [{ weekday: 2, from: '09:00', to: '13:00' }], at: TUESDAY_TEN, expected: true },
    { windows: [{ weekday: 2, from: '10:00', to: '10:30' }], at: TUESDAY_TEN, expected: true },
    { windows: [{ weekday: 2, from: '10:15', to: '13:00' }], at: TUESDAY_TEN, expected: false },
    { windows: [{ weekday: 2, from: '08:00', to: '10:15' }], at: TUESDAY_TEN, expected: false },
    { windows: [{ weekday: 3, from: '08:00', to: '18:00' }], at: TUESDAY_TEN, expected: false },
  ])('windows $windows at $at.from: $expected', ({ windows, at, expected }) => {
    expect(isAvailable(windows, at)).toBe(expected);
  });
});

describe('mediators proposed for an appointment', () => {
  it('proposes who speaks the language and is free, and says why the others are not proposed', () => {
    const result = proposeMediators(
      [
        mediator({ id: 'a' }),
        mediator({ id: 'b', languages: [{ language: 'uk', level: 'C2' }] }),
        mediator({ id: 'c', availability: [{ weekday: 1, from: '08:30', to: '13:00' }] }),
        mediator({ id: 'd', isBusy: true }),
      ],
      'ar',
      TUESDAY_TEN,
    );
    expect(result.proposed).toEqual([{ id: 'a', name: 'Mediatore a', level: 'NATIVE' }]);
    expect(result.notProposed).toEqual([
      { id: 'b', name: 'Mediatore b', reason: 'Non parla arabo' },
      { id: 'c', name: 'Mediatore c', reason: 'Non disponibile martedì dalle 10:00 alle 10:30' },
      { id: 'd', name: 'Mediatore d', reason: 'Ha già un appuntamento in quell’orario' },
    ]);
  });

  it('without a language, proposes every free mediator', () => {
    const result = proposeMediators(
      [mediator({ id: 'a' }), mediator({ id: 'b', languages: [] })],
      null,
      TUESDAY_TEN,
    );
    expect(result.proposed.map((m) => m.id)).toEqual(['a', 'b']);
    expect(result.notProposed).toEqual([]);
  });
});
