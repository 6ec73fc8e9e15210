import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { THEMES } from '../../../src/modules/council/contract.ts';
import { QUESTION_KINDS, type Question } from '../../../src/modules/council/needs/contract.ts';
import { ApiError } from '../../app/api.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { needs, needsKeys } from './requests.ts';

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
type Values = { title: string; intro: string; questions: Draft[] };

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
    theme: draft.kind === 'SCALE' && draft.theme ? (draft.theme as Question['theme']) : null,
    showIf: draft.showIfKey ? { key: draft.showIfKey, anyOf: list(draft.showIfValues) } : null,
  };
  return draft.kind === 'CHOICE' || draft.kind === 'MULTI_CHOICE'
    ? { ...base, kind: draft.kind, options: list(draft.options) }
    : ({ ...base, kind: draft.kind } as Question);
}

/** The secretariat writes a questionnaire: questions of five kinds, required or not, shown on a condition. */
export function QuestionnaireBuilder() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { title: '', intro: '', questions: [BLANK] } });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (values: Values) =>
      needs.createQuestionnaire({
        title: values.title,
        intro: values.intro,
        questions: values.questions.map(toQuestion),
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: needsKeys.questionnaires });
      void navigate(`/cti/questionari/${created.id}`);
    },
    onError: (error) => setProblem(reportProblem(numbered(error), form.setError, ['title', 'intro'])),
  });
  return (
    <section aria-labelledby={`${id}-titolo`} className="mt-5">
      <h2 id={`${id}-titolo`} className="h4">
        {t('council.questionnaires.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
        <TextField
          label={t('council.questionnaires.name')}
          registration={form.register('title')}
          error={errors.title}
        />
        <TextAreaField
          label={t('council.questionnaires.introLabel')}
          error={errors.intro}
          {...form.register('intro')}
        />
        {questions.fields.map((field, index) => {
          const n = index + 1;
          return (
            <fieldset key={field.id} className="border rounded p-3 mb-3">
              <legend className="h6">{t('council.questionnaires.question', { number: n })}</legend>
              <div className="row">
                <div className="col-12 col-md-4">
                  <SelectField
                    label={t('council.questionnaires.kind', { number: n })}
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
                    label={t('council.questionnaires.key', { number: n })}
                    registration={form.register(`questions.${index}.key`)}
                  />
                </div>
                <div className="col-12 col-md-5">
                  <TextField
                    label={t('council.questionnaires.text', { number: n })}
                    registration={form.register(`questions.${index}.label`)}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <TextField
                    label={t('council.questionnaires.options', { number: n })}
                    hint={t('council.questionnaires.optionsHint')}
                    registration={form.register(`questions.${index}.options`)}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <SelectField
                    label={t('council.questionnaires.theme', { number: n })}
                    registration={form.register(`questions.${index}.theme`)}
                  >
                    <option value="">{t('council.questionnaires.noTheme')}</option>
                    {Object.entries(THEMES).map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <div className="col-12 col-md-4">
                  <TextField
                    label={t('council.questionnaires.showIfKey', { number: n })}
                    hint={t('common.optional')}
                    registration={form.register(`questions.${index}.showIfKey`)}
                  />
                </div>
                <div className="col-12 col-md-5">
                  <TextField
                    label={t('council.questionnaires.showIfValues', { number: n })}
                    hint={t('council.questionnaires.optionsHint')}
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
                      {t('council.questionnaires.required', { number: n })}
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
          {t('council.questionnaires.addQuestion')}
        </button>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary ms-2" disabled={create.isPending}>
          {t('council.questionnaires.create')}
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
