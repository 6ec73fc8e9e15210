import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QUESTION_KINDS } from '../../../src/modules/surveys/contract.ts';
import { usePermission } from '../../app/session.ts';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { QuestionFigures } from '../surveys/ResultsPage.tsx';
import { consultant, consultantKeys, type TableQuestionnaireView } from './consultantRequests.ts';

/** A questionnaire of a thematic table: what it asks, how far the answers have come, and its results. */
export function TableQuestionnairePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const manages = usePermission('council.manage');
  const one = useQuery({
    queryKey: consultantKeys.questionnaire(id),
    queryFn: () => consultant.questionnaire(id),
  });
  const trail = [
    { label: t('modules.council.title'), to: '/cti' },
    manages
      ? { label: t('councilConsultant.proposals.title'), to: '/cti/proposte' }
      : { label: t('councilConsultant.desk.title'), to: '/cti/consulenza' },
  ];
  if (one.isPending || one.error)
    return (
      <Page title={t('surveys.page.loading')} trail={trail}>
        {one.isPending ? <Loading /> : <LoadError error={one.error} />}
      </Page>
    );
  const q = one.data;
  return (
    <Page title={q.title} trail={trail}>
      <p className="lead lovit-prose">{q.intro}</p>
      <p>
        {t('councilConsultant.questionnaires.ofTable', { table: q.tableName })}{' '}
        <span className="badge bg-secondary">{t(`surveys.status.${q.status}`)}</span>{' '}
        {q.anonymous && <span className="badge bg-secondary">{t('surveys.anonymous')}</span>}
      </p>
      <p>
        {t('surveys.page.figures', { answers: q.responses, invited: q.invited })}
        {q.reminderDays ? ` ${t('surveys.page.reminder', { count: q.reminderDays })}` : ''}
      </p>
      {q.anonymous && <p>{t('councilConsultant.questionnaires.anonymousNote')}</p>}
      <CloseQuestionnaire questionnaire={q} />
      <h2 className="h4 mt-4">{t('surveys.page.questions')}</h2>
      <ol>
        {q.questions.map((question) => (
          <li key={question.key}>
            {question.label} <span className="small text-secondary">({QUESTION_KINDS[question.kind]})</span>
          </li>
        ))}
      </ol>
      <Results id={q.id} />
    </Page>
  );
}

/** Closing, while it is open; the notice that it was closed stays once it is. */
function CloseQuestionnaire({ questionnaire: q }: { questionnaire: TableQuestionnaireView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () => consultant.closeQuestionnaire(q.id),
    onSuccess: () => {
      setProblem(null);
      setDone(t('councilConsultant.questionnaires.closed'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
    onError: (error) => setProblem(error.message),
  });
  return (
    <div className="mb-4">
      <Notice message={done} />
      {q.status === 'OPEN' && (
        <button
          type="button"
          className="btn btn-outline-primary"
          disabled={close.isPending}
          onClick={() => close.mutate()}
        >
          {t('surveys.page.close')}
        </button>
      )}
      <FormProblem message={problem} />
    </div>
  );
}

function Results({ id }: { id: string }) {
  const { t } = useTranslation();
  const results = useQuery({ queryKey: consultantKeys.results(id), queryFn: () => consultant.results(id) });
  return (
    <section aria-labelledby="risultati" className="mt-5">
      <h2 id="risultati" className="h4">
        {t('councilConsultant.questionnaires.results')}
      </h2>
      {results.isPending ? (
        <Loading />
      ) : results.error ? (
        <LoadError error={results.error} />
      ) : results.data.withheld ? (
        <p className="alert alert-info">{results.data.withheld}</p>
      ) : results.data.answers === 0 ? (
        <p className="alert alert-info">{t('surveys.results.none')}</p>
      ) : (
        results.data.questions.map((question, index) => (
          <QuestionFigures key={question.key} number={index + 1} question={question} />
        ))
      )}
    </section>
  );
}
