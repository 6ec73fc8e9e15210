import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { THEMES } from '../../../src/modules/council/contract.ts';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { QuestionnaireBuilder } from '../surveys/QuestionnaireBuilder.tsx';
import { needs, needsKeys } from './requests.ts';

/** The questionnaires on needs: open ones to answer; the secretariat builds, opens and closes them. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const manages = usePermission('council.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: needsKeys.questionnaires, queryFn: needs.questionnaires });
  return (
    <Page
      title={t('council.questionnaires.title')}
      trail={[{ label: t('modules.council.title'), to: '/cti' }]}
    >
      <p>{t('council.questionnaires.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('council.questionnaires.empty')}</p>
      ) : (
        <ul>
          {list.data.map((questionnaire) => (
            <li key={questionnaire.id}>
              <Link to={`/cti/questionari/${questionnaire.id}`}>{questionnaire.title}</Link>{' '}
              <span className="badge bg-secondary">
                {t(`council.questionnaires.status.${questionnaire.status}`)}
              </span>{' '}
              {t('council.questionnaires.responses', { count: questionnaire.responses })}
            </li>
          ))}
        </ul>
      )}
      {manages && (
        <QuestionnaireBuilder
          themes={THEMES}
          save={({ settings: _, ...questionnaire }) => needs.createQuestionnaire(questionnaire)}
          onSaved={(id) => {
            void queryClient.invalidateQueries({ queryKey: needsKeys.questionnaires });
            void navigate(`/cti/questionari/${id}`);
          }}
        />
      )}
    </Page>
  );
}
