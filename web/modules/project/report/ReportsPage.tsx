import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  REPORT_KINDS,
  REPORT_STATUSES,
  type ReportInput,
  type ReportList,
  type ReportView,
  type SectionView,
} from '../../../../src/modules/project/report/contract.ts';
import { api } from '../../../app/api.ts';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { ProjectSections } from '../ProjectSections.tsx';

const keys = {
  list: (projectId: string) => ['project', 'reports', projectId] as const,
  report: (id: string) => ['project', 'report', id] as const,
};

const reports = {
  list: (projectId: string) => api.get<ReportList>(`/api/project/projects/${projectId}/reports`),
  create: (projectId: string, input: ReportInput) =>
    api.post<ReportView>(`/api/project/projects/${projectId}/reports`, input),
  get: (id: string) => api.get<ReportView>(`/api/project/reports/${id}`),
  save: (id: string, key: string, body: string) =>
    api.put<ReportView>(`/api/project/reports/${id}/sections/${key}`, { body }),
  finalise: (id: string) => api.post<ReportView>(`/api/project/reports/${id}/final`),
  pdfUrl: (id: string) => `/api/project/reports/${id}/report.pdf`,
  docxUrl: (id: string) => `/api/project/reports/${id}/report.docx`,
};

/** The progress reports of a project: their list, a new draft, and the editor of the one chosen. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const chosen = search.get('relazione');
  const list = useQuery({ queryKey: keys.list(id), queryFn: () => reports.list(id) });
  return (
    <Page
      title={
        list.data
          ? t('projectReports.title', { acronym: list.data.project.acronym })
          : t('projectReports.heading')
      }
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: list.data?.project.acronym ?? t('projectReports.project'), to: `/progetto/${id}` },
      ]}
    >
      <ProjectSections projectId={id} />
      <p>{t('projectReports.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <Reports list={list.data} />
          {chosen && <Report projectId={id} reportId={chosen} />}
          {list.data.can.manage && <NewReport list={list.data} />}
        </>
      )}
    </Page>
  );
}

function Reports({ list }: { list: ReportList }) {
  const { t } = useTranslation();
  if (list.reports.length === 0) return <p>{t('projectReports.empty')}</p>;
  return (
    <TableScroll label={t('projectReports.heading')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('projectReports.fields.title')}</th>
            <th scope="col">{t('projectReports.fields.kind')}</th>
            <th scope="col">{t('projectReports.fields.period')}</th>
            <th scope="col">{t('projectReports.fields.status')}</th>
            <th scope="col">{t('projectReports.fields.createdBy')}</th>
          </tr>
        </thead>
        <tbody>
          {list.reports.map((report) => (
            <tr key={report.id}>
              <td>
                <Link to={`?relazione=${report.id}`}>{report.title}</Link>
              </td>
              <td>{REPORT_KINDS[report.kind]}</td>
              <td>
                {formatDate(report.from)} – {formatDate(report.to)}
              </td>
              <td>{REPORT_STATUSES[report.status]}</td>
              <td>
                {report.createdByName}, {formatDateTime(report.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type NewFields = { title: string; kind: ReportInput['kind']; from: string; to: string; snapshotId: string };

function NewReport({ list }: { list: ReportList }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, setSearch] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<NewFields>({
    defaultValues: { title: '', kind: 'INTERMEDIATE', from: '', to: '', snapshotId: '' },
  });
  const create = useMutation({
    mutationFn: (values: NewFields) =>
      reports.create(list.project.id, { ...values, snapshotId: values.snapshotId || null }),
    onSuccess: (report) => {
      void queryClient.invalidateQueries({ queryKey: keys.list(list.project.id) });
      form.reset();
      setSearch({ relazione: report.id });
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['title', 'kind', 'from', 'to', 'snapshotId'])),
  });
  const required = { required: t('validation.required') };
  return (
    <section aria-labelledby="nuova-relazione" className="mt-5">
      <h2 id="nuova-relazione" className="h4">
        {t('projectReports.new.heading')}
      </h2>
      <FormProblem message={problem} />
      <form
        noValidate
        className="lovit-form"
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          create.mutate(values);
        })}
      >
        <TextField
          label={t('projectReports.fields.title')}
          registration={form.register('title', required)}
          error={form.formState.errors.title}
        />
        <SelectField label={t('projectReports.fields.kind')} registration={form.register('kind')}>
          {Object.entries(REPORT_KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          type="date"
          label={t('projectReports.fields.from')}
          registration={form.register('from', required)}
          error={form.formState.errors.from}
        />
        <TextField
          type="date"
          label={t('projectReports.fields.to')}
          registration={form.register('to', required)}
          error={form.formState.errors.to}
        />
        <SelectField
          label={t('projectReports.fields.snapshot')}
          registration={form.register('snapshotId')}
          error={form.formState.errors.snapshotId}
        >
          <option value="">{t('projectReports.fields.latestSnapshot')}</option>
          {list.snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label} ({formatDate(s.from)} – {formatDate(s.to)})
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('projectReports.new.submit')}
        </button>
      </form>
    </section>
  );
}

function Report({ projectId, reportId }: { projectId: string; reportId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const report = useQuery({ queryKey: keys.report(reportId), queryFn: () => reports.get(reportId) });
  const [problem, setProblem] = useState<string | null>(null);
  const finalise = useMutation({
    mutationFn: () => reports.finalise(reportId),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.report(reportId), view);
      void queryClient.invalidateQueries({ queryKey: keys.list(projectId) });
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  if (report.isPending) return <Loading />;
  if (report.error) return <LoadError error={report.error} />;
  const view = report.data;
  return (
    <section aria-labelledby="relazione" className="mt-4">
      <h2 id="relazione" className="h3">
        {view.title}
      </h2>
      <p>
        {REPORT_KINDS[view.kind]} · {formatDate(view.from)} – {formatDate(view.to)} ·{' '}
        {REPORT_STATUSES[view.status]}
        {view.facts.project.cup && <> · CUP {view.facts.project.cup}</>}
      </p>
      <p className="small">{t('projectReports.report.asOf', { day: formatDate(view.facts.asOf) })}</p>
      {view.status === 'FINAL' && (
        <p className="alert alert-info">
          {t('projectReports.report.finalBy', {
            day: formatDate(view.finalisedAt),
            name: view.finalisedByName,
          })}{' '}
          {t('projectReports.report.locked')}
        </p>
      )}
      <h3 className="h5">{t('projectReports.report.downloads')}</h3>
      <ul className="list-inline">
        <li className="list-inline-item">
          <a href={reports.pdfUrl(view.id)}>{t('projectReports.report.pdf')}</a>
        </li>
        <li className="list-inline-item">
          <a href={reports.docxUrl(view.id)}>{t('projectReports.report.docx')}</a>
        </li>
      </ul>
      {view.sections.map((section) => (
        <Section key={section.key} report={view} section={section} />
      ))}
      <FormProblem message={problem} />
      {view.can.edit && (
        <button
          type="button"
          className="btn btn-outline-primary mt-3"
          disabled={finalise.isPending}
          onClick={() => {
            if (window.confirm(t('projectReports.report.confirmFinal'))) {
              setProblem(null);
              finalise.mutate();
            }
          }}
        >
          {t('projectReports.report.final')}
        </button>
      )}
    </section>
  );
}

function Section({ report, section }: { report: ReportView; section: SectionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(section.body);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => reports.save(report.id, section.key, body),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.report(report.id), view);
      setSaved(true);
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  const fieldId = `sezione-${section.key}`;
  return (
    <section aria-labelledby={`${fieldId}-titolo`} className="mt-4">
      <h3 id={`${fieldId}-titolo`} className="h4">
        {section.heading}
      </h3>
      <Facts report={report} sectionKey={section.key} />
      {report.can.edit ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setProblem(null);
            setSaved(false);
            save.mutate();
          }}
        >
          <FormProblem message={problem} />
          <label htmlFor={fieldId} className="form-label">
            {t('projectReports.report.text')}
          </label>
          <textarea
            id={fieldId}
            className="form-control"
            rows={8}
            value={body}
            aria-describedby={`${fieldId}-aiuto`}
            onChange={(event) => {
              setBody(event.target.value);
              setSaved(false);
            }}
          />
          <p id={`${fieldId}-aiuto`} className="form-text">
            {t('projectReports.report.textHint')}{' '}
            {t('projectReports.report.lastEdit', {
              name: section.updatedByName,
              when: formatDateTime(section.updatedAt),
            })}
          </p>
          <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
            {t('projectReports.report.save')}
          </button>
          {saved && (
            <span role="status" className="ms-2 small">
              {t('projectReports.report.saved')}
            </span>
          )}
        </form>
      ) : (
        section.body
          .split(/\n\s*\n/)
          .filter((p) => p.trim())
          .map((paragraph) => <p key={paragraph}>{paragraph}</p>)
      )}
    </section>
  );
}

type Item = ReportView['facts']['packages'][number]['items'][number];

type StateKey = 'done' | 'doneLate' | 'late' | 'ahead' | 'cancelled' | 'onTime';

function stateKey(item: Item): StateKey {
  switch (item.state) {
    case 'DONE':
      return item.days > 0 ? 'doneLate' : 'done';
    case 'LATE':
      return 'late';
    case 'AHEAD':
      return 'ahead';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return 'onTime';
  }
}

/** The figures assembled with the report next to a section: a package's items, or the indicators. */
function Facts({ report, sectionKey }: { report: ReportView; sectionKey: string }) {
  const { t } = useTranslation();
  const wp = report.facts.packages.find((p) => p.code.toLowerCase().replace(/[^a-z0-9]/g, '') === sectionKey);
  if (wp) {
    if (wp.items.length === 0) return <p>{t('projectReports.report.noItems')}</p>;
    return (
      <TableScroll label={wp.code}>
        <table className="table table-sm">
          <thead>
            <tr>
              <th scope="col">{t('projectReports.items.item')}</th>
              <th scope="col">{t('projectReports.items.planned')}</th>
              <th scope="col">{t('projectReports.items.actual')}</th>
              <th scope="col">{t('projectReports.items.state')}</th>
            </tr>
          </thead>
          <tbody>
            {wp.items.map((item) => (
              <tr key={item.code}>
                <th scope="row">
                  {item.code} {item.title}
                </th>
                <td>
                  {formatDate(item.plannedStart)} – {formatDate(item.plannedEnd)}
                </td>
                <td>
                  {item.actualStart === null
                    ? t('projectReports.items.notStarted')
                    : item.actualEnd === null
                      ? t('projectReports.items.since', { day: formatDate(item.actualStart) })
                      : `${formatDate(item.actualStart)} – ${formatDate(item.actualEnd)}`}
                </td>
                <td>{t(`projectReports.states.${stateKey(item)}`, { count: item.days })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }
  if (sectionKey !== 'indicators') return null;
  const snapshot = report.facts.snapshot;
  if (!snapshot) return <p>{t('projectReports.report.noSnapshot')}</p>;
  return (
    <TableScroll label={snapshot.label}>
      <table className="table table-sm">
        <caption>
          {snapshot.label} ({formatDate(snapshot.from)} – {formatDate(snapshot.to)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('projectReports.indicators.indicator')}</th>
            <th scope="col" className="text-end">
              {t('projectReports.indicators.value')}
            </th>
            <th scope="col" className="text-end">
              {t('projectReports.indicators.target')}
            </th>
            <th scope="col" className="text-end">
              {t('projectReports.indicators.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshot.values.map((v) => (
            <tr key={v.code}>
              <th scope="row">
                {v.code} {v.name}
              </th>
              <td className="text-end">
                {v.value === null
                  ? t('projectReports.indicators.none')
                  : `${v.value.toLocaleString('it-IT')} ${v.unit}`}
              </td>
              <td className="text-end">
                {v.target.toLocaleString('it-IT')} {v.unit}
              </td>
              <td className="text-end">{v.share === null ? '–' : `${Math.round(v.share * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
