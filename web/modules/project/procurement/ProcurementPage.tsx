import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ExpenseList } from '../../../../src/modules/project/finance/contract.ts';
import { formatEuro } from '../../../../src/modules/project/finance/contract.ts';
import {
  ANSWERS,
  type CheckInput,
  CODES,
  DOCUMENT_KINDS,
  type DocumentKind,
  KINDS,
  OUTCOMES,
  PROCEDURES,
  type ProcurementInput,
  type ProcurementList,
  type ProcurementView,
} from '../../../../src/modules/project/procurement/contract.ts';
import { api } from '../../../app/api.ts';
import { usePermission } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { SelectField, sentence, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { KindedUploadForm } from '../KindedUploadForm.tsx';
import { ProjectSectionPage } from '../ProjectSections.tsx';
import { AssignmentContracts } from './AssignmentContracts.tsx';

const keys = {
  list: (projectId: string) => ['project', 'procurements', projectId] as const,
  file: (id: string) => ['project', 'procurement', id] as const,
};

const requests = {
  list: (projectId: string) => api.get<ProcurementList>(`/api/project/projects/${projectId}/procurements`),
  file: (id: string) => api.get<ProcurementView>(`/api/project/procurements/${id}`),
  create: (projectId: string, input: ProcurementInput) =>
    api.post<ProcurementView>(`/api/project/projects/${projectId}/procurements`, input),
  update: (id: string, input: ProcurementInput) =>
    api.put<ProcurementView>(`/api/project/procurements/${id}`, input),
  attach: (id: string, kind: string, file: File) =>
    api.upload<ProcurementView>(`/api/project/procurements/${id}/documents`, { kind, file }),
  documentUrl: (id: string, documentId: string) => `/api/project/procurements/${id}/documents/${documentId}`,
  removeDocument: (id: string, documentId: string) =>
    api.delete<ProcurementView>(`/api/project/procurements/${id}/documents/${documentId}`),
  link: (id: string, expenseId: string) =>
    api.post<ProcurementView>(`/api/project/procurements/${id}/expenses`, { expenseId }),
  unlink: (id: string, expenseId: string) =>
    api.delete<ProcurementView>(`/api/project/procurements/${id}/expenses/${expenseId}`),
  check: (id: string, input: CheckInput) =>
    api.post<ProcurementView>(`/api/project/procurements/${id}/checks`, input),
  expenses: (projectId: string, organisationId: string) =>
    api.get<ExpenseList>(`/api/project/projects/${projectId}/expenses`, { organisationId }),
};

/** Euros as typed by a clerk («1.234,56», «1234.5», «80») in cents; null when it is not an amount. */
function parseEuro(typed: string): number | null {
  const compact = typed.replace(/[\s€]/g, '');
  const normalised = compact.includes(',')
    ? compact.replace(/\./g, '').replace(',', '.')
    : /^\d{1,3}(\.\d{3})+$/.test(compact)
      ? compact.replace(/\./g, '')
      : compact;
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  const [units = '0', decimals = ''] = normalised.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

const typedEuro = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const orNull = (value: string) => value.trim() || null;

/** The procurement files of a project: the list, one file with its documents, expenses and checks, the forms. */
export function ProcurementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: keys.list(id), queryFn: () => requests.list(id) });
  const chosen = params.get('procedura');
  const [editing, setEditing] = useState<ProcurementView | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const readsAssignments = usePermission('project.assignments.read');
  const choose = (fileId: string | null) => {
    const next = new URLSearchParams(params);
    if (fileId) next.set('procedura', fileId);
    else next.delete('procedura');
    setParams(next);
  };
  return (
    <ProjectSectionPage
      projectId={id}
      acronym={list.data?.acronym}
      title={
        list.data
          ? t('projectProcurement.title', { acronym: list.data.acronym })
          : t('projectProcurement.heading')
      }
    >
      <Notice message={done} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <p>{t('projectProcurement.intro')}</p>
          <Files list={list.data} onChoose={choose} />
          {list.data.can.manage &&
            (editing ? (
              <FileForm
                key={editing === 'new' ? 'new' : editing.id}
                list={list.data}
                file={editing === 'new' ? null : editing}
                onClose={(saved, message) => {
                  setEditing(null);
                  if (saved) choose(saved.id);
                  if (message) setDone(message);
                }}
              />
            ) : (
              <button type="button" className="btn btn-primary mt-3" onClick={() => setEditing('new')}>
                {t('projectProcurement.add')}
              </button>
            ))}
          {chosen && !editing && (
            <FileDetail key={chosen} fileId={chosen} onEdit={setEditing} onDone={setDone} />
          )}
          {readsAssignments && <AssignmentContracts projectId={id} />}
        </>
      )}
    </ProjectSectionPage>
  );
}

function Files({ list, onChoose }: { list: ProcurementList; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  if (list.files.length === 0) return <p>{t('projectProcurement.empty')}</p>;
  return (
    <TableScroll label={t('projectProcurement.list')}>
      <table className="table table-sm">
        <caption className="visually-hidden">{t('projectProcurement.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projectProcurement.fields.subject')}</th>
            <th scope="col">{t('projectProcurement.fields.procedure')}</th>
            <th scope="col">{t('projectProcurement.fields.cig')}</th>
            <th scope="col">{t('projectProcurement.fields.organisation')}</th>
            <th scope="col" className="text-end">
              {t('projectProcurement.fields.amount')}
            </th>
            <th scope="col">{t('projectProcurement.fields.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {list.files.map((file) => (
            <tr key={file.id}>
              <th scope="row">
                <button
                  type="button"
                  className="btn btn-link p-0 text-start"
                  onClick={() => onChoose(file.id)}
                >
                  {file.subject}
                </button>
                <div className="small text-secondary">{KINDS[file.kind]}</div>
                {file.flags.map((flag) => (
                  <div key={flag.rule} className="small text-danger">
                    {flag.message}
                  </div>
                ))}
              </th>
              <td>{PROCEDURES[file.procedure]}</td>
              <td>{file.cig ?? '—'}</td>
              <td>{file.organisationName}</td>
              <td className="text-end">{formatEuro(file.amountCents)}</td>
              <td className={file.standing === 'NEGATIVE' ? 'text-danger fw-semibold' : undefined}>
                {OUTCOMES[file.standing]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function FileDetail({
  fileId,
  onEdit,
  onDone,
}: {
  fileId: string;
  onEdit: (file: ProcurementView) => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const file = useQuery({ queryKey: keys.file(fileId), queryFn: () => requests.file(fileId) });
  if (file.isPending) return <Loading />;
  if (file.error) return <LoadError error={file.error} />;
  const f = file.data;
  const current = f.checks.find((c) => c.isCurrent);
  return (
    <section className="mt-5 border-top pt-4" aria-labelledby="dettaglio-procedura">
      <h2 id="dettaglio-procedura" className="h4">
        {f.subject}
      </h2>
      <dl className="row">
        <dt className="col-sm-4">{t('projectProcurement.fields.kind')}</dt>
        <dd className="col-sm-8">{KINDS[f.kind]}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.procedure')}</dt>
        <dd className="col-sm-8">{PROCEDURES[f.procedure]}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.cig')}</dt>
        <dd className="col-sm-8">{f.cig ?? '—'}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.amount')}</dt>
        <dd className="col-sm-8">{formatEuro(f.amountCents)}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.organisation')}</dt>
        <dd className="col-sm-8">{f.organisationName}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.contractor')}</dt>
        <dd className="col-sm-8">{f.contractorName ?? '—'}</dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.dates')}</dt>
        <dd className="col-sm-8">
          {t('projectProcurement.dates', {
            decision: formatDate(f.decisionOn),
            contract: f.contractOn ? formatDate(f.contractOn) : '—',
          })}
        </dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.code')}</dt>
        <dd className="col-sm-8">
          {CODES[f.code]}
          {f.threshold && (
            <div className="small">
              {t('projectProcurement.threshold', {
                limit: formatEuro(f.threshold.limitCents),
                source: f.threshold.source,
              })}
            </div>
          )}
        </dd>
        <dt className="col-sm-4">{t('projectProcurement.fields.standing')}</dt>
        <dd className="col-sm-8">
          {OUTCOMES[f.standing]}
          {current &&
            ` · ${t('projectProcurement.checkedBy', { name: current.checkedByName, date: formatDate(current.checkedOn) })}`}
        </dd>
      </dl>
      {f.flags.length > 0 && (
        <div className="alert alert-warning">
          <h3 className="h6">{t('projectProcurement.flags')}</h3>
          <ul className="mb-0">
            {f.flags.map((flag) => (
              <li key={flag.rule}>{flag.message}</li>
            ))}
          </ul>
        </div>
      )}
      {f.can.manage && (
        <button type="button" className="btn btn-outline-primary mb-3" onClick={() => onEdit(f)}>
          {t('projectProcurement.edit')}
        </button>
      )}
      <Documents file={f} onDone={onDone} />
      <Expenses file={f} onDone={onDone} />
      <Checks file={f} />
      {f.can.check && <CheckForm key={current?.id ?? 'first'} file={f} onDone={onDone} />}
    </section>
  );
}

type FileDocument = ProcurementView['documents'][number];

function Documents({ file, onDone }: { file: ProcurementView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [toRemove, setToRemove] = useState<FileDocument | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (document: FileDocument) => requests.removeDocument(file.id, document.id),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.file(file.id), saved);
      setToRemove(null);
      setProblem(null);
      onDone(t('projectProcurement.done.removed'));
    },
    onError: (error) => {
      setToRemove(null);
      setProblem(reportProblem(error, () => undefined, []));
    },
  });
  // the documents the legal expert found in order stay: a positive check was made on them
  const removable =
    file.can.manage && file.standing !== 'POSITIVE' && file.standing !== 'POSITIVE_WITH_REMARKS';
  return (
    <>
      <h3 className="h5">{t('projectProcurement.documents')}</h3>
      <FormProblem message={problem} />
      {file.documents.length === 0 ? (
        <p>{t('projectProcurement.noDocuments')}</p>
      ) : (
        <ul>
          {file.documents.map((d) => (
            <li key={d.id}>
              <a href={requests.documentUrl(file.id, d.id)} download={d.fileName}>
                {d.fileName}
              </a>{' '}
              – {DOCUMENT_KINDS[d.kind]}
              {removable && (
                <button type="button" className="btn btn-link btn-sm" onClick={() => setToRemove(d)}>
                  {t('projectProcurement.removeDocument')}
                  <span className="visually-hidden"> {d.fileName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        isOpen={toRemove !== null}
        title={t('projectProcurement.removeTitle', { name: toRemove?.fileName ?? '' })}
        message={t('projectProcurement.removeMessage')}
        confirmLabel={t('projectProcurement.removeDocument')}
        isPending={remove.isPending}
        onConfirm={() => toRemove && remove.mutate(toRemove)}
        onCancel={() => setToRemove(null)}
      />
      {file.can.manage && (
        <KindedUploadForm
          kinds={DOCUMENT_KINDS}
          initial={'DETERMINATION' as DocumentKind}
          upload={(kind, chosen) => requests.attach(file.id, kind, chosen)}
          onUploaded={() => {
            void queryClient.invalidateQueries({ queryKey: keys.file(file.id) });
            onDone(t('projectProcurement.done.attached'));
          }}
          words={{
            kind: t('projectProcurement.fields.documentKind'),
            file: t('projectProcurement.fields.file'),
            hint: t('projectProcurement.fileHint'),
            submit: t('projectProcurement.attach'),
            missing: t('projectProcurement.fileMissing'),
            wrongType: t('projectProcurement.fileType'),
          }}
          className="mb-4"
        />
      )}
    </>
  );
}

function Expenses({ file, onDone }: { file: ProcurementView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [expenseId, setExpenseId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['project', 'expenses', file.projectId, { organisationId: file.organisationId }],
    queryFn: () => requests.expenses(file.projectId, file.organisationId),
    enabled: file.can.manage,
  });
  const change = useMutation({
    mutationFn: ({ link, expense }: { link: boolean; expense: string }) =>
      link ? requests.link(file.id, expense) : requests.unlink(file.id, expense),
    onSuccess: (saved, { link }) => {
      queryClient.setQueryData(keys.file(file.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.list(file.projectId) });
      setExpenseId('');
      setProblem(null);
      onDone(t(link ? 'projectProcurement.done.linked' : 'projectProcurement.done.unlinked'));
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  const linked = new Set(file.expenses.map((e) => e.id));
  const free = (candidates.data?.expenses ?? []).filter((e) => !linked.has(e.id) && !e.locked);
  return (
    <>
      <h3 className="h5">{t('projectProcurement.expenses')}</h3>
      <p className="small">{t('projectProcurement.expensesHint')}</p>
      {file.expenses.length === 0 ? (
        <p>{t('projectProcurement.noExpenses')}</p>
      ) : (
        <ul>
          {file.expenses.map((e) => (
            <li key={e.id}>
              {t('projectProcurement.expenseRef', {
                number: e.documentNumber,
                date: formatDate(e.documentDate),
                supplier: e.supplierName,
                amount: formatEuro(e.amountCents),
              })}{' '}
              – {e.description}
              {file.can.manage && (
                <button
                  type="button"
                  className="btn btn-link btn-sm"
                  disabled={change.isPending}
                  onClick={() => change.mutate({ link: false, expense: e.id })}
                >
                  {t('projectProcurement.unlink')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {file.can.manage && (
        <form
          noValidate
          className="lovit-form mb-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!expenseId) setProblem(t('projectProcurement.chooseExpense'));
            else change.mutate({ link: true, expense: expenseId });
          }}
        >
          <FormProblem message={problem} />
          <div className="select-wrapper lovit-field">
            <label htmlFor={`${id}-expense`}>{t('projectProcurement.fields.expense')}</label>
            <select
              id={`${id}-expense`}
              value={expenseId}
              onChange={(event) => setExpenseId(event.target.value)}
            >
              <option value="">{t('projectProcurement.none')}</option>
              {free.map((e) => (
                <option key={e.id} value={e.id}>
                  {t('projectProcurement.expenseRef', {
                    number: e.documentNumber,
                    date: formatDate(e.documentDate),
                    supplier: e.supplierName,
                    amount: formatEuro(e.amountCents),
                  })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary" disabled={change.isPending}>
            {t('projectProcurement.link')}
          </button>
        </form>
      )}
    </>
  );
}

function Checks({ file }: { file: ProcurementView }) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="h5">{t('projectProcurement.checks')}</h3>
      {file.checks.length === 0 ? (
        <p>{t('projectProcurement.noChecks')}</p>
      ) : (
        file.checks.map((check) => (
          <details key={check.id} className="mb-3" open={check.isCurrent}>
            <summary>
              {t('projectProcurement.checkSummary', {
                number: check.number,
                outcome: OUTCOMES[check.outcome],
                name: check.checkedByName,
                date: formatDate(check.checkedOn),
              })}
              {check.supersededAt &&
                ` · ${t(
                  check.supersededReason === 'FILE_CHANGED'
                    ? 'projectProcurement.supersededByChange'
                    : 'projectProcurement.supersededByCheck',
                  { at: formatDateTime(check.supersededAt) },
                )}`}
            </summary>
            {check.notes && <p className="mt-2">{check.notes}</p>}
            <TableScroll label={t('projectProcurement.checklist')}>
              <table className="table table-sm">
                <caption className="visually-hidden">{t('projectProcurement.checklist')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('projectProcurement.fields.item')}</th>
                    <th scope="col">{t('projectProcurement.fields.answer')}</th>
                    <th scope="col">{t('projectProcurement.fields.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.items.map((item) => (
                    <tr key={item.item}>
                      <th scope="row">{item.label}</th>
                      <td className={item.answer === 'NO' ? 'text-danger fw-semibold' : undefined}>
                        {ANSWERS[item.answer]}
                      </td>
                      <td>{item.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        ))
      )}
    </>
  );
}

type CheckFields = {
  outcome: CheckInput['outcome'];
  notes: string;
  checkedOn: string;
  /** Unanswered ('') until the legal expert picks an answer: nothing is ticked for them. */
  items: { item: string; answer: 'YES' | 'NO' | 'NOT_APPLICABLE' | ''; note: string }[];
};

function CheckForm({ file, onDone }: { file: ProcurementView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<CheckFields>({
    defaultValues: {
      outcome: 'POSITIVE',
      notes: '',
      checkedOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }),
      items: file.checklist.map((c) => ({ item: c.item, answer: '', note: '' })),
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: CheckFields) =>
      requests.check(file.id, {
        outcome: values.outcome,
        notes: orNull(values.notes),
        checkedOn: values.checkedOn,
        items: values.items.map((i) => ({
          item: i.item,
          answer: i.answer as CheckInput['items'][number]['answer'],
          note: orNull(i.note),
        })),
        fileUpdatedAt: file.updatedAt,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.file(file.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.list(file.projectId) });
      onDone(t('projectProcurement.done.checked'));
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['outcome', 'notes', 'checkedOn', 'items'])),
  });
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      className="border rounded p-3 mt-4"
      aria-labelledby={`${id}-titolo`}
    >
      <h3 id={`${id}-titolo`} className="h5">
        {file.checks.length === 0 ? t('projectProcurement.checkTitle') : t('projectProcurement.recheckTitle')}
      </h3>
      {file.checks.length > 0 && <p className="small">{t('projectProcurement.recheckHint')}</p>}
      <FormProblem message={problem} />
      {file.checklist.map((entry, index) => {
        const itemErrors = errors.items?.[index];
        return (
          <fieldset key={entry.item} className="mb-3">
            <legend className="h6">{entry.label}</legend>
            <div className="d-flex gap-3 flex-wrap mb-5">
              {Object.entries(ANSWERS).map(([value, label]) => (
                <div className="form-check" key={value}>
                  <input
                    id={`${id}-${entry.item}-${value}`}
                    type="radio"
                    value={value}
                    {...form.register(`items.${index}.answer`)}
                  />
                  <label htmlFor={`${id}-${entry.item}-${value}`}>{label}</label>
                </div>
              ))}
            </div>
            <TextField
              label={t('projectProcurement.fields.note')}
              registration={form.register(`items.${index}.note`)}
              error={(itemErrors?.answer ?? itemErrors?.note ?? itemErrors?.item) as FieldError | undefined}
            />
          </fieldset>
        );
      })}
      <SelectField
        label={t('projectProcurement.fields.outcome')}
        registration={form.register('outcome')}
        error={errors.outcome}
      >
        {(['POSITIVE', 'POSITIVE_WITH_REMARKS', 'NEGATIVE'] as const).map((value) => (
          <option key={value} value={value}>
            {OUTCOMES[value]}
          </option>
        ))}
      </SelectField>
      <div className="lovit-field mb-3">
        <label htmlFor={`${id}-notes`}>{t('projectProcurement.fields.notes')}</label>
        <textarea
          id={`${id}-notes`}
          className={`form-control${errors.notes ? ' is-invalid' : ''}`}
          rows={4}
          aria-invalid={errors.notes ? true : undefined}
          aria-describedby={errors.notes ? `${id}-notes-errore` : undefined}
          {...form.register('notes')}
        />
        {errors.notes && (
          <div id={`${id}-notes-errore`} className="invalid-feedback d-block">
            {sentence(errors.notes.message)}
          </div>
        )}
      </div>
      <TextField
        type="date"
        label={t('projectProcurement.fields.checkedOn')}
        registration={form.register('checkedOn')}
        error={errors.checkedOn}
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('projectProcurement.saveCheck')}
      </button>
    </form>
  );
}

type FileFields = Record<Exclude<keyof ProcurementInput, 'kind' | 'procedure' | 'amountCents'>, string> & {
  kind: ProcurementInput['kind'];
  procedure: ProcurementInput['procedure'];
  amountCents: string;
};
const FILE_FIELDS = [
  'organisationId',
  'subject',
  'kind',
  'procedure',
  'cig',
  'amountCents',
  'contractorName',
  'decisionOn',
  'contractOn',
];

function FileForm({
  list,
  file,
  onClose,
}: {
  list: ProcurementList;
  file: ProcurementView | null;
  onClose: (saved: ProcurementView | null, message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<FileFields>({
    defaultValues: {
      organisationId: file?.organisationId ?? list.scopedTo ?? list.partners[0]?.organisationId ?? '',
      subject: file?.subject ?? '',
      kind: file?.kind ?? 'SERVICES',
      procedure: file?.procedure ?? 'DIRECT_AWARD',
      cig: file?.cig ?? '',
      amountCents: file ? typedEuro(file.amountCents) : '',
      contractorName: file?.contractorName ?? '',
      decisionOn: file?.decisionOn ?? '',
      contractOn: file?.contractOn ?? '',
    },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: FileFields) => {
      const input: ProcurementInput = {
        ...values,
        cig: orNull(values.cig),
        amountCents: parseEuro(values.amountCents) ?? 0,
        contractorName: orNull(values.contractorName),
        contractOn: orNull(values.contractOn),
      };
      return file ? requests.update(file.id, input) : requests.create(list.projectId, input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.file(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.list(list.projectId) });
      const reset = file !== null && file.standing !== 'TO_CHECK' && saved.standing === 'TO_CHECK';
      onClose(
        saved,
        t(
          reset
            ? 'projectProcurement.done.reset'
            : file
              ? 'projectProcurement.done.updated'
              : 'projectProcurement.done.created',
        ),
      );
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FILE_FIELDS)),
  });
  const submit = form.handleSubmit((values) => {
    if (parseEuro(values.amountCents) === null) {
      form.setError('amountCents', { message: t('projectProcurement.amountFormat') });
      return;
    }
    save.mutate(values);
  });
  return (
    <form noValidate onSubmit={submit} className="border rounded p-3 mt-4" aria-labelledby={`${id}-titolo`}>
      <h2 id={`${id}-titolo`} className="h4">
        {file ? t('projectProcurement.editTitle') : t('projectProcurement.newTitle')}
      </h2>
      {file && file.standing !== 'TO_CHECK' && (
        <div className="alert alert-info">{t('projectProcurement.resetWarning')}</div>
      )}
      <FormProblem message={problem} />
      <div className="row">
        <div className="col-md-6">
          <SelectField
            label={t('projectProcurement.fields.organisation')}
            registration={form.register('organisationId')}
            error={errors.organisationId}
          >
            {list.partners.map((p) => (
              <option key={p.organisationId} value={p.organisationId}>
                {p.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-md-6">
          <TextField
            label={t('projectProcurement.fields.contractor')}
            registration={form.register('contractorName')}
            error={errors.contractorName}
          />
        </div>
      </div>
      <TextField
        label={t('projectProcurement.fields.subject')}
        registration={form.register('subject')}
        error={errors.subject}
      />
      <div className="row">
        <div className="col-md-6">
          <SelectField
            label={t('projectProcurement.fields.kind')}
            registration={form.register('kind')}
            error={errors.kind}
          >
            {Object.entries(KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-md-6">
          <SelectField
            label={t('projectProcurement.fields.procedure')}
            registration={form.register('procedure')}
            error={errors.procedure}
          >
            {Object.entries(PROCEDURES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <div className="row">
        <div className="col-md-6">
          <TextField
            label={t('projectProcurement.fields.cig')}
            hint={t('projectProcurement.cigHint')}
            registration={form.register('cig')}
            error={errors.cig}
          />
        </div>
        <div className="col-md-6">
          <TextField
            label={t('projectProcurement.fields.amount')}
            hint={t('projectProcurement.amountHint')}
            inputMode="decimal"
            registration={form.register('amountCents')}
            error={errors.amountCents}
          />
        </div>
      </div>
      <div className="row">
        <div className="col-md-6">
          <TextField
            type="date"
            label={t('projectProcurement.fields.decisionOn')}
            hint={t('projectProcurement.decisionHint')}
            registration={form.register('decisionOn')}
            error={errors.decisionOn}
          />
        </div>
        <div className="col-md-6">
          <TextField
            type="date"
            label={t('projectProcurement.fields.contractOn')}
            registration={form.register('contractOn')}
            error={errors.contractOn}
          />
        </div>
      </div>
      <div className="d-flex gap-2 flex-wrap">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('projectProcurement.save')}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={() => onClose(null, null)}>
          {t('projectProcurement.cancel')}
        </button>
      </div>
    </form>
  );
}
