import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupDemand, TopicDemand } from '../../../src/modules/training/contract.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from '../surveys/BarChart.tsx';
import { feedback, feedbackKeys, type NeedsResultsView } from './feedbackRequests.ts';
import { PlanControl } from './PlanControl.tsx';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const mean = (value: number | null) => (value === null ? '—' : number.format(value));

/** The demand a needs survey shows: the topics most asked for (the list to plan from), by track and type. */
export function NeedsResultsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const results = useQuery({
    queryKey: feedbackKeys.needsResults(id),
    queryFn: () => feedback.needsResults(id),
  });
  const trail = [
    { label: t('modules.training.title'), to: '/formazione' },
    { label: t('trainingFeedback.needs.title'), to: '/formazione/fabbisogni' },
  ];
  if (results.isPending || results.error)
    return (
      <Page title={t('trainingFeedback.needs.title')} trail={trail}>
        {results.error ? <LoadError error={results.error} /> : <Loading />}
      </Page>
    );
  const data = results.data;
  return (
    <Page title={data.title} trail={trail}>
      <p>
        {t('surveys.results.figures', { answers: data.answers, invited: data.invited })}{' '}
        <Link to={`/questionari/${data.id}`}>{t('trainingFeedback.needs.manage')}</Link>
        {' · '}
        <Link to={`/questionari/${data.id}/risultati`}>{t('trainingFeedback.needs.allQuestions')}</Link>
      </p>
      {data.withheld ? (
        <p className="alert alert-info">{data.withheld}</p>
      ) : data.answers === 0 ? (
        <p className="alert alert-info">{t('surveys.results.none')}</p>
      ) : (
        <>
          <Topics results={data} />
          <Groups title={t('trainingFeedback.needs.byTrack')} groups={data.byTrack} topics={data.topics} />
          <Groups
            title={t('trainingFeedback.needs.byOrganisationType')}
            groups={data.byOrganisationType}
            topics={data.topics}
          />
        </>
      )}
    </Page>
  );
}

function Topics({ results }: { results: NeedsResultsView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="argomenti" className="mb-5">
      <h2 id="argomenti" className="h4">
        {t('trainingFeedback.needs.topics')}
      </h2>
      <p>{t('trainingFeedback.needs.topicsNote')}</p>
      <BarChart
        title={t('trainingFeedback.needs.chart')}
        counts={results.topics.map((topic) => ({
          label: topic.topic,
          count: topic.high,
          share: topic.highShare,
        }))}
      />
      <TableScroll label={t('trainingFeedback.needs.topics')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('trainingFeedback.needs.rank')}</th>
              <th scope="col">{t('trainingFeedback.needs.topic')}</th>
              <th scope="col" className="text-end">
                {t('trainingFeedback.needs.mean')}
              </th>
              <th scope="col" className="text-end">
                {t('trainingFeedback.needs.high')}
              </th>
              <th scope="col">{t('trainingFeedback.needs.programme')}</th>
            </tr>
          </thead>
          <tbody>
            {results.topics.map((topic, index) => (
              <tr key={topic.key}>
                <td>{index + 1}</td>
                <th scope="row">{topic.topic}</th>
                <td className="text-end">{mean(topic.mean)}</td>
                <td className="text-end">
                  {topic.high} ({topic.highShare}%)
                </td>
                <td>
                  <Plan surveyId={results.id} topic={topic} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Plan({ surveyId, topic }: { surveyId: string; topic: TopicDemand }) {
  const queryClient = useQueryClient();
  return (
    <PlanControl
      topic={topic.topic}
      course={topic.course}
      change={(courseId) =>
        courseId === null
          ? feedback.unplan(surveyId, topic.key)
          : feedback.plan(surveyId, topic.key, courseId)
      }
      onChanged={(updated) => queryClient.setQueryData(feedbackKeys.needsResults(surveyId), updated)}
    />
  );
}

function Groups({ title, groups, topics }: { title: string; groups: GroupDemand[]; topics: TopicDemand[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const total = groups.reduce((sum, group) => sum + group.answers, 0);
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4">
        {title}
      </h2>
      <BarChart
        title={t('trainingFeedback.needs.groupChart', { title })}
        counts={groups.map((group) => ({
          label: group.label,
          count: group.answers,
          share: total ? Math.round((group.answers / total) * 100) : 0,
        }))}
      />
      <TableScroll label={title}>
        <table className="table table-sm">
          <thead>
            <tr>
              <th scope="col">{t('trainingFeedback.needs.group')}</th>
              <th scope="col" className="text-end">
                {t('trainingFeedback.needs.answers')}
              </th>
              {topics.map((topic) => (
                <th scope="col" className="text-end" key={topic.key}>
                  {topic.topic}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.label}>
                <th scope="row">{group.label}</th>
                <td className="text-end">{group.answers}</td>
                {topics.map((topic) => (
                  <td className="text-end" key={topic.key}>
                    {mean(group.means.find((m) => m.key === topic.key)?.mean ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="small">{t('trainingFeedback.needs.groupNote')}</p>
    </section>
  );
}
