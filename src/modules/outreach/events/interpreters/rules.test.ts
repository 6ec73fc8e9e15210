import { describe, expect, it } from 'vitest';
import { choosableMediators } from './contract.ts';
import { lettersForChange } from './rules.ts';

const amina = { id: 'a', name: 'Amina El Idrissi', languages: ['ar', 'fr'] };
const oksana = { id: 'o', name: 'Oksana Kovalenko', languages: ['ru', 'uk'] };
const blerina = { id: 'b', name: 'Blerina Dervishi', languages: ['en', 'fr', 'sq'] };

describe('the mediators offered for a language', () => {
  it.each([
    ['ar', ['a'], false],
    ['fr', ['a', 'b'], false],
    ['uk', ['o'], false],
    ['lis', ['a', 'o', 'b'], true],
    ['bn', ['a', 'o', 'b'], true],
  ])('for %s offers %j (fallback: %s)', (language, ids, isFallback) => {
    const offered = choosableMediators([amina, oksana, blerina], language);
    expect(offered.mediators.map((mediator) => mediator.id)).toEqual(ids);
    expect(offered.isFallback).toBe(isFallback);
  });

  it('offers nobody when the office has no mediators', () => {
    expect(choosableMediators([], 'ar')).toEqual({ mediators: [], isFallback: true });
  });
});

describe('who is told of a change', () => {
  it.each([
    [
      { mediatorId: 'a', note: null },
      { mediatorId: 'b', note: null },
      { removed: true, assigned: true, changed: false },
    ],
    [
      { mediatorId: 'a', note: null },
      { mediatorId: 'a', note: 'prima' },
      { removed: false, assigned: false, changed: true },
    ],
    [
      { mediatorId: 'a', note: 'x' },
      { mediatorId: 'a', note: 'x' },
      { removed: false, assigned: false, changed: false },
    ],
  ])('from %j to %j', (before, after, told) => {
    expect(lettersForChange(before, after)).toEqual(told);
  });
});
