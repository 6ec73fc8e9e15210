import { describe, expect, it } from 'vitest';
import { provinceMap } from '../../../kernel/territory/map.ts';
import type { Question } from './contract.ts';
import { MUNICIPALITIES } from './municipalities.ts';
import { checkAnswers, isGap, isShown, needsByMunicipality, questionnaireProblems } from './rules.ts';

const choice: Question = {
  kind: 'CHOICE',
  key: 'desk',
  label: 'Sportello?',
  required: true,
  options: ['Sì', 'No'],
};
const hours: Question = {
  kind: 'TEXT',
  key: 'hours',
  label: 'Orari',
  required: true,
  showIf: { key: 'desk', anyOf: ['Sì'] },
};
const need: Question = { kind: 'SCALE', key: 'need', label: 'Bisogno', required: false, theme: 'HOUSING' };

describe('questionnaires', () => {
  it('refuse repeated keys, conditions on later or non-choice questions, and themes on non-scale ones', () => {
    expect(questionnaireProblems([choice, hours, need])).toEqual([]);
    expect(questionnaireProblems([hours, choice]).map((e) => e.path)).toEqual([
      'body.questions.0.showIf.key',
    ]);
    expect(
      questionnaireProblems([choice, { ...hours, showIf: { key: 'desk', anyOf: ['Forse'] } }])[0]?.path,
    ).toBe('body.questions.1.showIf.anyOf');
    expect(questionnaireProblems([choice, { ...choice }])[0]?.path).toBe('body.questions.1.key');
    expect(questionnaireProblems([{ ...hours, showIf: null, theme: 'WORK' }])[0]?.path).toBe(
      'body.questions.0.theme',
    );
    expect(
      questionnaireProblems([{ kind: 'NUMBER', key: 'n', label: 'N', required: false, min: 5, max: 1 }])[0]
        ?.path,
    ).toBe('body.questions.0.max');
  });

  it('show a conditional question only after the answer it depends on', () => {
    expect(isShown(hours, {})).toBe(false);
    expect(isShown(hours, { desk: 'No' })).toBe(false);
    expect(isShown(hours, { desk: 'Sì' })).toBe(true);
    expect(isShown({ ...hours, showIf: { key: 'desk', anyOf: ['B'] } }, { desk: ['A', 'B'] })).toBe(true);
  });

  it('require shown questions only, and keep only the answers to shown ones', () => {
    expect(checkAnswers([choice, hours, need], { desk: 'No', hours: 'x' })).toEqual({
      kept: { desk: 'No' },
      errors: [],
    });
    expect(checkAnswers([choice, hours], { desk: 'Sì', hours: '  ' }).errors).toEqual([
      { path: 'body.answers.hours', message: 'risposta obbligatoria' },
    ]);
    expect(checkAnswers([need], { need: 2.5 }).errors[0]?.message).toBe('un valore da 1 a 5');
    expect(checkAnswers([need], { need: 5 }).kept).toEqual({ need: 5 });
  });

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

describe('the map of the province', () => {
  it('draws every municipality of the list from its real boundary, joined by ISTAT code', () => {
    const { shapes } = provinceMap('full');
    expect(MUNICIPALITIES).toHaveLength(60);
    expect(shapes.map((shape) => shape.code)).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    for (const shape of shapes)
      expect(shape.name).toBe(MUNICIPALITIES.find((m) => m.code === shape.code)?.name);
  });
});
