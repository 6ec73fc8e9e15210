import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ResponseForm } from './ResponseForm.tsx';
import { needs, needsKeys, type QuestionnaireView } from './requests.ts';

/** A questionnaire: its questions and the answer form; for the secretariat, opening, closing and the export. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const list = useQuery({ queryKey: needsKeys.questionnaires, queryFn: needs.questionnaires });
  const questionnaire = list.data?.find((q) => q.id === id);
  const trail = [
    { label: t('modules.council.title'), to: '/cti' },
    { label: t('council.questionnaires.title'), to: '/cti/questionari' },
  ];
  if (list.isPending || list.error || !questionnaire)
    return (
      <Page title={t('council.questionnaires.loading')} trail={trail}>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <LoadError error={list.error} />
        ) : (
          <p>{t('council.questionnaires.missing')}</p>
        )}
      </Page>
    );
  return (
    <Page title={questionnaire.title} trail={trail}>
      <p className="lead">{questionnaire.intro}</p>
      <p>
        <span className="badge bg-secondary">
          {t(`council.questionnaires.status.${questionnaire.status}`)}
        </span>{' '}
        {t('council.questionnaires.responses', { count: questionnaire.responses })}
      </p>
      <SecretariatActions questionnaire={questionnaire} />
      {questionnaire.status === 'OPEN' ? (
        <ResponseForm questionnaire={questionnaire} />
      ) : (
        <ol>
          {questionnaire.questions.map((q) => (
            <li key={q.key}>{q.label}</li>
          ))}
        </ol>
      )}
    </Page>
  );
}

function SecretariatActions({ questionnaire }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  const manages = usePermission('council.manage');
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (verb: 'open' | 'close') => needs.move(questionnaire.id, verb),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: needsKeys.questionnaires }),
    onError: (error) => setProblem(error.message),
  });
  if (!manages) return null;
  return (
    <div className="d-flex flex-wrap gap-2 mb-4">
      {questionnaire.status === 'DRAFT' && (
        <button type="button" className="btn btn-primary" onClick={() => move.mutate('open')}>
          {t('council.questionnaires.open')}
        </button>
      )}
      {questionnaire.status === 'OPEN' && (
        <button type="button" className="btn btn-outline-primary" onClick={() => move.mutate('close')}>
          {t('council.questionnaires.close')}
        </button>
      )}
      <Link className="btn btn-outline-secondary" to={`/questionari/${questionnaire.id}`}>
        {t('council.questionnaires.invitationsAndResults')}
      </Link>
      <a
        className="btn btn-outline-secondary"
        href={`/api/council/questionnaires/${questionnaire.id}/responses.csv`}
      >
        {t('council.questionnaires.export')}
      </a>
      <a
        className="btn btn-outline-secondary"
        href={`/api/council/questionnaires/${questionnaire.id}/responses.xlsx`}
      >
        {t('council.questionnaires.exportXlsx')}
      </a>
      {problem && (
        <p className="alert alert-danger" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
