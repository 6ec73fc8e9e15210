import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OWNER_KINDS } from '../../../src/modules/surveys/contract.ts';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { answersToSend, type FormAnswers, isShown, QuestionField } from './QuestionField.tsx';
import { type QuestionnaireView, surveys, surveysKeys } from './requests.ts';

/** A questionnaire: the answer form for the invited; opening, closing, invitations and results for its builders. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useQuery({ queryKey: surveysKeys.one(id), queryFn: () => surveys.get(id) });
  const trail = [{ label: t('modules.surveys.title'), to: '/questionari' }];
  if (one.isPending || one.error)
    return (
      <Page title={t('surveys.page.loading')} trail={trail}>
        {one.isPending ? <Loading /> : <LoadError error={one.error} />}
      </Page>
    );
  const q = one.data;
  return (
    <Page title={q.title} trail={trail}>
      <p className="lead">{q.intro}</p>
      <p>
        {OWNER_KINDS[q.ownerKind]}
        {q.ownerLabel ? ` – ${q.ownerLabel}` : ''}.{' '}
        <span className="badge bg-secondary">{t(`surveys.status.${q.status}`)}</span>{' '}
        {q.anonymous && <span className="badge bg-secondary">{t('surveys.anonymous')}</span>}
      </p>
      {q.anonymous && <p>{t('surveys.page.anonymousNote')}</p>}
      {q.canBuild && <BuilderActions questionnaire={q} />}
      <Answering questionnaire={q} />
      {q.canBuild && <InvitationsPanel questionnaire={q} />}
    </Page>
  );
}

function BuilderActions({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (verb: 'open' | 'close') => surveys.move(q.id, verb),
    onSuccess: () => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    onError: (error) => setProblem(error.message),
  });
  return (
    <div className="d-flex flex-wrap gap-2 mb-4">
      <p className="w-100 mb-1">
        {t('surveys.page.figures', { answers: q.responses, invited: q.invited })}
        {q.reminderDays ? ` ${t('surveys.page.reminder', { count: q.reminderDays })}` : ''}
      </p>
      {q.status === 'DRAFT' && (
        <button type="button" className="btn btn-primary" onClick={() => move.mutate('open')}>
          {t('surveys.page.open')}
        </button>
      )}
      {q.status === 'OPEN' && (
        <button type="button" className="btn btn-outline-primary" onClick={() => move.mutate('close')}>
          {t('surveys.page.close')}
        </button>
      )}
      <Link className="btn btn-outline-secondary" to={`/questionari/${q.id}/risultati`}>
        {t('surveys.page.results')}
      </Link>
      {(!q.anonymous || q.status === 'CLOSED') && (
        <>
          <a className="btn btn-outline-secondary" href={`/api/surveys/${q.id}/answers.csv`}>
            {t('surveys.page.exportCsv')}
          </a>
          <a className="btn btn-outline-secondary" href={`/api/surveys/${q.id}/answers.xlsx`}>
            {t('surveys.page.exportXlsx')}
          </a>
        </>
      )}
      {problem && (
        <p className="alert alert-danger w-100" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function Answering({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  if (q.hasAnswered)
    return (
      <p className="alert alert-success" role="status">
        {q.anonymous ? t('surveys.answer.doneAnonymous') : t('surveys.answer.done')}
      </p>
    );
  if (q.answeredBy === 'ORGANISATION')
    return (
      <>
        <p className="alert alert-info">
          {t('surveys.answer.byOrganisation')}{' '}
          <Link to={`/cti/questionari/${q.id}`}>{t('surveys.answer.councilLink')}</Link>
        </p>
        <QuestionList questionnaire={q} />
      </>
    );
  if (!q.isInvited) return <QuestionList questionnaire={q} />;
  if (q.status !== 'OPEN')
    return (
      <>
        <p className="alert alert-info">{t(`surveys.answer.notOpen.${q.status}`)}</p>
        <QuestionList questionnaire={q} />
      </>
    );
  return <AnswerForm questionnaire={q} />;
}

function QuestionList({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="domande">
      <h2 id="domande" className="h4">
        {t('surveys.page.questions')}
      </h2>
      <ol>
        {q.questions.map((question) => (
          <li key={question.key}>{question.label}</li>
        ))}
      </ol>
    </section>
  );
}

function AnswerForm({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<{ answers: FormAnswers }>({ defaultValues: { answers: {} } });
  const answers = form.watch('answers');
  const submit = useMutation({
    mutationFn: (values: { answers: FormAnswers }) =>
      surveys.answer(q.id, answersToSend(q.questions, values.answers)),
    onSuccess: (updated) => {
      setProblem(null);
      queryClient.setQueryData(surveysKeys.one(q.id), updated);
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['answers'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => submit.mutate(values))} noValidate className="lovit-form">
      <h2 className="h4">{t('surveys.answer.title')}</h2>
      {q.questions
        .filter((question) => isShown(question, answers))
        .map((question) => (
          <QuestionField
            key={question.key}
            question={question}
            registration={form.register(`answers.${question.key}`)}
            error={form.formState.errors.answers?.[question.key] as FieldError | undefined}
          />
        ))}
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={submit.isPending}>
        {t('surveys.answer.send')}
      </button>
    </form>
  );
}
