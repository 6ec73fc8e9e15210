/** The rules of questionnaires (well-formed questions, conditional display, valid answers) and of the needs map. */
import type { FieldError } from '../../../kernel/errors.ts';
import type { AnswerValue, Question } from './contract.ts';

/** A need reported at or above this level (on the 1–5 scale) with no service of the theme nearby is a gap. */
export const GAP_LEVEL = 3;

const hasOptions = (q: Question): q is Extract<Question, { options: string[] }> =>
  q.kind === 'CHOICE' || q.kind === 'MULTI_CHOICE';

/** What is wrong with a questionnaire's questions beyond their shapes: keys, conditions, ranges. */
export function questionnaireProblems(questions: readonly Question[]): FieldError[] {
  const errors: FieldError[] = [];
  questions.forEach((q, index) => {
    const path = `body.questions.${index}`;
    const earlier = questions.slice(0, index);
    if (earlier.some((other) => other.key === q.key))
      errors.push({ path: `${path}.key`, message: 'chiave già usata' });
    if (q.showIf) {
      const source = earlier.find((other) => other.key === q.showIf?.key);
      if (!source || !hasOptions(source))
        errors.push({ path: `${path}.showIf.key`, message: 'deve indicare una domanda a scelta precedente' });
      else if (q.showIf.anyOf.some((value) => !source.options.includes(value)))
        errors.push({ path: `${path}.showIf.anyOf`, message: 'valori non previsti dalla domanda indicata' });
    }
    if (q.kind === 'NUMBER' && q.min != null && q.max != null && q.min > q.max)
      errors.push({ path: `${path}.max`, message: 'il massimo non può essere minore del minimo' });
    if (q.theme && q.kind !== 'SCALE')
      errors.push({
        path: `${path}.theme`,
        message: 'solo una domanda a scala misura il bisogno di un tema',
      });
  });
  return errors;
}

/** Whether a question is shown, given the answers so far. */
export function isShown(q: Question, answers: Readonly<Record<string, AnswerValue>>): boolean {
  if (!q.showIf) return true;
  const given = answers[q.showIf.key];
  const values = Array.isArray(given) ? given : given === undefined ? [] : [String(given)];
  return values.some((value) => q.showIf?.anyOf.includes(value));
}

const isBlank = (value: AnswerValue | undefined) =>
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function answerProblem(q: Question, value: AnswerValue): string | null {
  switch (q.kind) {
    case 'CHOICE':
      return typeof value === 'string' && q.options.includes(value) ? null : 'scegliere una delle opzioni';
    case 'MULTI_CHOICE':
      return Array.isArray(value) &&
        value.every((v) => q.options.includes(v)) &&
        new Set(value).size === value.length
        ? null
        : 'scegliere tra le opzioni, ognuna al più una volta';
    case 'SCALE':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5
        ? null
        : 'un valore da 1 a 5';
    case 'NUMBER':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'un numero';
      if (q.min != null && value < q.min) return `almeno ${q.min}`;
      if (q.max != null && value > q.max) return `al più ${q.max}`;
      return null;
    case 'TEXT':
      return typeof value === 'string' ? null : 'un testo';
  }
}

/**
 * Checks answers against the questions: required ones that are shown must be answered, each answer must fit its
 * question; answers to hidden or unknown questions are dropped. Returns what to keep and what is wrong.
 */
export function checkAnswers(questions: readonly Question[], answers: Readonly<Record<string, AnswerValue>>) {
  const kept: Record<string, AnswerValue> = {};
  const errors: FieldError[] = [];
  for (const q of questions) {
    if (!isShown(q, kept)) continue;
    const value = answers[q.key];
    const path = `body.answers.${q.key}`;
    if (value === undefined || isBlank(value)) {
      if (q.required) errors.push({ path, message: 'risposta obbligatoria' });
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) errors.push({ path, message: problem });
    else kept[q.key] = typeof value === 'string' ? value.trim() : value;
  }
  return { kept, errors };
}

/** The mean need for `theme` per municipality, from the scale questions on that theme of every response. */
export function needsByMunicipality(
  theme: string,
  questionnaires: readonly { questions: readonly Question[] }[],
  responses: readonly {
    questionnaireIndex: number;
    municipality: string;
    answers: Record<string, AnswerValue>;
  }[],
): Map<string, { total: number; reports: number }> {
  const levels = new Map<string, { total: number; reports: number }>();
  for (const response of responses) {
    const keys = (questionnaires[response.questionnaireIndex]?.questions ?? [])
      .filter((q) => q.kind === 'SCALE' && q.theme === theme)
      .map((q) => q.key);
    for (const key of keys) {
      const value = response.answers[key];
      if (typeof value !== 'number') continue;
      const level = levels.get(response.municipality) ?? { total: 0, reports: 0 };
      levels.set(response.municipality, { total: level.total + value, reports: level.reports + 1 });
    }
  }
  return levels;
}

export function isGap(need: number | null, services: number): boolean {
  return need !== null && need >= GAP_LEVEL && services === 0;
}
