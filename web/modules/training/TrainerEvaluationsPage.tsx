import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { QuestionFigures } from '../surveys/ResultsPage.tsx';
import { feedback, feedbackKeys } from './feedbackRequests.ts';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/** A trainer's evaluations across their editions: those closed with at least 5 answers, together. */
export function TrainerEvaluationsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useQuery({ queryKey: feedbackKeys.trainer(id), queryFn: () => feedback.trainer(id) });
  const trail = [{ label: t('modules.training.title'), to: '/formazione' }];
  if (view.isPending || view.error)
    return (
      <Page title={t('trainingFeedback.trainer.loading')} trail={trail}>
        {view.error ? <LoadError error={view.error} /> : <Loading />}
      </Page>
    );
  const data = view.data;
  return (
    <Page title={t('trainingFeedback.trainer.title', { name: data.trainer.name })} trail={trail}>
      <p className="lead">{t('trainingFeedback.trainer.intro')}</p>
      {data.editions.length === 0 ? (
        <p className="alert alert-info">{t('trainingFeedback.trainer.none')}</p>
      ) : (
        <TableScroll label={t('trainingFeedback.trainer.editions')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('trainingFeedback.trainer.edition')}</th>
                <th scope="col">{t('trainingFeedback.needs.status')}</th>
                <th scope="col" className="text-end">
                  {t('trainingFeedback.needs.answers')}
                </th>
                <th scope="col" className="text-end">
                  {t('trainingFeedback.trainer.satisfaction')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.editions.map((edition) => (
                <tr key={edition.editionId}>
                  <th scope="row">
                    <Link to={`/formazione/edizioni/${edition.editionId}`}>
                      {edition.courseTitle} – {edition.editionName}
                    </Link>
                  </th>
                  <td>{t(`surveys.status.${edition.status}`)}</td>
                  <td className="text-end">{edition.responses}</td>
                  <td className="text-end">
                    {edition.satisfaction === null
                      ? t('trainingFeedback.trainer.notShown')
                      : number.format(edition.satisfaction)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 className="h4 mt-4">{t('trainingFeedback.trainer.together', { count: data.answers })}</h2>
      {data.questions.map((question, index) => (
        <QuestionFigures key={question.key} number={index + 1} question={question} />
      ))}
    </Page>
  );
}
