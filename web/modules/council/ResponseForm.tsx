import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../../app/territory.ts';
import { SelectField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { answersToSend, type FormAnswers, isShown, QuestionField } from '../surveys/QuestionField.tsx';
import { needs, type QuestionnaireView } from './requests.ts';

type Values = { municipalityIstatCode: string; answers: FormAnswers };

/** The user's organisation answers the questionnaire for a municipality; conditional questions appear as needed. */
export function ResponseForm({ questionnaire }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
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
        answers: answersToSend(questionnaire.questions, values.answers),
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
  // The municipalities come from the server: the form appears with them, its choice already selected.
  if (municipalities.length === 0) return <Loading />;
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
        {municipalities.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </SelectField>
      {shown.map((q) => (
        <QuestionField
          key={q.key}
          question={q}
          registration={form.register(`answers.${q.key}`)}
          error={form.formState.errors.answers?.[q.key] as FieldError | undefined}
          levelLabel={(level) => t('council.map.level', { level })}
        />
      ))}
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={submit.isPending}>
        {t('council.questionnaires.send')}
      </button>
    </form>
  );
}
