import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { Item } from '../cases/DetailItem.tsx';
import { AnswerForm, QuestionForm, ReplyForm } from './OpinionForms.tsx';
import { OpinionHistory } from './OpinionHistory.tsx';
import { OpinionClock, OpinionState } from './OpinionStatus.tsx';
import { OpinionSubject } from './OpinionSubject.tsx';
import { keys, type OpinionDetail, opinions } from './requests.ts';

/** One opinion: what it is about, its clock, the questions and answers so far, and what the user may do now. */
export function OpinionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const detail = useQuery({ queryKey: keys.opinion(id), queryFn: () => opinions.get(id) });
  const trail = [{ label: t('modules.opinions.title'), to: '/pareri' }];
  // The form just used may be gone with the new state: the reader goes on from the heading, under which the
  // outcome is announced.
  const done = (message: string) => {
    setNotice(message);
    document.querySelector<HTMLElement>('main [data-page-heading]')?.focus();
  };

  if (detail.isPending || detail.error) {
    return (
      <Page title={t('exchange.opinion.loadingTitle')} trail={trail}>
        {detail.isPending ? <Loading /> : <LoadError error={detail.error} />}
      </Page>
    );
  }

  const opinion = detail.data;
  const latest = latestAnswer(opinion);
  const openQuestion = opinion.questions.find((question) => question.reply === null);
  return (
    <Page title={t('exchange.opinion.title', { number: opinion.caseNumber })} trail={trail}>
      <Notice message={notice} />
      <OpinionSummary opinion={opinion} />
      {opinion.can.answer && <AnswerForm opinion={opinion} corrects={null} onDone={done} />}
      {opinion.can.ask && <QuestionForm opinion={opinion} onDone={done} />}
      {opinion.can.reply && openQuestion && (
        <ReplyForm opinionId={opinion.id} question={openQuestion} body={opinion.bodyName} onDone={done} />
      )}
      <OpinionSubject subject={opinion.subject} />
      <OpinionHistory opinion={opinion} />
      {opinion.can.correct && latest && (
        <AnswerForm key={latest.id} opinion={opinion} corrects={latest} onDone={done} />
      )}
    </Page>
  );
}

/** The answer in force: the last one that no later answer corrects. */
function latestAnswer(opinion: OpinionDetail) {
  return opinion.answers.filter((a) => !opinion.answers.some((b) => b.correctsId === a.id)).at(-1) ?? null;
}

function OpinionSummary({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="parere-sintesi" className="mb-5">
      <h2 id="parere-sintesi" className="visually-hidden">
        {t('exchange.opinion.summary')}
      </h2>
      <p className="lead mb-4">{opinion.title}</p>
      <dl className="row">
        <Item label={t('exchange.opinion.label')}>{opinion.label}</Item>
        <Item label={t('exchange.opinion.caseType')}>{opinion.caseTypeName}</Item>
        <Item label={t('exchange.opinion.requester')}>
          {opinion.requesterName}
          <span className="d-block small">
            {t('exchange.opinion.requestedOn', { date: formatDate(opinion.requestedOn) })}
          </span>
        </Item>
        <Item label={t('exchange.opinion.body')}>{opinion.bodyName}</Item>
        <Item label={t('exchange.opinion.dueOn')}>
          <OpinionClock clock={opinion.clock} />
          <span className="d-block small">
            {t('exchange.opinion.responseDays', { count: opinion.responseDays })}
          </span>
        </Item>
        <Item label={t('exchange.opinion.state')}>
          <OpinionState state={opinion.state} outcome={opinion.outcome} />
        </Item>
        {opinion.silenceRule && <Item label={t('exchange.opinion.silenceRule')}>{opinion.silenceRule}</Item>}
      </dl>
    </section>
  );
}
