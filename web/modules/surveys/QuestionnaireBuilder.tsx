import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  OWNER_KINDS,
  type OwnerKind,
  QUESTION_KINDS,
  type Question,
  type QuestionnaireInput,
  questionKeys,
} from '../../../src/modules/surveys/contract.ts';
import { ApiError } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';

type Draft = {
  /** Stays with the question when others are removed or moved: what a condition names its question by. */
  uid: string;
  kind: Question['kind'];
  label: string;
  required: boolean;
  /** One option per line, so that an option may hold a comma. */
  options: string;
  theme: string;
  /** The `uid` of the earlier choice question the question depends on, or empty. */
  showIfSource: string;
  showIfValues: string[];
};
type Values = {
  title: string;
  intro: string;
  questions: Draft[];
  ownerKind: string;
  ownerLabel: string;
  anonymous: boolean;
  reminderDays: string;
};

/** What a builder's form gives the page that saves it: the questionnaire, and its settings when it asks for them. */
export type BuiltQuestionnaire = QuestionnaireInput & {
  settings: {
    ownerKind: OwnerKind;
    ownerLabel: string | null;
    anonymous: boolean;
    reminderDays: number | null;
  };
};

type BuilderProps = {
  /** Themes a scale question may measure (the council's), none when absent. */
  themes?: Readonly<Record<string, string>>;
  /** The contexts the builder may choose among; with them the form asks for purpose, anonymity and reminders. */
  kinds?: readonly OwnerKind[];
  /** False when the page knows the questionnaire's purpose (one kind, its own record): only anonymity and reminders. */
  asksPurpose?: boolean;
  /** What the button that saves says, when not creating the questionnaire (sending it for approval). */
  submitLabel?: string;
  save: (built: BuiltQuestionnaire) => Promise<{ id: string }>;
  onSaved: (id: string) => void;
};

let drafted = 0;
const blank = (): Draft => ({
  uid: `domanda-${++drafted}`,
  kind: 'CHOICE',
  label: '',
  required: true,
  options: '',
  theme: '',
  showIfSource: '',
  showIfValues: [],
});
const lines = (value: string) =>
  value
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
const hasOptions = (draft: Draft) => draft.kind === 'CHOICE' || draft.kind === 'MULTI_CHOICE';

/** The questions to send: keys derived from the texts, conditions naming their question by its key. */
function toQuestions(drafts: readonly Draft[]): Question[] {
  const keys = questionKeys(drafts.map((draft) => draft.label));
  return drafts.map((draft, index) => {
    const at = drafts.findIndex((other) => other.uid === draft.showIfSource);
    const source = at < index ? drafts[at] : undefined;
    const options = source ? lines(source.options) : [];
    const base = {
      key: keys[index] ?? '',
      label: draft.label,
      required: draft.required,
      theme: draft.kind === 'SCALE' && draft.theme ? draft.theme : null,
      showIf: source
        ? {
            key: keys[at] ?? '',
            anyOf: [draft.showIfValues].flat().filter((value) => options.includes(value)),
          }
        : null,
    };
    return hasOptions(draft)
      ? { ...base, kind: draft.kind as 'CHOICE' | 'MULTI_CHOICE', options: lines(draft.options) }
      : ({ ...base, kind: draft.kind } as Question);
  });
}

/**
 * A builder writes a questionnaire: questions of five kinds, required or not, shown on a condition chosen from the
 * earlier choice questions and their options; questions can be moved and removed, and their keys come from their texts.
 */
export function QuestionnaireBuilder({
  themes,
  kinds,
  asksPurpose = true,
  submitLabel,
  save,
  onSaved,
}: BuilderProps) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      title: '',
      intro: '',
      questions: [blank()],
      ownerKind: kinds?.[0] ?? '',
      ownerLabel: '',
      anonymous: false,
      reminderDays: '',
    },
  });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const { errors } = form.formState;
  const drafts = form.watch('questions');
  const create = useMutation({
    mutationFn: (values: Values) =>
      save({
        title: values.title,
        intro: values.intro,
        questions: toQuestions(values.questions),
        settings: {
          ownerKind: values.ownerKind as OwnerKind,
          ownerLabel: values.ownerLabel.trim() || null,
          anonymous: values.anonymous,
          reminderDays: values.reminderDays ? Number(values.reminderDays) : null,
        },
      }),
    onSuccess: (created) => onSaved(created.id),
    onError: (error, values) =>
      setProblem(
        reportProblem(numbered(error), form.setError, [
          'title',
          'intro',
          'ownerKind',
          'ownerLabel',
          'anonymous',
          'reminderDays',
          ...values.questions.flatMap((_, index) => [
            `questions.${index}.label`,
            `questions.${index}.options`,
            `questions.${index}.showIfValues`,
          ]),
        ]),
      ),
  });
  return (
    <section aria-labelledby={`${id}-titolo`} className="mt-5">
      <h2 id={`${id}-titolo`} className="h4">
        {t('surveys.builder.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
        <TextField
          label={t('surveys.builder.name')}
          registration={form.register('title')}
          error={errors.title}
        />
        <TextAreaField
          label={t('surveys.builder.introLabel')}
          error={errors.intro}
          {...form.register('intro')}
        />
        {kinds && (
          <div className="row">
            {asksPurpose && (
              <>
                <div className="col-12 col-md-6">
                  <SelectField
                    label={t('surveys.builder.ownerKind')}
                    registration={form.register('ownerKind')}
                    error={errors.ownerKind}
                  >
                    {kinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {OWNER_KINDS[kind]}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <div className="col-12 col-md-6">
                  <TextField
                    label={t('surveys.builder.ownerLabel')}
                    hint={t('surveys.builder.ownerLabelHint')}
                    registration={form.register('ownerLabel')}
                    error={errors.ownerLabel}
                  />
                </div>
              </>
            )}
            <div className="col-12 col-md-6">
              <div className="form-check mt-4">
                <input
                  id={`${id}-anonymous`}
                  type="checkbox"
                  aria-describedby={`${id}-anonymous-hint`}
                  {...form.register('anonymous')}
                />
                <label htmlFor={`${id}-anonymous`}>{t('surveys.builder.anonymous')}</label>
                <small id={`${id}-anonymous-hint`} className="form-text d-block">
                  {t('surveys.builder.anonymousHint')}
                </small>
              </div>
            </div>
            <div className="col-12 col-md-6">
              <TextField
                type="number"
                label={t('surveys.builder.reminderDays')}
                hint={t('surveys.builder.reminderDaysHint')}
                registration={form.register('reminderDays')}
                error={errors.reminderDays}
              />
            </div>
          </div>
        )}
        {questions.fields.map((field, index) => {
          const n = index + 1;
          const draft = drafts[index];
          const sources = drafts
            .slice(0, index)
            .map((other, at) => ({ draft: other, number: at + 1 }))
            .filter(({ draft: other }) => hasOptions(other) && lines(other.options).length > 0);
          const source = sources.find(({ draft: other }) => other.uid === draft?.showIfSource)?.draft;
          return (
            <fieldset key={field.id} className="border rounded p-3 mb-3">
              <legend className="h6">{t('surveys.builder.question', { number: n })}</legend>
              <div className="row">
                <div className="col-12 col-md-4">
                  <SelectField
                    label={t('surveys.builder.kind', { number: n })}
                    registration={form.register(`questions.${index}.kind`)}
                  >
                    {Object.entries(QUESTION_KINDS).map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <div className="col-12 col-md-8">
                  <TextField
                    label={t('surveys.builder.text', { number: n })}
                    registration={form.register(`questions.${index}.label`)}
                    error={errors.questions?.[index]?.label}
                  />
                </div>
                {draft && hasOptions(draft) && (
                  <div className="col-12 col-md-6">
                    <TextAreaField
                      label={t('surveys.builder.options', { number: n })}
                      hint={t('surveys.builder.optionsHint')}
                      error={errors.questions?.[index]?.options}
                      rows={4}
                      {...form.register(`questions.${index}.options`)}
                    />
                  </div>
                )}
                {themes && (
                  <div className="col-12 col-md-6">
                    <SelectField
                      label={t('council.questionnaires.theme', { number: n })}
                      registration={form.register(`questions.${index}.theme`)}
                    >
                      <option value="">{t('council.questionnaires.noTheme')}</option>
                      {Object.entries(themes).map(([code, label]) => (
                        <option key={code} value={code}>
                          {label}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                )}
                {sources.length > 0 && (
                  <div className="col-12 col-md-6">
                    <SelectField
                      label={t('surveys.builder.showIf', { number: n })}
                      hint={t('common.optional')}
                      registration={form.register(`questions.${index}.showIfSource`)}
                    >
                      <option value="">{t('surveys.builder.always')}</option>
                      {sources.map(({ draft: other, number }) => (
                        <option key={other.uid} value={other.uid}>
                          {t('surveys.builder.sourceQuestion', { number, label: other.label })}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                )}
                {source && (
                  <fieldset className="col-12 col-md-6" aria-describedby={`${id}-cond-${index}-error`}>
                    <legend className="fs-6">{t('surveys.builder.showIfValues', { number: n })}</legend>
                    {lines(source.options).map((option, at) => (
                      <div key={option} className="form-check">
                        <input
                          id={`${id}-cond-${index}-${at}`}
                          type="checkbox"
                          value={option}
                          {...form.register(`questions.${index}.showIfValues`)}
                        />
                        <label htmlFor={`${id}-cond-${index}-${at}`}>{option}</label>
                      </div>
                    ))}
                    {errors.questions?.[index]?.showIfValues && (
                      <div id={`${id}-cond-${index}-error`} className="invalid-feedback d-block">
                        {errors.questions[index].showIfValues.message}
                      </div>
                    )}
                  </fieldset>
                )}
                <div className="col-12 col-md-3">
                  <div className="form-check mt-4">
                    <input
                      id={`${id}-req-${index}`}
                      type="checkbox"
                      {...form.register(`questions.${index}.required`)}
                    />
                    <label htmlFor={`${id}-req-${index}`}>
                      {t('surveys.builder.required', { number: n })}
                    </label>
                  </div>
                </div>
              </div>
              <div className="d-flex flex-wrap gap-2 mt-2">
                {index > 0 && (
                  <button
                    type="button"
                    className="btn btn-outline-secondary btn-sm"
                    onClick={() => questions.move(index, index - 1)}
                  >
                    {t('surveys.builder.moveUp', { number: n })}
                  </button>
                )}
                {index < questions.fields.length - 1 && (
                  <button
                    type="button"
                    className="btn btn-outline-secondary btn-sm"
                    onClick={() => questions.move(index, index + 1)}
                  >
                    {t('surveys.builder.moveDown', { number: n })}
                  </button>
                )}
                {questions.fields.length > 1 && (
                  <button
                    type="button"
                    className="btn btn-outline-danger btn-sm"
                    onClick={() => questions.remove(index)}
                  >
                    {t('surveys.builder.remove', { number: n })}
                  </button>
                )}
              </div>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm mb-3"
          onClick={() => questions.append(blank())}
        >
          {t('surveys.builder.addQuestion')}
        </button>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary ms-2" disabled={create.isPending}>
          {submitLabel ?? t('surveys.builder.create')}
        </button>
      </form>
    </section>
  );
}

/** Messages about a question say which one: "Domanda 2: scegliere…", as the form numbers them. */
function numbered(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.problem.errors?.map((item) => {
    const match = /^body\.questions\.(\d+)/.exec(item.path);
    return match ? { ...item, message: `domanda ${Number(match[1]) + 1}: ${item.message}` } : item;
  });
  return new ApiError({ ...error.problem, ...(errors ? { errors } : {}) });
}
