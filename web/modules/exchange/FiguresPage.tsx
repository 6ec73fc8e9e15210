import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from './BarChart.tsx';
import { type DashboardView, exportUrl, figureKeys, figures } from './figuresRequests.ts';
import './exchange.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const numbers = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });
const days = (value: number | null) => (value === null ? '–' : numbers.format(value));

/** Where files wait between the offices: answer times, overdue opinions, weekly answers, time in each state. */
export function FiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const since = DAY.test(params.get('dal') ?? '') ? (params.get('dal') as string) : null;
  const view = useQuery({ queryKey: figureKeys.dashboard(since), queryFn: () => figures.dashboard(since) });
  const [value, setValue] = useState(since ?? '');
  const id = useId();

  const choose = (event: FormEvent) => {
    event.preventDefault();
    setParams(value ? { dal: value } : {});
  };

  return (
    <Page title={t('exchangeFigures.title')} trail={[{ label: t('modules.opinions.title'), to: '/pareri' }]}>
      <p>{t('exchangeFigures.intro')}</p>
      <search aria-label={t('exchangeFigures.sinceLabel')} className="d-block mb-4">
        <form onSubmit={choose} className="lovit-form d-flex flex-wrap align-items-end gap-3">
          <div className="form-group mb-0">
            <label htmlFor={id} className="active">
              {t('exchangeFigures.since')}
            </label>
            <input
              id={id}
              type="date"
              className="form-control"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t('exchangeFigures.show')}
          </button>
          <a className="btn btn-link" href={exportUrl(since, 'csv')} download>
            {t('exchangeFigures.csv')}
          </a>
          <a className="btn btn-link" href={exportUrl(since, 'xlsx')} download>
            {t('exchangeFigures.xlsx')}
          </a>
        </form>
      </search>
      {view.isPending ? (
        <Loading />
      ) : view.error ? (
        <LoadError error={view.error} />
      ) : (
        <Figures view={view.data} />
      )}
    </Page>
  );
}

function Figures({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const label = (row: DashboardView['bodies'][number]) => `${row.bodyName} – ${row.caseTypeName}`;
  if (view.bodies.length === 0 && view.stages.length === 0)
    return <p className="alert alert-info">{t('exchangeFigures.empty')}</p>;
  return (
    <>
      <h2 className="h4">{t('exchangeFigures.opinionsHeading')}</h2>
      <BarChart
        title={t('exchangeFigures.answerChart')}
        unit={t('exchangeFigures.days')}
        legend={{ value: t('exchangeFigures.median'), secondary: t('exchangeFigures.p90') }}
        bars={view.bodies.map((row) => ({
          label: label(row),
          value: row.answer.medianDays,
          secondary: row.answer.p90Days,
        }))}
      />
      <BarChart
        title={t('exchangeFigures.trendChart', { since: formatDate(view.since) })}
        unit={t('exchangeFigures.days')}
        legend={{ value: t('exchangeFigures.after'), secondary: t('exchangeFigures.before') }}
        bars={view.bodies.map((row) => ({
          label: label(row),
          value: row.after.medianDays,
          secondary: row.before.medianDays,
        }))}
      />
      <TableScroll label={t('exchangeFigures.opinionsCaption')}>
        <table className="table">
          <caption className="visually-hidden">{t('exchangeFigures.opinionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exchangeFigures.body')}</th>
              <th scope="col">{t('exchangeFigures.answered')}</th>
              <th scope="col">{t('exchangeFigures.median')}</th>
              <th scope="col">{t('exchangeFigures.p90')}</th>
              <th scope="col">{t('exchangeFigures.overdue')}</th>
              <th scope="col">{t('exchangeFigures.open')}</th>
              <th scope="col">{t('exchangeFigures.silent')}</th>
            </tr>
          </thead>
          <tbody>
            {view.bodies.map((row) => (
              <tr key={`${row.body}-${row.caseType}`}>
                <th scope="row" className="fw-normal">
                  {label(row)}
                </th>
                <td>{row.answer.count}</td>
                <td>{days(row.answer.medianDays)}</td>
                <td>{days(row.answer.p90Days)}</td>
                <td className={row.overdueNow > 0 ? 'text-danger fw-semibold' : undefined}>
                  {row.overdueNow}
                </td>
                <td>{row.openNow}</td>
                <td>{row.silentConsents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {view.weekly.length > 0 && (
        <BarChart
          title={t('exchangeFigures.weeklyChart')}
          unit={t('exchangeFigures.opinionsUnit')}
          legend={{ value: t('exchangeFigures.answered') }}
          bars={view.weekly.map((row) => ({
            label: `${formatDate(row.week)} – ${view.bodies.find((b) => b.body === row.body)?.bodyName ?? row.body}`,
            value: row.answered,
          }))}
        />
      )}
      {view.stages.length > 0 && (
        <>
          <h2 className="h4 mt-4">{t('exchangeFigures.stagesHeading')}</h2>
          <BarChart
            title={t('exchangeFigures.stagesChart')}
            unit={t('exchangeFigures.days')}
            legend={{ value: t('exchangeFigures.median'), secondary: t('exchangeFigures.p90') }}
            bars={view.stages.map((row) => ({
              label: `${row.caseTypeName} – ${row.stageName}`,
              value: row.medianDays,
              secondary: row.p90Days,
            }))}
          />
        </>
      )}
      {view.problems.length > 0 && (
        <>
          <h2 className="h4 mt-4">{t('exchangeFigures.problemsHeading')}</h2>
          <ul>
            {view.problems.map((row) => (
              <li key={row.category}>
                {t('exchangeFigures.problemLine', {
                  category: row.categoryName,
                  open: row.open,
                  resolved: row.resolved,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
