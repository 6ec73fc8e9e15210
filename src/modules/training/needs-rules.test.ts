import { describe, expect, it } from 'vitest';
import { POOLED_GROUP, poolSmallGroups, topicLines } from './needs-rules.ts';

const group = (label: string, size: number) => ({
  label,
  members: Array.from({ length: size }, (_, n) => n),
});
const sizes = (groups: { label: string; members: unknown[] }[]) =>
  groups.map((g) => [g.label, g.members.length]);

describe('pooling the small groups of an anonymous needs survey', () => {
  it('shows groups of 5 or more as they are, and leaves out empty ones', () => {
    expect(sizes(poolSmallGroups([group('A', 10), group('B', 0), group('C', 5)], 5))).toEqual([
      ['A', 10],
      ['C', 5],
    ]);
  });

  it('pools the small groups, and adds the smallest shown while the pool holds fewer than 5', () => {
    expect(sizes(poolSmallGroups([group('A', 10), group('B', 7), group('C', 2), group('D', 1)], 5))).toEqual([
      ['A', 10],
      [POOLED_GROUP, 10],
    ]);
    expect(sizes(poolSmallGroups([group('A', 10), group('B', 3), group('C', 2)], 5))).toEqual([
      ['A', 10],
      [POOLED_GROUP, 5],
    ]);
  });

  it('pools everything when no group and no pool reach 5 alone', () => {
    expect(sizes(poolSmallGroups([group('A', 5), group('B', 1)], 5))).toEqual([[POOLED_GROUP, 6]]);
  });

  it('leaves a named survey’s groups alone (minimum 1)', () => {
    expect(sizes(poolSmallGroups([group('A', 1), group('B', 2)], 1))).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });
});

describe('the topics typed one a line', () => {
  it('drops blank lines and repeats that differ in case only', () => {
    expect(topicLines(' Decreto flussi \n\nRicongiungimento\ndecreto FLUSSI\n')).toEqual([
      'Decreto flussi',
      'Ricongiungimento',
    ]);
  });
});
