import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type UseFormReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  type AnswerValue,
  MUNICIPALITIES,
  type Question,
} from '../../../src/modules/council/needs/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { needs, type QuestionnaireView } from './requests.ts';

type Values = { municipalityIstatCode: string; answers: Record<string, string | string[]> };

/** Whether a question is shown, as the server decides it (`needs/rules.ts` on the server): on the answer it depends on. */
function isShown(q: Question, answers: Values['answers']): boolean {
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

/** The user's organisation answers the questionnaire for a municipality; conditional questions appear as needed. */
export function ResponseForm({ questionnaire }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { municipalityIstatCode: '', answers: {} } });
  const answers = form.watch('answers');
  const shown = questionnaire.questions.filter((q) => isShown(q, answers));
  const submit = useMutation({
    mutationFn: (values: Values) =>
      needs.respond(questionnaire.id, {
        municipalityIstatCode: values.municipalityIstatCode,
        answers: Object.fromEntries(
          shown.flatMap((q) => {
            const value = toAnswer(q, values.answers[q.key]);
            return value === undefined ? [] : [[q.key, value]];
          }),
        ),
      }),
    onSuccess: () => {
      setProblem(null);
      setNotice(t('council.questionnaires.sent'));
      void queryClient.invalidateQueries({ queryKey: ['council'] });
    },
    onError: (error) => {
      setNotice(null);
      setProblem(reportProblem(error, form.setError, ['municipalityIstatCode', 'answers']));
    },
  });
  return (
    <form onSubmit={form.handleSubmit((values) => submit.mutate(values))} noValidate className="lovit-form">
      <h2 className="h4">{t('council.questionnaires.answerTitle')}</h2>
      <Notice message={notice} />
      <SelectField
        label={t('council.questionnaires.municipality')}
        registration={form.register('municipalityIstatCode')}
        error={form.formState.errors.municipalityIstatCode}
      >
        <option value="">{t('council.services.chooseMunicipality')}</option>
        {MUNICIPALITIES.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </SelectField>
      {shown.map((q) => (
        <QuestionField key={q.key} question={q} form={form} />
      ))}
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={submit.isPending}>
        {t('council.questionnaires.send')}
      </button>
    </form>
  );
}

function QuestionField({ question: q, form }: { question: Question; form: UseFormReturn<Values> }) {
  const { t } = useTranslation();
  const id = useId();
  const name = `answers.${q.key}` as const;
  const error = form.formState.errors.answers?.[q.key] as { message?: string; type: string } | undefined;
  const label = q.required ? q.label : `${q.label} ${t('council.questionnaires.optionalMark')}`;
  if (q.kind === 'CHOICE' || q.kind === 'SCALE') {
    const options = q.kind === 'SCALE' ? ['1', '2', '3', '4', '5'] : q.options;
    return (
      <SelectField label={label} registration={form.register(name)} error={error}>
        <option value="">{t('council.questionnaires.choose')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {q.kind === 'SCALE' ? t('council.map.level', { level: Number(option) }) : option}
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
            <input id={`${id}-${index}`} type="checkbox" value={option} {...form.register(name)} />
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
      registration={form.register(name)}
      error={error}
    />
  );
}
