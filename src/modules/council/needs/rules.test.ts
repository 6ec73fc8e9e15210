import { describe, expect, it } from 'vitest';
import type { Question } from '../../surveys/contract.ts';
import { isGap, needsByMunicipality } from './rules.ts';

const choice: Question = {
  kind: 'CHOICE',
  key: 'desk',
  label: 'Sportello?',
  required: true,
  options: ['Sì', 'No'],
};
const need: Question = { kind: 'SCALE', key: 'need', label: 'Bisogno', required: false, theme: 'HOUSING' };

describe('the needs map', () => {
  it('average the needs of a theme per municipality, and call a gap a need of 3 or more with no service', () => {
    const levels = needsByMunicipality(
      'HOUSING',
      [{ questions: [choice, need] }],
      [
        { questionnaireIndex: 0, municipality: '098031', answers: { need: 5 } },
        { questionnaireIndex: 0, municipality: '098031', answers: { need: 2 } },
        { questionnaireIndex: 0, municipality: '098019', answers: { desk: 'No' } },
      ],
    );
    expect([...levels]).toEqual([['098031', { total: 7, reports: 2 }]]);
    expect(
      needsByMunicipality(
        'WORK',
        [{ questions: [need] }],
        [{ questionnaireIndex: 0, municipality: 'x', answers: { need: 4 } }],
      ).size,
    ).toBe(0);
    expect(isGap(3, 0)).toBe(true);
    expect(isGap(2.9, 0)).toBe(false);
    expect(isGap(5, 1)).toBe(false);
    expect(isGap(null, 0)).toBe(false);
  });
});
