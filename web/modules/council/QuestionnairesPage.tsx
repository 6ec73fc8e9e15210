import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { QuestionnaireBuilder } from './QuestionnaireBuilder.tsx';
import { needs, needsKeys } from './requests.ts';

/** The questionnaires on needs: open ones to answer; the secretariat builds, opens and closes them. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const manages = usePermission('council.manage');
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
      {manages && <QuestionnaireBuilder />}
    </Page>
  );
}
