/**
 * The public registration form, checked field by field with messages in the visitor's language: it works
 * without scripts, so every check is here. HTML or script in a text that is shown back is refused, not kept.
 */
import { z } from 'zod';
import { textFault } from '../../../kernel/contract.ts';
import { isLanguage, type Translate } from '../../portal/languages.ts';
import { PUBLIC_ORGANISATION_TYPES } from '../contract.ts';
import type { Registration } from './seats.ts';

export const ORGANISATION_TYPES = Object.keys(
  PUBLIC_ORGANISATION_TYPES,
) as (keyof typeof PUBLIC_ORGANISATION_TYPES)[];
/** Italian Sign Language, besides the portal's languages, for interpretation. */
export const SIGN_LANGUAGE = 'lis';

/** A question of the organisers, as the form asks it. */
export type FormQuestion = {
  id: string;
  label: string;
  kind: 'TEXT' | 'CHOICE' | 'YES_NO';
  options: string[];
  required: boolean;
};

type Field = Exclude<keyof Registration, 'answers'> | 'consent';
export type FormValues = Partial<Record<Field, string>> & { answers?: Record<string, string> };
/** The message of each field at fault; a question's field is named `q-<its id>`. */
export type FormErrors = Partial<Record<Field | `q-${string}`, string>>;

/** The form field of a question. */
export const questionField = (id: string) => `q-${id}` as const;
const ANSWER_LIMIT = 500;

const MARKUP = /<\s*[a-z!/?]|javascript:/i;
const EMAIL = z.email();
const LIMITS = { name: 120, email: 254, organisation: 200, accessibilityNeeds: 500 } as const;

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The form's fields as posted (strings only), for showing them back. */
export function formValues(body: unknown, questions: readonly FormQuestion[] = []): FormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const answers = Object.fromEntries(
    questions.map((question) => [question.id, str(source[questionField(question.id)])]),
  );
  const keys = [
    'sessionId',
    'name',
    'email',
    'organisation',
    'organisationType',
    'language',
    'accessibilityNeeds',
    'interpretationLanguage',
    'consent',
  ] as const;
  return { ...(Object.fromEntries(keys.map((key) => [key, str(source[key])])) as FormValues), answers };
}

/** The answers to the organisers' questions, or the message of each one at fault. */
function checkAnswers(
  values: FormValues,
  questions: readonly FormQuestion[],
  t: Translate,
  errors: FormErrors,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const field = questionField(question.id);
    const answer = values.answers?.[question.id] ?? '';
    if (!answer) {
      if (question.required) errors[field] = t('events.error.required');
      continue;
    }
    if (question.kind === 'TEXT') {
      if (answer.length > ANSWER_LIMIT) errors[field] = t('events.error.tooLong', { max: ANSWER_LIMIT });
      else if (MARKUP.test(answer) || textFault(answer, true)) errors[field] = t('events.error.unsafe');
    } else if (
      question.kind === 'CHOICE' ? !question.options.includes(answer) : answer !== 'yes' && answer !== 'no'
    )
      errors[field] = t('events.error.choice');
    answers[question.id] = answer;
  }
  return answers;
}

/** The registration the form asks for, or the message of each field at fault. */
export function checkForm(
  values: FormValues,
  sessionIds: readonly string[],
  questions: readonly FormQuestion[],
  t: Translate,
): { ok: true; registration: Registration } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const textField = (key: keyof typeof LIMITS, required: boolean) => {
    const value = values[key] ?? '';
    if (!value) {
      if (required) errors[key] = t('events.error.required');
      return null;
    }
    if (value.length > LIMITS[key]) errors[key] = t('events.error.tooLong', { max: LIMITS[key] });
    else if (MARKUP.test(value) || textFault(value, key === 'accessibilityNeeds'))
      errors[key] = t('events.error.unsafe');
    return value;
  };
  const name = textField('name', true);
  const email = textField('email', true)?.toLowerCase() ?? null;
  if (email && !errors.email && !EMAIL.safeParse(email).success) errors.email = t('events.error.email');
  const organisation = textField('organisation', false);
  const accessibilityNeeds = textField('accessibilityNeeds', false);
  const sessionId = values.sessionId ?? '';
  if (!sessionIds.includes(sessionId)) errors.sessionId = t('events.error.choice');
  const organisationType = values.organisationType || null;
  if (organisationType && !(ORGANISATION_TYPES as readonly string[]).includes(organisationType))
    errors.organisationType = t('events.error.choice');
  const language = values.language ?? '';
  if (!isLanguage(language)) errors.language = t('events.error.choice');
  const interpretationLanguage = values.interpretationLanguage || null;
  if (
    interpretationLanguage &&
    !(isLanguage(interpretationLanguage) || interpretationLanguage === SIGN_LANGUAGE)
  )
    errors.interpretationLanguage = t('events.error.choice');
  const answers = checkAnswers(values, questions, t, errors);
  if (values.consent !== 'yes') errors.consent = t('events.error.consent');
  if (Object.keys(errors).length > 0 || !name || !email) return { ok: false, errors };
  return {
    ok: true,
    registration: {
      sessionId,
      name,
      email,
      organisation,
      organisationType,
      language,
      accessibilityNeeds,
      interpretationLanguage,
      answers,
    },
  };
}
