import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { type Question, questionKey, questionKeys } from './contract.ts';
import {
  buildableKinds,
  canBuild,
  checkAnswers,
  isReminderDue,
  isShown,
  MIN_ANONYMOUS_ANSWERS,
  questionnaireProblems,
  summarise,
  withheldReason,
} from './rules.ts';

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
    expect(questionnaireProblems([{ ...choice, options: ['Sì', ' sì '] }])).toEqual([
      {
        path: 'body.questions.0.options',
        message: 'opzioni ripetute: ogni opzione va scritta una sola volta',
      },
    ]);
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

  it('let each context be built by its own roles', () => {
    expect(canBuild(['council_secretariat'], 'COUNCIL_NEEDS')).toBe(true);
    expect(canBuild(['council_member'], 'COUNCIL_NEEDS')).toBe(false);
    expect(canBuild(['trainer'], 'COURSE_EVALUATION')).toBe(true);
    expect(canBuild(['trainer'], 'EVENT_FOLLOW_UP')).toBe(false);
    expect(buildableKinds(['project_manager', 'communications'])).toEqual([
      'TRAINING_NEEDS',
      'COURSE_EVALUATION',
      'EVENT_FOLLOW_UP',
    ]);
    expect(buildableKinds(['sui_operator'])).toEqual([]);
  });
});

describe('question keys', () => {
  it('derive each key from its text, without accents or spaces, and unique', () => {
    expect(
      questionKeys(['C’è uno sportello?', 'Qualità del corso', 'Qualità del corso', '2 giorni bastano?', '']),
    ).toEqual([
      'c_e_uno_sportello',
      'qualita_del_corso',
      'qualita_del_corso_2',
      'domanda_2_giorni_bastano',
      'domanda',
    ]);
    const keys = questionKeys(['a'.repeat(300), 'a'.repeat(300), 'Più casi pratici?']);
    expect(keys.every((key) => questionKey.safeParse(key).success)).toBe(true);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('results', () => {
  const pick: Question = {
    kind: 'MULTI_CHOICE',
    key: 'pick',
    label: 'Lingue',
    required: false,
    options: ['A', 'B'],
  };
  const count: Question = { kind: 'NUMBER', key: 'n', label: 'Quanti', required: false };

  it('count options and levels, average numbers, and sort texts so their order tells nothing', () => {
    const [desk, hoursResult, needResult, pickResult, countResult] = summarise(
      [choice, hours, need, pick, count],
      [
        { desk: 'Sì', hours: 'sera', need: 4, pick: ['A', 'B'], n: 10 },
        { desk: 'Sì', hours: 'mattina', need: 5, pick: ['B'] },
        { desk: 'No', need: 4, n: 2 },
      ],
    );
    expect(desk?.counts).toEqual([
      { label: 'Sì', count: 2, share: 67 },
      { label: 'No', count: 1, share: 33 },
    ]);
    expect(hoursResult).toMatchObject({ answered: 2, texts: ['mattina', 'sera'], mean: null });
    expect(needResult?.counts.map((c) => c.count)).toEqual([0, 0, 0, 2, 1]);
    expect(needResult?.mean).toBe(4.33);
    expect(pickResult?.counts).toEqual([
      { label: 'A', count: 1, share: 50 },
      { label: 'B', count: 2, share: 100 },
    ]);
    expect(countResult).toMatchObject({ answered: 2, mean: 6, min: 2, max: 10 });
  });

  it('give each option the share of the people who answered the question, not of the ticks', () => {
    const [result] = summarise(
      [pick],
      Array.from({ length: 5 }, () => ({ pick: ['A', 'B'] })),
    );
    expect(result?.counts).toEqual([
      { label: 'A', count: 5, share: 100 },
      { label: 'B', count: 5, share: 100 },
    ]);
  });

  it('withhold the results of an anonymous questionnaire below the minimum, saying how many are missing', () => {
    expect(MIN_ANONYMOUS_ANSWERS).toBe(5);
    const closed = { anonymous: true, status: 'CLOSED' } as const;
    expect(withheldReason({ anonymous: true, status: 'OPEN' }, 0)).toMatch(/si vedono quando è chiuso/);
    expect(withheldReason(closed, 4)).toMatch(/meno di 5 risposte/);
    expect(withheldReason(closed, 5)).toBeNull();
    expect(withheldReason({ anonymous: false, status: 'OPEN' }, 1)).toBeNull();
  });
});

describe('reminders', () => {
  const day = (iso: string) => Temporal.PlainDate.from(iso);
  const pending = { invitedOn: day('2026-03-02'), isReminded: false, hasAnswered: false };

  it('remind once, the configured number of days after the invitation, those who have not answered', () => {
    expect(isReminderDue(pending, 3, day('2026-03-04'))).toBe(false);
    expect(isReminderDue(pending, 3, day('2026-03-05'))).toBe(true);
    expect(isReminderDue(pending, 3, day('2026-03-09'))).toBe(true);
    expect(isReminderDue({ ...pending, isReminded: true }, 3, day('2026-03-09'))).toBe(false);
    expect(isReminderDue({ ...pending, hasAnswered: true }, 3, day('2026-03-09'))).toBe(false);
    expect(isReminderDue(pending, null, day('2026-03-09'))).toBe(false);
  });
});
