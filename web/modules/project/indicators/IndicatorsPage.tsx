import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  INDICATOR_KINDS,
  type IndicatorsPage as IndicatorsView,
  MANUAL_SOURCE,
  type RecordsView,
  type SnapshotInput,
  type SnapshotView,
} from '../../../../src/modules/project/indicators/contract.ts';
import { api, withQuery } from '../../../app/api.ts';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { ProjectSections } from '../ProjectSections.tsx';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 0 });
const pageKey = (id: string) => ['project', 'projects', id, 'indicators'] as const;

type Period = { from: string; to: string };

/** The project's indicators: definitions with the value so far against the target, snapshots, chart, records. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useQuery({
    queryKey: pageKey(id),
    queryFn: () => api.get<IndicatorsView>(`/api/project/projects/${id}/indicators`),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period | null>(null);
  const data = view.data;
  const indicator = data?.indicators.find((i) => i.id === selected) ?? null;
  return (
    <Page
      title={
        data
          ? t('projectIndicators.title', { acronym: data.project.acronym })
          : t('projectIndicators.definitions')
      }
    >
      <ProjectSections projectId={id} />
      {view.isPending && <Loading />}
      {view.error && <LoadError error={view.error} />}
      {data && (
        <>
          <h2 className="h4 mt-4">{t('projectIndicators.definitions')}</h2>
          {data.indicators[0] && (
            <p>
              {t('projectIndicators.soFar', {
                from: formatDate(data.indicators[0].current.from),
                to: formatDate(data.indicators[0].current.to),
              })}
            </p>
          )}
          <TableScroll label={t('projectIndicators.definitions')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('projectIndicators.code')}</th>
                  <th scope="col">{t('projectIndicators.name')}</th>
                  <th scope="col">{t('projectIndicators.kind')}</th>
                  <th scope="col">{t('projectIndicators.workPackage')}</th>
                  <th scope="col">{t('projectIndicators.source')}</th>
                  <th scope="col">{t('projectIndicators.current')}</th>
                  <th scope="col">{t('projectIndicators.target')}</th>
                  <th scope="col">{t('projectIndicators.share')}</th>
                  <th scope="col">{t('projectIndicators.version')}</th>
                  <th scope="col">{t('projectIndicators.details')}</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((row) => (
                  <tr key={row.id}>
                    <td>{row.code}</td>
                    <td>{row.name}</td>
                    <td>{INDICATOR_KINDS[row.kind]}</td>
                    <td>{row.workPackage ?? '—'}</td>
                    <td>{row.source === MANUAL_SOURCE ? t('projectIndicators.manual') : row.sourceName}</td>
                    <td>
                      {row.current.value === null
                        ? t('projectIndicators.notMeasured')
                        : `${number.format(row.current.value)} ${row.unit}`}
                    </td>
                    <td>{`${number.format(row.target)} ${row.unit}`}</td>
                    <td>{row.current.share === null ? '—' : percent.format(row.current.share)}</td>
                    <td>{row.version}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-link p-0"
                        aria-pressed={selected === row.id}
                        onClick={() => {
                          setSelected(row.id);
                          setPeriod({ from: row.current.from, to: row.current.to });
                        }}
                      >
                        {`${t('projectIndicators.details')} ${row.code}`}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {indicator && (
            <section className="mt-4" aria-labelledby="indicator-detail">
              <h2 id="indicator-detail" className="h4">
                {`${indicator.code} – ${indicator.name}`}
              </h2>
              <h3 className="h5">{t('projectIndicators.chart')}</h3>
              <img
                src={`/api/project/indicators/${indicator.id}/chart.svg`}
                alt={t('projectIndicators.chartAlt', { code: indicator.code })}
                className="img-fluid"
              />
              <Figures snapshots={data.snapshots} indicatorId={indicator.id} onPeriod={setPeriod} />
              {indicator.source !== MANUAL_SOURCE && period && (
                <Records
                  key={`${indicator.id}-${period.from}-${period.to}`}
                  indicatorId={indicator.id}
                  period={period}
                />
              )}
            </section>
          )}
          <h2 className="h4 mt-4">{t('projectIndicators.snapshots')}</h2>
          {data.can.manage && <SnapshotForm projectId={id} />}
          {data.snapshots.length === 0 ? (
            <p>{t('projectIndicators.noSnapshots')}</p>
          ) : (
            <TableScroll label={t('projectIndicators.snapshots')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('projectIndicators.label')}</th>
                    <th scope="col">{t('projectIndicators.period')}</th>
                    <th scope="col">{t('projectIndicators.takenAt')}</th>
                    <th scope="col">{t('projectIndicators.takenBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.snapshots.map((snapshot) => (
                    <tr key={snapshot.id}>
                      <td>{snapshot.label}</td>
                      <td>{`${formatDate(snapshot.from)} – ${formatDate(snapshot.to)}`}</td>
                      <td>{formatDateTime(snapshot.takenAt)}</td>
                      <td>{snapshot.takenBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </Page>
  );
}

/** The chart's figures as a table: the value frozen in each snapshot, with the period's records on request. */
function Figures({
  snapshots,
  indicatorId,
  onPeriod,
}: {
  snapshots: SnapshotView[];
  indicatorId: string;
  onPeriod: (period: Period) => void;
}) {
  const { t } = useTranslation();
  const rows = snapshots.flatMap((snapshot) => {
    const value = snapshot.values.find((v) => v.indicatorId === indicatorId);
    return value ? [{ snapshot, value }] : [];
  });
  return (
    <TableScroll label={t('projectIndicators.figures')}>
      <table className="table">
        <caption>{t('projectIndicators.figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projectIndicators.label')}</th>
            <th scope="col">{t('projectIndicators.period')}</th>
            <th scope="col">{t('projectIndicators.value')}</th>
            <th scope="col">{t('projectIndicators.target')}</th>
            <th scope="col">{t('projectIndicators.version')}</th>
            <th scope="col">{t('projectIndicators.records')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ snapshot, value }) => (
            <tr key={snapshot.id}>
              <td>{snapshot.label}</td>
              <td>{`${formatDate(snapshot.from)} – ${formatDate(snapshot.to)}`}</td>
              <td>
                {value.value === null
                  ? t('projectIndicators.notMeasured')
                  : `${number.format(value.value)} ${value.unit}`}
              </td>
              <td>{number.format(value.target)}</td>
              <td>{value.definitionVersion}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-link p-0"
                  onClick={() => onPeriod({ from: snapshot.from, to: snapshot.to })}
                >
                  {`${t('projectIndicators.showRecords')} – ${snapshot.label}`}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The records behind a value for a period, a page at a time, as far as the user may see them. */
function Records({ indicatorId, period }: { indicatorId: string; period: Period }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const records = useQuery({
    queryKey: ['project', 'indicator-records', indicatorId, period.from, period.to, page],
    queryFn: () =>
      api.get<RecordsView>(withQuery(`/api/project/indicators/${indicatorId}/records`, { ...period, page })),
  });
  const data = records.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <section aria-labelledby="indicator-records">
      <h3 id="indicator-records" className="h5">
        {t('projectIndicators.records')}
      </h3>
      {records.isPending && <Loading />}
      {records.error && <LoadError error={records.error} />}
      {data?.restricted && <Notice message={t('projectIndicators.restricted')} />}
      {data && !data.restricted && (
        <>
          <p className="text-secondary">{t('projectIndicators.recordsLive')}</p>
          <p>
            {t('projectIndicators.recordsOf', {
              from: formatDate(data.from),
              to: formatDate(data.to),
              total: data.total,
            })}
          </p>
          {data.rows.length === 0 ? (
            <p>{t('projectIndicators.noRecords')}</p>
          ) : (
            <TableScroll label={t('projectIndicators.records')}>
              <table className="table table-sm">
                <thead>
                  <tr>
                    {data.columns.map((column) => (
                      <th scope="col" key={column.key}>
                        {column.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={JSON.stringify(row)}>
                      {data.columns.map((column) => (
                        <td key={column.key}>{row[column.key] ?? '—'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <nav
            aria-label={t('projectIndicators.pageOf', { page, pages })}
            className="d-flex gap-2 align-items-center"
          >
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('projectIndicators.previous')}
            </button>
            <span>{t('projectIndicators.pageOf', { page, pages })}</span>
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('projectIndicators.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

/** The project manager freezes the values of a reporting period. */
function SnapshotForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<SnapshotInput>({ defaultValues: { label: '', from: '', to: '' } });
  const freeze = useMutation({
    mutationFn: (input: SnapshotInput) =>
      api.post<SnapshotView>(`/api/project/projects/${projectId}/indicator-snapshots`, input),
    onSuccess: async () => {
      setDone(true);
      setProblem(null);
      form.reset();
      await client.invalidateQueries({ queryKey: pageKey(projectId) });
    },
    onError: (error) => {
      setDone(false);
      setProblem(reportProblem(error, form.setError, ['label', 'from', 'to']));
    },
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((input) => freeze.mutate(input))} className="mb-4">
      <FormProblem message={problem} />
      {done && <Notice message={t('projectIndicators.frozen')} />}
      <div className="row">
        <div className="col-md-4">
          <TextField
            label={t('projectIndicators.label')}
            registration={form.register('label')}
            error={errors.label}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('projectIndicators.from')}
            registration={form.register('from')}
            error={errors.from}
          />
        </div>
        <div className="col-md-3">
          <TextField
            type="date"
            label={t('projectIndicators.to')}
            registration={form.register('to')}
            error={errors.to}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={freeze.isPending}>
        {t('projectIndicators.freeze')}
      </button>
    </form>
  );
}
