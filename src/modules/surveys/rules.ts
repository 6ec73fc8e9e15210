/**
 * The rules of questionnaires: well-formed questions, conditional display, valid answers, who builds them,
 * when the results of an anonymous one may be shown, when an invited person gets a reminder, and the results.
 */
import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/permissions.ts';
import {
  type AnswerValue,
  OWNER_BUILDERS,
  type OwnerKind,
  type Question,
  type QuestionResult,
} from './contract.ts';

/** Below this many answers, the results of an anonymous questionnaire could point at the people who gave them. */
export const MIN_ANONYMOUS_ANSWERS = 5;

export function canBuild(roles: readonly Role[], kind: OwnerKind): boolean {
  return roles.some((role) => OWNER_BUILDERS[kind].includes(role));
}

/** The contexts someone holding these roles may build questionnaires for. */
export function buildableKinds(roles: readonly Role[]): OwnerKind[] {
  return (Object.keys(OWNER_BUILDERS) as OwnerKind[]).filter((kind) => canBuild(roles, kind));
}

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
    if (hasOptions(q)) {
      const seen = q.options.map((option) => option.trim().toLocaleLowerCase('it'));
      if (new Set(seen).size !== seen.length)
        errors.push({
          path: `${path}.options`,
          message: 'opzioni ripetute: ogni opzione va scritta una sola volta',
        });
    }
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

/**
 * Why the results of an anonymous questionnaire are not shown yet, or null when they may be: only once it is closed,
 * so that no one can tell an answer by comparing two readings, and from the minimum number of answers.
 */
export function withheldReason(
  questionnaire: { anonymous: boolean; status: 'DRAFT' | 'OPEN' | 'CLOSED' },
  answers: number,
): string | null {
  if (!questionnaire.anonymous) return null;
  if (questionnaire.status !== 'CLOSED')
    return (
      'Il questionario è anonimo: i risultati si vedono quando è chiuso, ' +
      `se le risposte sono almeno ${MIN_ANONYMOUS_ANSWERS}, perché nessuno sia riconoscibile.`
    );
  if (answers >= MIN_ANONYMOUS_ANSWERS) return null;
  return (
    `Il questionario è anonimo e ha avuto meno di ${MIN_ANONYMOUS_ANSWERS} risposte: ` +
    'i risultati non si mostrano, perché nessuno sia riconoscibile.'
  );
}

const round = (value: number) => Math.round(value * 100) / 100;

function countsOf(q: Question, values: readonly AnswerValue[]) {
  const labels = hasOptions(q) ? q.options : q.kind === 'SCALE' ? ['1', '2', '3', '4', '5'] : [];
  return labels.map((label) => {
    const count = values.filter((value) =>
      Array.isArray(value) ? value.includes(label) : String(value) === label,
    ).length;
    // Over the people who answered the question, not the ticks: several options may be ticked.
    return { label, count, share: values.length ? Math.round((count / values.length) * 100) : 0 };
  });
}

/** The figures of each question over a set of answers: counts per option or level, mean, range, texts. */
export function summarise(
  questions: readonly Question[],
  answerSets: readonly Readonly<Record<string, AnswerValue>>[],
): QuestionResult[] {
  return questions.map((q) => {
    const values = answerSets
      .map((answers) => answers[q.key])
      .filter((v): v is AnswerValue => v !== undefined);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const isNumeric = q.kind === 'SCALE' || q.kind === 'NUMBER';
    return {
      key: q.key,
      label: q.label,
      kind: q.kind,
      answered: values.length,
      counts: countsOf(q, values),
      mean: isNumeric && numbers.length ? round(numbers.reduce((a, b) => a + b, 0) / numbers.length) : null,
      min: q.kind === 'NUMBER' && numbers.length ? Math.min(...numbers) : null,
      max: q.kind === 'NUMBER' && numbers.length ? Math.max(...numbers) : null,
      texts: q.kind === 'TEXT' ? values.map(String).sort((a, b) => a.localeCompare(b, 'it')) : [],
    };
  });
}

/** An invited person who has not answered gets one reminder, `reminderDays` days after the invitation. */
export function isReminderDue(
  invitation: { invitedOn: Temporal.PlainDate; isReminded: boolean; hasAnswered: boolean },
  reminderDays: number | null,
  today: Temporal.PlainDate,
): boolean {
  if (reminderDays === null || invitation.isReminded || invitation.hasAnswered) return false;
  return Temporal.PlainDate.compare(invitation.invitedOn.add({ days: reminderDays }), today) <= 0;
}
