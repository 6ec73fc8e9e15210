import { useId } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Question } from '../../../src/modules/surveys/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';

/** The answers as a form holds them: text, or the options ticked. */
export type FormAnswers = Record<string, string | string[]>;

/** Whether a question is shown, as the server decides it (`surveys/rules.ts`): on the answer it depends on. */
export function isShown(q: Question, answers: FormAnswers): boolean {
  if (!q.showIf) return true;
  const given = answers[q.showIf.key];
  const values = Array.isArray(given) ? given : given ? [given] : [];
  return values.some((value) => q.showIf?.anyOf.includes(value));
}

function toAnswer(q: Question, value: string | string[] | undefined): AnswerValue | undefined {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  if (q.kind === 'SCALE' || q.kind === 'NUMBER') return Number(value);
  return value;
}

/** The answers to send: those to the questions shown, numbers as numbers. */
export function answersToSend(
  questions: readonly Question[],
  answers: FormAnswers,
): Record<string, AnswerValue> {
  return Object.fromEntries(
    questions
      .filter((q) => isShown(q, answers))
      .flatMap((q) => {
        const value = toAnswer(q, answers[q.key]);
        return value === undefined ? [] : [[q.key, value]];
      }),
  );
}

type QuestionFieldProps = {
  question: Question;
  registration: UseFormRegisterReturn;
  error: FieldError | undefined;
  /** How a level of a scale question reads ("Bisogno 4" for the council's needs); "4 su 5" by default. */
  levelLabel?: (level: number) => string;
};

/** One question as a field: a list for a choice or a level, boxes to tick for several, a box to type in. */
export function QuestionField({ question: q, registration, error, levelLabel }: QuestionFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const label = q.required ? q.label : `${q.label} ${t('surveys.answer.optionalMark')}`;
  if (q.kind === 'CHOICE' || q.kind === 'SCALE') {
    const options = q.kind === 'SCALE' ? ['1', '2', '3', '4', '5'] : q.options;
    return (
      <SelectField label={label} registration={registration} error={error}>
        <option value="">{t('surveys.answer.choose')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {q.kind === 'SCALE'
              ? (levelLabel?.(Number(option)) ?? t('surveys.answer.level', { level: Number(option) }))
              : option}
          </option>
        ))}
      </SelectField>
    );
  }
  if (q.kind === 'MULTI_CHOICE')
    return (
      <fieldset className="mb-3">
        <legend className="h6">{label}</legend>
        {q.options.map((option, index) => (
          <div key={option} className="form-check form-check-inline">
            <input id={`${id}-${index}`} type="checkbox" value={option} {...registration} />
            <label htmlFor={`${id}-${index}`}>{option}</label>
          </div>
        ))}
        {error && <div className="invalid-feedback d-block">{error.message}</div>}
      </fieldset>
    );
  return (
    <TextField
      type={q.kind === 'NUMBER' ? 'number' : 'text'}
      label={label}
      registration={registration}
      error={error}
    />
  );
}
