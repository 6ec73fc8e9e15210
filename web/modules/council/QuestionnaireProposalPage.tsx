import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { QuestionnaireBuilder } from '../surveys/QuestionnaireBuilder.tsx';
import { consultant, consultantKeys } from './consultantRequests.ts';

/**
 * The consultant prepares a questionnaire of a table assigned to them, as the questionnaires' builder does: it goes
 * to the secretariat as a proposal, and only its approval opens it and invites the table's members.
 */
export function QuestionnaireProposalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const desk = useQuery({ queryKey: consultantKeys.desk, queryFn: consultant.desk });
  const table = desk.data?.tables.find((item) => item.id === id);
  return (
    <Page
      title={
        table
          ? t('councilConsultant.questionnaires.proposeTitle', { table: table.name })
          : t('councilConsultant.questionnaires.proposeLoading')
      }
      trail={[
        { label: t('modules.council.title'), to: '/cti' },
        { label: t('councilConsultant.desk.title'), to: '/cti/consulenza' },
      ]}
    >
      {desk.isPending ? (
        <Loading />
      ) : desk.error ? (
        <LoadError error={desk.error} />
      ) : !table ? (
        <p className="alert alert-warning">{t('councilConsultant.questionnaires.notAssigned')}</p>
      ) : (
        <>
          <p>{t('councilConsultant.questionnaires.proposeIntro')}</p>
          <QuestionnaireBuilder
            kinds={['COUNCIL_TABLE']}
            asksPurpose={false}
            submitLabel={t('councilConsultant.questionnaires.propose')}
            save={({ settings, ...questionnaire }) =>
              consultant.proposeQuestionnaire(id, {
                ...questionnaire,
                anonymous: settings.anonymous,
                reminderDays: settings.reminderDays,
              })
            }
            onSaved={() => {
              void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
              void navigate('/cti/consulenza', {
                state: { notice: t('councilConsultant.questionnaires.proposed') },
              });
            }}
          />
        </>
      )}
    </Page>
  );
}
