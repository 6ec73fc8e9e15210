import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { keys, legalQuestions, type QuestionView } from './requests.ts';
import './team.css';

/** The earliest due first; of two due the same day, the one asked first. */
function byDueDate(a: QuestionView, b: QuestionView): number {
  return a.dueOn.localeCompare(b.dueOn) || a.askedAt.localeCompare(b.askedAt);
}

/** The legal expert's queue: the office's questions still waiting for an answer, the most urgent first. */
export function LegalQuestionsPage() {
  const { t } = useTranslation();
  const open = useQuery({ queryKey: keys.legalQueue, queryFn: legalQuestions.open });
  return (
    <Page title={t('cases.legalQueue.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <p>{t('cases.legalQueue.intro')}</p>
      {open.isPending ? (
        <Loading />
      ) : open.error ? (
        <LoadError error={open.error} />
      ) : open.data.length === 0 ? (
        <p className="alert alert-info">{t('cases.legalQueue.empty')}</p>
      ) : (
        <QueueTable items={[...open.data].sort(byDueDate)} />
      )}
    </Page>
  );
}

function QueueTable({ items }: { items: QuestionView[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('cases.legalQueue.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('cases.legalQueue.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.questions.dueOn')}</th>
            <th scope="col">{t('cases.case.loadingTitle')}</th>
            <th scope="col">{t('cases.questions.question')}</th>
            <th scope="col">{t('cases.questions.askedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((question) => (
            <tr key={question.id}>
              <td className="text-nowrap">
                {formatDate(question.dueOn)}
                {question.isOverdue && (
                  <span className="d-block">
                    <span className="badge bg-danger">{t('cases.deadline.OVERDUE')}</span>
                  </span>
                )}
              </td>
              <th scope="row" className="fw-normal text-nowrap">
                <Link to={`/pratiche/${question.caseId}`}>{question.caseNumber}</Link>
              </th>
              <td className="lovit-prose text-break lovit-queue-question">{question.question}</td>
              <td>
                {question.askedBy}
                <span className="d-block small text-nowrap">{formatDateTime(question.askedAt)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
