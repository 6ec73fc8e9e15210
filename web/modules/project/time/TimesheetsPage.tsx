import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePermission } from '../../../app/session.ts';
import { formatDate } from '../../../ui/dates.ts';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { ProjectSections } from '../ProjectSections.tsx';
import { keys as projectKeys, projects } from '../requests.ts';
import {
  euro,
  hoursOfText,
  hoursText,
  type MyTimesheets,
  monthText,
  TIMESHEET_STATUSES,
  type TimesheetStatus,
  type TimesheetView,
  time,
  timeKeys,
} from './requests.ts';

type Done = (message: string) => void;

/** My monthly timesheets (hours per work package and activity), and the supervisor's queue of sheets sent. */
export function TimesheetsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: projectKeys.project(id), queryFn: () => projects.get(id) });
  const fillsOwn = usePermission('project.timesheets.own');
  const approves = usePermission('project.timesheets.approve');
  const [done, setDone] = useState<string | null>(null);
  const acronym = project.data?.acronym;
  return (
    <Page
      title={acronym ? t('projectTime.sheets.title', { acronym }) : t('projectTime.sheets.heading')}
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: acronym ?? t('projectTime.project'), to: `/progetto/${id}` },
      ]}
    >
      <ProjectSections projectId={id} />
      <Notice message={done} />
      {approves && <Queue projectId={id} onDone={setDone} />}
      {fillsOwn && <MySheets projectId={id} onDone={setDone} />}
    </Page>
  );
}

const thisMonth = () => new Date().toISOString().slice(0, 7);
const EDITABLE: readonly TimesheetStatus[] = ['DRAFT', 'REJECTED'];

function MySheets({ projectId, onDone }: { projectId: string; onDone: Done }) {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: timeKeys.mine(projectId), queryFn: () => time.mine(projectId) });
  const [staffId, setStaffId] = useState<string | null>(null);
  const [month, setMonth] = useState(thisMonth);
  const contractId = useId();
  const monthId = useId();
  if (mine.isPending) return <Loading />;
  if (mine.error) return <LoadError error={mine.error} />;
  const { contracts, sheets } = mine.data;
  const contract = contracts.find((c) => c.id === staffId) ?? contracts[0];
  return (
    <section className="mt-4" aria-labelledby="my-sheets">
      <h2 id="my-sheets" className="h4">
        {t('projectTime.sheets.mine')}
      </h2>
      {!contract ? (
        <p>{t('projectTime.sheets.noContract')}</p>
      ) : (
        <>
          <div className="row">
            {contracts.length > 1 && (
              <div className="col-md-6 select-wrapper lovit-field">
                <label htmlFor={contractId}>{t('projectTime.sheets.contract')}</label>
                <select id={contractId} value={contract.id} onChange={(e) => setStaffId(e.target.value)}>
                  {contracts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.contractReference}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="col-md-6 form-group">
              <label htmlFor={monthId} className="active">
                {t('projectTime.sheets.month')}
              </label>
              <input
                id={monthId}
                type="month"
                className="form-control"
                value={month}
                max={thisMonth()}
                onChange={(e) => e.target.value && setMonth(e.target.value)}
              />
            </div>
          </div>
          <SheetEditor
            key={`${contract.id}/${month}`}
            projectId={projectId}
            data={mine.data}
            contract={contract}
            month={month}
            onDone={onDone}
          />
          <History sheets={sheets.filter((s) => s.staffId === contract.id)} onOpen={setMonth} />
        </>
      )}
    </section>
  );
}

type Contract = MyTimesheets['contracts'][number];
const rowKey = (workPackageId: string, itemId: string | null) => `${workPackageId}/${itemId ?? ''}`;

function SheetEditor({
  projectId,
  data,
  contract,
  month,
  onDone,
}: {
  projectId: string;
  data: MyTimesheets;
  contract: Contract;
  month: string;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sheet = data.sheets.find((s) => s.staffId === contract.id && s.month === month);
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (sheet?.lines ?? []).map((line) => [rowKey(line.workPackageId, line.itemId), hoursText(line.hours)]),
    ),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const editable = !sheet || EDITABLE.includes(sheet.status);
  const rows = data.workPackages.flatMap((wp) => [
    {
      key: rowKey(wp.id, null),
      workPackageId: wp.id,
      itemId: null,
      label: t('projectTime.sheets.general', { code: wp.code }),
    },
    ...wp.activities.map((a) => ({
      key: rowKey(wp.id, a.id),
      workPackageId: wp.id,
      itemId: a.id,
      label: `${a.code} ${a.title}`,
    })),
  ]);
  const notes = new Map(
    (sheet?.lines ?? []).map((line) => [rowKey(line.workPackageId, line.itemId), line.note]),
  );
  const parsed = rows.map((row) => ({ row, hours: hoursOfText(typed[row.key] ?? '') }));
  const wrong = rows.filter(
    (row) => (typed[row.key] ?? '').trim() !== '' && hoursOfText(typed[row.key] ?? '') === null,
  );
  const total = parsed.reduce((sum, p) => sum + (p.hours ?? 0), 0);
  const lines = parsed
    .filter((p) => p.hours !== null && p.hours > 0)
    .map((p) => ({
      workPackageId: p.row.workPackageId,
      itemId: p.row.itemId,
      hours: p.hours as number,
      note: notes.get(p.row.key) ?? null,
    }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: timeKeys.sheets(projectId) });
  const save = useMutation({
    mutationFn: async (send: boolean) => {
      await time.save(contract.id, month, { lines });
      if (send) await time.submit(contract.id, month);
      return send;
    },
    onSuccess: (send) => {
      setProblem(null);
      void refresh();
      onDone(send ? t('projectTime.sheets.submitted') : t('projectTime.sheets.saved'));
    },
    onError: (error) => {
      setProblem(reportProblem(error, () => undefined, []));
      void refresh();
    },
  });
  const caps = [
    contract.monthlyHoursCap !== null &&
      t('projectTime.staff.monthly', { hours: hoursText(contract.monthlyHoursCap) }),
    contract.totalHoursCap !== null &&
      t('projectTime.staff.total', { hours: hoursText(contract.totalHoursCap) }),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="mt-3">
      <h3 className="h5">
        {monthText(month)}
        {sheet && <span className="badge bg-secondary ms-2">{TIMESHEET_STATUSES[sheet.status]}</span>}
      </h3>
      <p className="small">
        {t('projectTime.staff.period', {
          from: formatDate(contract.contractStartsOn),
          to: formatDate(contract.contractEndsOn),
        })}
        {caps && ` · ${t('projectTime.sheets.caps', { caps })}`}
      </p>
      {sheet?.rejectionReason && sheet.status !== 'SUBMITTED' && (
        <div className="alert alert-warning" role="status">
          {t('projectTime.sheets.rejectedBecause', {
            name: sheet.decidedByName ?? '',
            reason: sheet.rejectionReason,
          })}
        </div>
      )}
      {!editable && <p>{t('projectTime.sheets.readOnly')}</p>}
      <FormProblem message={problem} />
      <table className="table lovit-timesheet">
        <caption className="visually-hidden">{t('projectTime.sheets.grid')}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="fw-normal">
                <label htmlFor={`ore-${row.key}`}>{row.label}</label>
              </th>
              <td className="text-end" style={{ width: '6.5rem' }}>
                <input
                  id={`ore-${row.key}`}
                  className={`form-control text-end${wrong.includes(row) ? ' is-invalid' : ''}`}
                  inputMode="decimal"
                  value={typed[row.key] ?? ''}
                  readOnly={!editable}
                  aria-invalid={wrong.includes(row) ? true : undefined}
                  onChange={(e) => setTyped((current) => ({ ...current, [row.key]: e.target.value }))}
                />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('projectTime.sheets.total')}</th>
            <td className="text-end fw-semibold">{t('projectTime.hours', { hours: hoursText(total) })}</td>
          </tr>
        </tfoot>
      </table>
      {wrong.length > 0 && <p className="text-danger">{t('projectTime.staff.hoursFormat')}</p>}
      {editable && (
        <div className="d-flex flex-wrap gap-2">
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={save.isPending || wrong.length > 0}
            onClick={() => save.mutate(false)}
          >
            {t('projectTime.sheets.save')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.isPending || wrong.length > 0 || total === 0}
            onClick={() => save.mutate(true)}
          >
            {t('projectTime.sheets.submit')}
          </button>
        </div>
      )}
    </div>
  );
}

function History({ sheets, onOpen }: { sheets: TimesheetView[]; onOpen: (month: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="mt-4" aria-labelledby="my-months">
      <h3 id="my-months" className="h5">
        {t('projectTime.sheets.history')}
      </h3>
      {sheets.length === 0 ? (
        <p>{t('projectTime.sheets.noSheets')}</p>
      ) : (
        <TableScroll label={t('projectTime.sheets.historyLabel')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('projectTime.sheets.month')}</th>
                <th scope="col">{t('projectTime.sheets.status')}</th>
                <th scope="col" className="text-end">
                  {t('projectTime.sheets.total')}
                </th>
                <th scope="col" className="text-end">
                  {t('projectTime.sheets.cost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sheets.map((sheet) => (
                <tr key={sheet.id}>
                  <th scope="row">
                    <button type="button" className="btn btn-link p-0" onClick={() => onOpen(sheet.month)}>
                      {monthText(sheet.month)}
                    </button>
                  </th>
                  <td>{TIMESHEET_STATUSES[sheet.status]}</td>
                  <td className="text-end">{hoursText(sheet.hours)}</td>
                  <td className="text-end">
                    {sheet.costCents === null ? t('projectTime.none') : euro(sheet.costCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Queue({ projectId, onDone }: { projectId: string; onDone: Done }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TimesheetStatus | ''>('SUBMITTED');
  const filterId = useId();
  const queue = useQuery({
    queryKey: timeKeys.queue(projectId, status),
    queryFn: () => time.queue(projectId, status),
  });
  return (
    <section className="mt-4" aria-labelledby="sheet-queue">
      <h2 id="sheet-queue" className="h4">
        {t('projectTime.sheets.queue')}
      </h2>
      <div className="select-wrapper lovit-field" style={{ maxWidth: '20rem' }}>
        <label htmlFor={filterId}>{t('projectTime.sheets.filter')}</label>
        <select
          id={filterId}
          value={status}
          onChange={(e) => setStatus(e.target.value as TimesheetStatus | '')}
        >
          <option value="">{t('projectTime.sheets.all')}</option>
          {Object.entries(TIMESHEET_STATUSES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <LoadError error={queue.error} />
      ) : queue.data.sheets.length === 0 ? (
        <p>{t('projectTime.sheets.queueEmpty')}</p>
      ) : (
        <ul className="list-unstyled">
          {queue.data.sheets.map((sheet) => (
            <QueuedSheet
              key={sheet.id}
              projectId={projectId}
              sheet={sheet}
              canDecide={queue.data.can.approve}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueuedSheet({
  projectId,
  sheet,
  canDecide,
  onDone,
}: {
  projectId: string;
  sheet: TimesheetView;
  canDecide: boolean;
  onDone: Done;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = useId();
  const decide = useMutation({
    mutationFn: (approve: boolean) => (approve ? time.approve(sheet.id) : time.reject(sheet.id, { reason })),
    onSuccess: (view) => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: timeKeys.sheets(projectId) });
      onDone(
        view.status === 'APPROVED' ? t('projectTime.sheets.approved') : t('projectTime.sheets.rejected'),
      );
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  return (
    <li className="card card-bg mb-3">
      <div className="card-body">
        <h3 className="h5 card-title">
          {t('projectTime.sheets.sheetOf', { name: sheet.personName, month: monthText(sheet.month) })}
          <span className="badge bg-secondary ms-2">{TIMESHEET_STATUSES[sheet.status]}</span>
        </h3>
        <p className="small mb-2">{sheet.organisation}</p>
        <ul>
          {sheet.lines.map((line) => (
            <li key={`${line.workPackageId}/${line.itemId ?? ''}`}>
              {line.item ?? line.workPackage}: {t('projectTime.hours', { hours: hoursText(line.hours) })}
              {line.note && <span className="small"> – {line.note}</span>}
            </li>
          ))}
        </ul>
        <p className="mb-2">
          {t('projectTime.sheets.total')}: {t('projectTime.hours', { hours: hoursText(sheet.hours) })}
          {sheet.hourlyCostCents === null ? (
            <span className="d-block small">{t('projectTime.sheets.noHourly')}</span>
          ) : (
            <span className="d-block">
              {t('projectTime.sheets.valued', {
                hours: hoursText(sheet.hours),
                hourly: euro(sheet.hourlyCostCents),
                cost: euro(sheet.costCents ?? Math.round(sheet.hours * sheet.hourlyCostCents)),
              })}
            </span>
          )}
        </p>
        {sheet.rejectionReason && (
          <p className="small">
            {t('projectTime.sheets.rejectedBecause', {
              name: sheet.decidedByName ?? '',
              reason: sheet.rejectionReason,
            })}
          </p>
        )}
        <FormProblem message={problem} />
        {canDecide && sheet.status === 'SUBMITTED' && (
          <>
            {rejecting && (
              <div className="form-group">
                <label htmlFor={reasonId} className="active">
                  {t('projectTime.sheets.reason')}
                </label>
                <textarea
                  id={reasonId}
                  className="form-control"
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
            )}
            <div className="d-flex flex-wrap gap-2">
              {rejecting ? (
                <>
                  <button
                    type="button"
                    className="btn btn-danger"
                    disabled={decide.isPending || reason.trim() === ''}
                    onClick={() => decide.mutate(false)}
                  >
                    {t('projectTime.sheets.confirmReject')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-outline-secondary"
                    onClick={() => setRejecting(false)}
                  >
                    {t('projectTime.sheets.cancel')}
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate(true)}
                  >
                    {t('projectTime.sheets.approve')}
                  </button>
                  <button type="button" className="btn btn-outline-danger" onClick={() => setRejecting(true)}>
                    {t('projectTime.sheets.reject')}
                  </button>
                </>
              )}
            </div>
          </>
        )}
      </div>
    </li>
  );
}
