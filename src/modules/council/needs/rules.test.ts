import { describe, expect, it } from 'vitest';
import type { Question } from './contract.ts';
import { clip, convexHull, provinceShapes, voronoiCells } from './map.ts';
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
  it('clips a polygon to a half-plane', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 2 },
      { x: 0, y: 2 },
    ];
    expect(clip(square, { x: 1, y: 0 }, 1)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 2 },
      { x: 0, y: 2 },
    ]);
    expect(convexHull([...square, { x: 1, y: 1 }])).toHaveLength(4);
  });

  it('gives each municipality a cell holding its own centre and no other', () => {
    const sites = [
      { x: 1, y: 1 },
      { x: 3, y: 1 },
    ];
    const [left, right] = voronoiCells(sites, [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 2 },
      { x: 0, y: 2 },
    ]);
    expect(Math.max(...(left ?? []).map((p) => p.x))).toBe(2);
    expect(Math.min(...(right ?? []).map((p) => p.x))).toBe(2);
  });

  it('draws all 60 municipalities of the province, each with a closed outline', () => {
    const { viewBox, shapes } = provinceShapes();
    expect(MUNICIPALITIES).toHaveLength(60);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(60);
    expect(shapes).toHaveLength(60);
    expect(viewBox).toMatch(/^0 0 600 \d+$/);
    for (const shape of shapes) expect(shape.path.split('L').length).toBeGreaterThanOrEqual(3);
  });
});
