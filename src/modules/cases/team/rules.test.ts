import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../contract.ts';
import {
  caseDetailWithinReach,
  caseReachOf,
  isAvailable,
  type MediatorCandidate,
  proposeMediators,
  readsWholeCase,
} from './rules.ts';

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

describe('the reach of a user among the office’s cases', () => {
  const userId = '0190a0a0-0000-7000-8000-000000000001';

  it('gives the SUI staff every case, and the team the cases of their questions or appointments', () => {
    expect(caseReachOf({ userId, roles: ['sui_operator'] })).toEqual({ kind: 'OFFICE' });
    expect(caseReachOf({ userId, roles: ['mediator', 'sui_manager'] })).toEqual({ kind: 'OFFICE' });
    expect(caseReachOf({ userId, roles: ['legal_expert'] })).toEqual({
      kind: 'TEAM',
      userId,
      asLegalExpert: true,
      asMediator: false,
    });
    expect(caseReachOf({ userId, roles: ['mediator'] })).toEqual({
      kind: 'TEAM',
      userId,
      asLegalExpert: false,
      asMediator: true,
    });
  });

  it('lets the legal expert read the whole file and a mediator only its heading', () => {
    const expert = caseReachOf({ userId, roles: ['legal_expert'] });
    const mediator = caseReachOf({ userId, roles: ['mediator'] });
    expect(readsWholeCase(expert)).toBe(true);
    expect(readsWholeCase(mediator)).toBe(false);
    const detail = {
      number: 'LO-2026-000001',
      title: 'Rossi Mario',
      language: 'ar',
      parties: [{ role: 'WORKER' }],
      documents: [{ id: 'd' }],
      timeline: [{ id: 'e' }],
      details: { jobTitle: 'Operaio' },
      externalReference: 'ALI-1',
    } as unknown as CaseDetail;
    expect(caseDetailWithinReach(expert, detail)).toBe(detail);
    expect(caseDetailWithinReach(mediator, detail)).toMatchObject({
      number: 'LO-2026-000001',
      title: 'Rossi Mario',
      language: 'ar',
      parties: [],
      documents: [],
      timeline: [],
      details: {},
      externalReference: null,
    });
  });
});
