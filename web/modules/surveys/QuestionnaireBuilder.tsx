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
} from '../../../src/modules/surveys/contract.ts';
import { ApiError } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';

type Draft = {
  kind: Question['kind'];
  key: string;
  label: string;
  required: boolean;
  options: string;
  theme: string;
  showIfKey: string;
  showIfValues: string;
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
  save: (built: BuiltQuestionnaire) => Promise<{ id: string }>;
  onSaved: (id: string) => void;
};

const BLANK: Draft = {
  kind: 'CHOICE',
  key: '',
  label: '',
  required: true,
  options: '',
  theme: '',
  showIfKey: '',
  showIfValues: '',
};
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function toQuestion(draft: Draft): Question {
  const base = {
    key: draft.key,
    label: draft.label,
    required: draft.required,
    theme: draft.kind === 'SCALE' && draft.theme ? draft.theme : null,
    showIf: draft.showIfKey ? { key: draft.showIfKey, anyOf: list(draft.showIfValues) } : null,
  };
  return draft.kind === 'CHOICE' || draft.kind === 'MULTI_CHOICE'
    ? { ...base, kind: draft.kind, options: list(draft.options) }
    : ({ ...base, kind: draft.kind } as Question);
}

/** A builder writes a questionnaire: questions of five kinds, required or not, shown on a condition. */
export function QuestionnaireBuilder({ themes, kinds, save, onSaved }: BuilderProps) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      title: '',
      intro: '',
      questions: [BLANK],
      ownerKind: kinds?.[0] ?? '',
      ownerLabel: '',
      anonymous: false,
      reminderDays: '',
    },
  });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (values: Values) =>
      save({
        title: values.title,
        intro: values.intro,
        questions: values.questions.map(toQuestion),
        settings: {
          ownerKind: values.ownerKind as OwnerKind,
          ownerLabel: values.ownerLabel.trim() || null,
          anonymous: values.anonymous,
          reminderDays: values.reminderDays ? Number(values.reminderDays) : null,
        },
      }),
    onSuccess: (created) => onSaved(created.id),
    onError: (error) =>
      setProblem(
        reportProblem(numbered(error), form.setError, [
          'title',
          'intro',
          'ownerKind',
          'ownerLabel',
          'anonymous',
          'reminderDays',
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
                <div className="col-12 col-md-3">
                  <TextField
                    label={t('surveys.builder.key', { number: n })}
                    registration={form.register(`questions.${index}.key`)}
                  />
                </div>
                <div className="col-12 col-md-5">
                  <TextField
                    label={t('surveys.builder.text', { number: n })}
                    registration={form.register(`questions.${index}.label`)}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <TextField
                    label={t('surveys.builder.options', { number: n })}
                    hint={t('surveys.builder.optionsHint')}
                    registration={form.register(`questions.${index}.options`)}
                  />
                </div>
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
                <div className="col-12 col-md-4">
                  <TextField
                    label={t('surveys.builder.showIfKey', { number: n })}
                    hint={t('common.optional')}
                    registration={form.register(`questions.${index}.showIfKey`)}
                  />
                </div>
                <div className="col-12 col-md-5">
                  <TextField
                    label={t('surveys.builder.showIfValues', { number: n })}
                    hint={t('surveys.builder.optionsHint')}
                    registration={form.register(`questions.${index}.showIfValues`)}
                  />
                </div>
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
            </fieldset>
          );
        })}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm mb-3"
          onClick={() => questions.append(BLANK)}
        >
          {t('surveys.builder.addQuestion')}
        </button>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary ms-2" disabled={create.isPending}>
          {t('surveys.builder.create')}
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
