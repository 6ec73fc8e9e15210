import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ORGANISATION_TYPES } from '../../../src/modules/identity/contract.ts';
import type { QuestionResult } from '../../../src/modules/surveys/contract.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from './BarChart.tsx';
import { surveys, surveysKeys } from './requests.ts';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/** The results of a questionnaire, question by question: a chart and the same figures as a table. */
export function ResultsPage() {
  const { t } = useTranslation();
  const filterId = useId();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const organisationType = params.get('tipo') ?? '';
  const results = useQuery({
    queryKey: surveysKeys.results(id, organisationType),
    queryFn: () => surveys.results(id, organisationType),
    placeholderData: keepPreviousData,
  });
  const trail = [
    { label: t('modules.surveys.title'), to: '/questionari' },
    { label: results.data?.title ?? t('surveys.page.loading'), to: `/questionari/${id}` },
  ];
  const title = results.data
    ? t('surveys.results.title', { title: results.data.title })
    : t('surveys.page.loading');
  return (
    <Page title={title} trail={trail}>
      {results.isPending ? (
        <Loading />
      ) : results.error ? (
        <LoadError error={results.error} />
      ) : (
        <>
          <p>
            {t('surveys.results.figures', { answers: results.data.answers, invited: results.data.invited })}
          </p>
          {!results.data.anonymous && (
            <div className="select-wrapper lovit-field" style={{ maxWidth: '24rem' }}>
              <label htmlFor={filterId}>{t('surveys.results.filter')}</label>
              <select
                id={filterId}
                value={organisationType}
                onChange={(event) => setParams(event.target.value ? { tipo: event.target.value } : {})}
              >
                <option value="">{t('surveys.results.allTypes')}</option>
                {Object.entries(ORGANISATION_TYPES).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {results.data.withheld ? (
            <p className="alert alert-info">{results.data.withheld}</p>
          ) : results.data.answers === 0 ? (
            <p className="alert alert-info">{t('surveys.results.none')}</p>
          ) : (
            results.data.questions.map((question, index) => (
              <QuestionFigures key={question.key} number={index + 1} question={question} />
            ))
          )}
        </>
      )}
    </Page>
  );
}

export function QuestionFigures({ number: n, question: q }: { number: number; question: QuestionResult }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h5">
        {n}. {q.label}
      </h2>
      <p>
        {t('surveys.results.answered', { count: q.answered })}
        {q.mean !== null && ` ${t('surveys.results.mean', { mean: number.format(q.mean) })}`}
        {q.min !== null &&
          q.max !== null &&
          ` ${t('surveys.results.range', { min: number.format(q.min), max: number.format(q.max) })}`}
        {q.kind === 'MULTI_CHOICE' && ` ${t('surveys.results.multiShare')}`}
      </p>
      {q.counts.length > 0 && (
        <div className="row">
          <div className="col-12 col-lg-7">
            <BarChart title={t('surveys.results.chart', { question: q.label })} counts={q.counts} />
          </div>
          <div className="col-12 col-lg-5">
            <TableScroll label={t('surveys.results.table', { question: q.label })}>
              <table className="table table-sm">
                <thead>
                  <tr>
                    <th scope="col">
                      {q.kind === 'SCALE' ? t('surveys.results.level') : t('surveys.results.option')}
                    </th>
                    <th scope="col" className="text-end">
                      {t('surveys.results.count')}
                    </th>
                    <th scope="col" className="text-end">
                      {t('surveys.results.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {q.counts.map((c) => (
                    <tr key={c.label}>
                      <th scope="row">{c.label}</th>
                      <td className="text-end">{c.count}</td>
                      <td className="text-end">{c.share}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        </div>
      )}
      {q.texts.length > 0 && (
        <ul>
          {q.texts.map((text, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two people may write the same text
            <li key={index}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
