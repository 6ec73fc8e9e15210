import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  INDICATOR_KINDS,
  type IndicatorInput,
  type IndicatorsPage as IndicatorsView,
  type IndicatorView,
  MANUAL_SOURCE,
  type RecordsView,
  type SnapshotInput,
  type SnapshotView,
} from '../../../../src/modules/project/indicators/contract.ts';
import { api, withQuery } from '../../../app/api.ts';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { ProjectSectionPage } from '../ProjectSections.tsx';
import { decimal, FrozenEvidence, ManualValues, pageKey } from './ManualValues.tsx';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 0 });

type Period = { from: string; to: string };
/** What the detail shows: the records of a period, or for a value entered by hand the one a snapshot froze. */
type Shown = Period & { snapshotId: string | null };

/** The project's indicators: definitions with the value so far against the target, snapshots, chart, records. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useQuery({
    queryKey: pageKey(id),
    queryFn: () => api.get<IndicatorsView>(`/api/project/projects/${id}/indicators`),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const data = view.data;
  const indicator = data?.indicators.find((i) => i.id === selected) ?? null;
  const frozen = data?.snapshots.find((s) => s.id === shown?.snapshotId) ?? null;
  return (
    <ProjectSectionPage
      projectId={id}
      acronym={data?.project.acronym}
      title={
        data
          ? t('projectIndicators.title', { acronym: data.project.acronym })
          : t('projectIndicators.definitions')
      }
    >
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
          {data.indicators.length === 0 && <p>{t('projectIndicators.noIndicators')}</p>}
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
                          setShown({ from: row.current.from, to: row.current.to, snapshotId: null });
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
          {data.can.manage && <DefinitionForm view={data} indicator={null} key="new" />}
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
              <Figures
                snapshots={data.snapshots}
                indicator={indicator}
                onShow={(snapshot) =>
                  setShown({ from: snapshot.from, to: snapshot.to, snapshotId: snapshot.id })
                }
              />
              {data.can.manage && <DefinitionForm view={data} indicator={indicator} key={indicator.id} />}
              {indicator.source === MANUAL_SOURCE && frozen && (
                <FrozenEvidence
                  evidence={frozen.values.find((v) => v.indicatorId === indicator.id)?.evidence ?? null}
                  label={frozen.label}
                  unit={indicator.unit}
                  canDownload={data.can.evidence}
                />
              )}
              {indicator.source === MANUAL_SOURCE && (
                <ManualValues
                  indicator={indicator}
                  projectId={id}
                  canManage={data.can.manage}
                  canDownload={data.can.evidence}
                />
              )}
              {indicator.source !== MANUAL_SOURCE && shown && (
                <Records
                  key={`${indicator.id}-${shown.from}-${shown.to}`}
                  indicatorId={indicator.id}
                  period={{ from: shown.from, to: shown.to }}
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
    </ProjectSectionPage>
  );
}

/**
 * The chart's figures as a table: the value frozen in each snapshot, with the period's records on request, or
 * for a value entered by hand the evidence it was frozen with.
 */
function Figures({
  snapshots,
  indicator,
  onShow,
}: {
  snapshots: SnapshotView[];
  indicator: IndicatorView;
  onShow: (snapshot: SnapshotView) => void;
}) {
  const { t } = useTranslation();
  const show = indicator.source === MANUAL_SOURCE ? 'showEvidence' : 'showRecords';
  const rows = snapshots.flatMap((snapshot) => {
    const value = snapshot.values.find((v) => v.indicatorId === indicator.id);
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
                <button type="button" className="btn btn-link p-0" onClick={() => onShow(snapshot)}>
                  {`${t(`projectIndicators.${show}`)} – ${snapshot.label}`}
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

type DefinitionFields = Record<keyof IndicatorInput, string>;
const DEFINITION_FIELDS = ['code', 'name', 'kind', 'unit', 'baseline', 'target', 'workPackageId', 'source'];
/**
 * The project manager defines an indicator, or changes the one shown (a new version: the snapshots keep the
 * old one). Its source is a module's count or a value entered by hand.
 */
function DefinitionForm({ view, indicator }: { view: IndicatorsView; indicator: IndicatorView | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const blank: DefinitionFields = {
    code: '',
    name: '',
    kind: 'OUTPUT',
    unit: '',
    baseline: '0',
    target: '',
    workPackageId: '',
    source: '',
  };
  const form = useForm<DefinitionFields>({
    defaultValues: indicator
      ? {
          code: indicator.code,
          name: indicator.name,
          kind: indicator.kind,
          unit: indicator.unit,
          baseline: String(indicator.baseline).replace('.', ','),
          target: String(indicator.target).replace('.', ','),
          workPackageId: indicator.workPackageId ?? '',
          source: indicator.source,
        }
      : blank,
  });
  const save = useMutation({
    mutationFn: (values: DefinitionFields) => {
      const input = {
        ...values,
        baseline: decimal(values.baseline),
        target: decimal(values.target),
        workPackageId: values.workPackageId === '' ? null : values.workPackageId,
      };
      return indicator
        ? api.put<IndicatorsView>(`/api/project/indicators/${indicator.id}`, input)
        : api.post<IndicatorsView>(`/api/project/projects/${view.project.id}/indicators`, input);
    },
    onSuccess: (saved) => {
      setDone(true);
      setProblem(null);
      if (!indicator) form.reset(blank);
      client.setQueryData(pageKey(view.project.id), saved);
    },
    onError: (error) => {
      setDone(false);
      setProblem(reportProblem(error, form.setError, DEFINITION_FIELDS));
    },
  });
  const { errors } = form.formState;
  const headingId = `definizione-${indicator?.id ?? 'nuova'}`;
  return (
    <details className="mb-4" open={indicator === null && view.indicators.length === 0}>
      <summary id={headingId} className="h5">
        {indicator ? t('projectIndicators.editDefinition') : t('projectIndicators.newDefinition')}
      </summary>
      <form
        noValidate
        aria-labelledby={headingId}
        onSubmit={form.handleSubmit((values) => save.mutate(values))}
      >
        {indicator && <p className="small">{t('projectIndicators.versionHint')}</p>}
        <FormProblem message={problem} />
        {done && (
          <Notice
            message={
              indicator ? t('projectIndicators.definitionSaved') : t('projectIndicators.definitionAdded')
            }
          />
        )}
        <div className="row">
          <div className="col-md-3">
            <TextField
              label={t('projectIndicators.code')}
              registration={form.register('code')}
              error={errors.code}
            />
          </div>
          <div className="col-md-9">
            <TextField
              label={t('projectIndicators.name')}
              registration={form.register('name')}
              error={errors.name}
            />
          </div>
          <div className="col-md-4">
            <SelectField
              label={t('projectIndicators.kind')}
              registration={form.register('kind')}
              error={errors.kind}
            >
              {Object.entries(INDICATOR_KINDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <SelectField
              label={t('projectIndicators.workPackage')}
              registration={form.register('workPackageId')}
              error={errors.workPackageId}
            >
              <option value="">{t('projectIndicators.noWorkPackage')}</option>
              {view.workPackages.map((wp) => (
                <option key={wp.id} value={wp.id}>
                  {`${wp.code} – ${wp.title}`}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <SelectField
              label={t('projectIndicators.source')}
              registration={form.register('source')}
              error={errors.source}
            >
              <option value="">{t('projectIndicators.chooseSource')}</option>
              <option value={MANUAL_SOURCE}>{t('projectIndicators.manual')}</option>
              {view.sources.map((source) => (
                <option key={source.key} value={source.key}>
                  {`${source.workPackage} – ${source.name} (${source.unit})`}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectIndicators.unit')}
              registration={form.register('unit')}
              error={errors.unit}
            />
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectIndicators.baseline')}
              inputMode="decimal"
              registration={form.register('baseline')}
              error={errors.baseline}
            />
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectIndicators.target')}
              inputMode="decimal"
              registration={form.register('target')}
              error={errors.target}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {indicator ? t('projectIndicators.saveDefinition') : t('projectIndicators.addDefinition')}
        </button>
      </form>
    </details>
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
