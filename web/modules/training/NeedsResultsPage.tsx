import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupDemand, TopicDemand } from '../../../src/modules/training/contract.ts';
import { ApiError } from '../../app/api.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from '../surveys/BarChart.tsx';
import { feedback, feedbackKeys, type NeedsResultsView } from './feedbackRequests.ts';
import { keys, training } from './requests.ts';

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
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [courseId, setCourseId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const courses = useQuery({ queryKey: keys.courses(1), queryFn: () => training.courses(1) });
  const change = useMutation({
    mutationFn: () =>
      topic.course ? feedback.unplan(surveyId, topic.key) : feedback.plan(surveyId, topic.key, courseId),
    onSuccess: (updated) => {
      setProblem(null);
      queryClient.setQueryData(feedbackKeys.needsResults(surveyId), updated);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : String(error)),
  });
  if (topic.course)
    return (
      <span className="d-flex flex-wrap gap-2 align-items-center">
        <span className="badge bg-success">{t('trainingFeedback.needs.planned')}</span>
        <Link to={`/formazione/corsi/${topic.course.id}`}>{topic.course.title}</Link>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => change.mutate()}>
          {t('trainingFeedback.needs.unplan', { topic: topic.topic })}
        </button>
      </span>
    );
  return (
    <form
      className="d-flex flex-wrap gap-2 align-items-end"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <div className="select-wrapper lovit-field mb-0">
        <label htmlFor={id}>{t('trainingFeedback.needs.course', { topic: topic.topic })}</label>
        <select id={id} value={courseId} onChange={(event) => setCourseId(event.target.value)}>
          <option value="">{t('trainingFeedback.needs.chooseCourse')}</option>
          {(courses.data?.items ?? []).map((course) => (
            <option key={course.id} value={course.id}>
              {course.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm">
        {t('trainingFeedback.needs.plan')}
      </button>
      {problem && (
        <p className="text-danger w-100 mb-0" role="alert">
          {problem}
        </p>
      )}
    </form>
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
