import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../../ui/dates.ts';
import { FilterForm, FilterSelect } from '../../../ui/FilterForm.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { KindedUploadForm } from '../KindedUploadForm.tsx';
import { ProjectSectionPage } from '../ProjectSections.tsx';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  DOCUMENT_TYPES,
  EXPENSE_STATUSES,
  type ExpenseFilters,
  type ExpenseInput,
  type ExpenseList,
  type ExpenseView,
  finance,
  financeKeys,
  formatEuro,
  LINE_CODES,
  PAYMENT_METHODS,
  parseEuro,
  typedEuro,
} from './requests.ts';

const FILTERS = ['organisationId', 'lineCode', 'status', 'flagged'] as const;

/** A project's expenses: the list with its filters, one expense's detail with its checks, and the form. */
export function ExpensesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters: ExpenseFilters = Object.fromEntries(
    FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name) as string]] : [])),
  );
  const list = useQuery({
    queryKey: financeKeys.expenseList(id, filters),
    queryFn: () => finance.expenses(id, filters),
  });
  const chosen = params.get('spesa');
  const [editing, setEditing] = useState<ExpenseView | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const choose = (expenseId: string | null) => {
    const next = new URLSearchParams(params);
    if (expenseId) next.set('spesa', expenseId);
    else next.delete('spesa');
    setParams(next);
  };
  return (
    <ProjectSectionPage
      projectId={id}
      acronym={list.data?.acronym}
      title={
        list.data
          ? t('projectFinance.expenses.title', { acronym: list.data.acronym })
          : t('projectFinance.expenses.heading')
      }
    >
      <Notice message={done} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <Filters list={list.data} />
          <Expenses list={list.data} onChoose={choose} />
          {list.data.can.write &&
            (editing ? (
              <ExpenseForm
                key={editing === 'new' ? 'new' : editing.id}
                list={list.data}
                expense={editing === 'new' ? null : editing}
                onClose={(saved, message) => {
                  setEditing(null);
                  if (saved) choose(saved.id);
                  if (message) setDone(message);
                }}
              />
            ) : (
              <button type="button" className="btn btn-primary mt-3" onClick={() => setEditing('new')}>
                {t('projectFinance.expenses.add')}
              </button>
            ))}
          {chosen && !editing && (
            <ExpenseDetail
              key={chosen}
              expenseId={chosen}
              canWrite={list.data.can.write}
              onEdit={setEditing}
              onDone={setDone}
              onDeleted={(message) => {
                choose(null);
                setDone(message);
              }}
            />
          )}
        </>
      )}
    </ProjectSectionPage>
  );
}

function Filters({ list }: { list: ExpenseList }) {
  const { t } = useTranslation();
  return (
    <FilterForm label={t('projectFinance.expenses.filters')}>
      {list.scopedTo === null && (
        <FilterSelect name="organisationId" label={t('projectFinance.fields.partner')}>
          <option value="">{t('projectFinance.all')}</option>
          {list.partners.map((p) => (
            <option key={p.organisationId} value={p.organisationId}>
              {p.name}
            </option>
          ))}
        </FilterSelect>
      )}
      <FilterSelect name="lineCode" label={t('projectFinance.fields.line')}>
        <option value="">{t('projectFinance.all')}</option>
        {Object.entries(LINE_CODES).map(([code, label]) => (
          <option key={code} value={code}>
            {code} – {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect name="status" label={t('projectFinance.fields.status')}>
        <option value="">{t('projectFinance.all')}</option>
        {Object.entries(EXPENSE_STATUSES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect name="flagged" label={t('projectFinance.fields.checks')}>
        <option value="">{t('projectFinance.all')}</option>
        <option value="true">{t('projectFinance.expenses.flagged')}</option>
        <option value="false">{t('projectFinance.expenses.clean')}</option>
      </FilterSelect>
    </FilterForm>
  );
}

function Expenses({ list, onChoose }: { list: ExpenseList; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  if (list.expenses.length === 0) return <p>{t('projectFinance.expenses.empty')}</p>;
  return (
    <TableScroll label={t('projectFinance.expenses.list')}>
      <table className="table table-sm">
        <caption className="visually-hidden">{t('projectFinance.expenses.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projectFinance.fields.document')}</th>
            <th scope="col">{t('projectFinance.fields.supplier')}</th>
            <th scope="col">{t('projectFinance.fields.line')}</th>
            <th scope="col">{t('projectFinance.fields.partner')}</th>
            <th scope="col" className="text-end">
              {t('projectFinance.fields.charged')}
            </th>
            <th scope="col">{t('projectFinance.fields.status')}</th>
            <th scope="col">{t('projectFinance.fields.checks')}</th>
          </tr>
        </thead>
        <tbody>
          {list.expenses.map((expense) => {
            const flags = expense.checks.filter((c) => !c.ok);
            return (
              <tr key={expense.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="btn btn-link p-0 text-start"
                    onClick={() => onChoose(expense.id)}
                  >
                    {t('projectFinance.expenses.documentRef', {
                      type: DOCUMENT_TYPES[expense.documentType],
                      number: expense.documentNumber,
                      date: formatDate(expense.documentDate),
                    })}
                  </button>
                  <div className="small text-secondary">{expense.description}</div>
                </th>
                <td>{expense.supplierName}</td>
                <td>{expense.lineCode}</td>
                <td>{expense.organisationName}</td>
                <td className="text-end">{formatEuro(expense.amountCents)}</td>
                <td>
                  {EXPENSE_STATUSES[expense.status]}
                  {expense.locked && <div className="small">{t('projectFinance.expenses.locked')}</div>}
                </td>
                <td className={flags.length > 0 ? 'text-danger' : undefined}>
                  {flags.length === 0
                    ? t('projectFinance.expenses.allChecks')
                    : flags.map((c) => c.label).join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('projectFinance.expenses.total', { count: list.expenses.length })}
            </th>
            <td className="text-end fw-semibold">{formatEuro(list.totalCents)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function ExpenseDetail({
  expenseId,
  canWrite,
  onEdit,
  onDone,
  onDeleted,
}: {
  expenseId: string;
  canWrite: boolean;
  onEdit: (expense: ExpenseView) => void;
  onDone: (message: string) => void;
  onDeleted: (message: string) => void;
}) {
  const { t } = useTranslation();
  const expense = useQuery({
    queryKey: financeKeys.expense(expenseId),
    queryFn: () => finance.expense(expenseId),
  });
  if (expense.isPending) return <Loading />;
  if (expense.error) return <LoadError error={expense.error} />;
  const e = expense.data;
  return (
    <section className="mt-5 border-top pt-4" aria-labelledby="dettaglio-spesa">
      <h2 id="dettaglio-spesa" className="h4">
        {t('projectFinance.expenses.documentRef', {
          type: DOCUMENT_TYPES[e.documentType],
          number: e.documentNumber,
          date: formatDate(e.documentDate),
        })}
      </h2>
      <p>{e.description}</p>
      <dl className="row">
        <dt className="col-sm-4">{t('projectFinance.fields.supplier')}</dt>
        <dd className="col-sm-8">
          {e.supplierName} ({e.supplierTaxCode})
        </dd>
        <dt className="col-sm-4">{t('projectFinance.fields.amounts')}</dt>
        <dd className="col-sm-8">
          {t('projectFinance.expenses.amounts', {
            net: formatEuro(e.netCents),
            vat: formatEuro(e.vatCents),
            total: formatEuro(e.totalCents),
          })}
        </dd>
        <dt className="col-sm-4">{t('projectFinance.fields.charged')}</dt>
        <dd className="col-sm-8">{formatEuro(e.amountCents)}</dd>
        <dt className="col-sm-4">{t('projectFinance.fields.line')}</dt>
        <dd className="col-sm-8">
          {e.lineCode} – {LINE_CODES[e.lineCode]}
          {e.workPackageCode && ` · ${e.workPackageCode}`}
        </dd>
        <dt className="col-sm-4">{t('projectFinance.fields.partner')}</dt>
        <dd className="col-sm-8">{e.organisationName}</dd>
        <dt className="col-sm-4">{t('projectFinance.fields.codes')}</dt>
        <dd className="col-sm-8">
          {t('projectFinance.expenses.codes', { cig: e.cig ?? '—', cup: e.cup ?? '—' })}
        </dd>
        <dt className="col-sm-4">{t('projectFinance.fields.payment')}</dt>
        <dd className="col-sm-8">
          {e.paymentDate && e.paymentMethod
            ? t('projectFinance.expenses.payment', {
                date: formatDate(e.paymentDate),
                method: PAYMENT_METHODS[e.paymentMethod],
                reference: e.paymentReference ?? '',
              })
            : t('projectFinance.expenses.noPayment')}
        </dd>
        <dt className="col-sm-4">{t('projectFinance.fields.status')}</dt>
        <dd className="col-sm-8">
          {EXPENSE_STATUSES[e.status]}
          {e.locked && ` · ${t('projectFinance.expenses.locked')}`}
          {e.claimable && ` · ${t('projectFinance.expenses.claimable')}`}
        </dd>
      </dl>
      <h3 className="h5">{t('projectFinance.expenses.checks')}</h3>
      <ul className="list-unstyled">
        {e.checks.map((check) => (
          <li key={check.rule} className={check.ok ? undefined : 'text-danger fw-semibold'}>
            <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span>{' '}
            <span className="visually-hidden">{`${t(check.ok ? 'projectFinance.ok' : 'projectFinance.ko')}: `}</span>
            {check.label}: {check.message}
          </li>
        ))}
      </ul>
      <h3 className="h5">{t('projectFinance.expenses.attachments')}</h3>
      {e.attachments.length === 0 ? (
        <p>{t('projectFinance.expenses.noAttachments')}</p>
      ) : (
        <ul>
          {e.attachments.map((a) => (
            <li key={a.id}>
              <a href={finance.attachmentUrl(e.id, a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              – {ATTACHMENT_KINDS[a.kind]}
            </li>
          ))}
        </ul>
      )}
      {canWrite && !e.locked && (
        <>
          <AttachForm expenseId={e.id} onDone={onDone} />
          <div className="d-flex flex-wrap gap-2 mt-3">
            <button type="button" className="btn btn-outline-primary" onClick={() => onEdit(e)}>
              {t('projectFinance.expenses.edit')}
            </button>
            <DeleteExpense expense={e} onDeleted={onDeleted} />
          </div>
        </>
      )}
    </section>
  );
}

/** Deletes an expense no claim took, after asking: its attachments go with it. */
function DeleteExpense({
  expense,
  onDeleted,
}: {
  expense: ExpenseView;
  onDeleted: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: () => finance.deleteExpense(expense.id),
    onSuccess: () => {
      setAsking(false);
      queryClient.removeQueries({ queryKey: financeKeys.expense(expense.id) });
      void queryClient.invalidateQueries({ queryKey: financeKeys.expenses(expense.projectId) });
      void queryClient.invalidateQueries({ queryKey: financeKeys.budgets(expense.projectId) });
      onDeleted(t('projectFinance.done.deleted'));
    },
    onError: (error) => {
      setAsking(false);
      setProblem(reportProblem(error, () => undefined, []));
    },
  });
  const reference = t('projectFinance.expenses.documentRef', {
    type: DOCUMENT_TYPES[expense.documentType],
    number: expense.documentNumber,
    date: formatDate(expense.documentDate),
  });
  return (
    <>
      <button type="button" className="btn btn-outline-danger" onClick={() => setAsking(true)}>
        {t('projectFinance.expenses.delete')}
      </button>
      <FormProblem message={problem} />
      <ConfirmDialog
        isOpen={asking}
        title={t('projectFinance.expenses.deleteTitle', { reference })}
        message={t('projectFinance.expenses.deleteMessage')}
        confirmLabel={t('projectFinance.expenses.delete')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}

function AttachForm({ expenseId, onDone }: { expenseId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <KindedUploadForm
      kinds={ATTACHMENT_KINDS}
      initial={'DOCUMENT' as AttachmentKind}
      upload={(kind, file) => finance.attach(expenseId, kind, file)}
      onUploaded={() => {
        void queryClient.invalidateQueries({ queryKey: financeKeys.expense(expenseId) });
        void queryClient.invalidateQueries({ queryKey: ['project', 'expenses'] });
        onDone(t('projectFinance.done.attached'));
      }}
      words={{
        kind: t('projectFinance.fields.attachmentKind'),
        file: t('projectFinance.fields.file'),
        hint: t('projectFinance.expenses.fileHint'),
        submit: t('projectFinance.expenses.attach'),
        missing: t('projectFinance.expenses.fileMissing'),
        wrongType: t('projectFinance.expenses.fileType'),
      }}
      className="mt-3"
    />
  );
}

type Fields = Omit<
  Record<keyof ExpenseInput, string>,
  'annulled' | 'lineCode' | 'documentType' | 'status' | 'paymentMethod'
> & {
  annulled: boolean;
  lineCode: ExpenseInput['lineCode'];
  documentType: ExpenseInput['documentType'];
  status: ExpenseInput['status'];
  paymentMethod: NonNullable<ExpenseInput['paymentMethod']> | '';
};
const MONEY = ['netCents', 'vatCents', 'totalCents', 'amountCents'] as const;
const FIELDS = [
  'organisationId',
  'lineCode',
  'workPackageId',
  'description',
  'documentType',
  'documentNumber',
  'documentDate',
  'supplierName',
  'supplierTaxCode',
  ...MONEY,
  'cig',
  'cup',
  'paymentDate',
  'paymentMethod',
  'paymentReference',
  'annulled',
  'status',
];

function defaultsOf(list: ExpenseList, expense: ExpenseView | null): Fields {
  return {
    organisationId: expense?.organisationId ?? list.scopedTo ?? list.partners[0]?.organisationId ?? '',
    lineCode: expense?.lineCode ?? 'A',
    workPackageId: expense?.workPackageId ?? '',
    description: expense?.description ?? '',
    documentType: expense?.documentType ?? 'INVOICE',
    documentNumber: expense?.documentNumber ?? '',
    documentDate: expense?.documentDate ?? '',
    supplierName: expense?.supplierName ?? '',
    supplierTaxCode: expense?.supplierTaxCode ?? '',
    netCents: expense ? typedEuro(expense.netCents) : '',
    vatCents: expense ? typedEuro(expense.vatCents) : '',
    totalCents: expense ? typedEuro(expense.totalCents) : '',
    amountCents: expense ? typedEuro(expense.amountCents) : '',
    cig: expense?.cig ?? '',
    cup: expense?.cup ?? '',
    paymentDate: expense?.paymentDate ?? '',
    paymentMethod: expense?.paymentMethod ?? '',
    paymentReference: expense?.paymentReference ?? '',
    annulled: expense?.annulled ?? false,
    status: expense?.status ?? 'DRAFT',
  };
}

const orNull = (value: string) => value.trim() || null;

function ExpenseForm({
  list,
  expense,
  onClose,
}: {
  list: ExpenseList;
  expense: ExpenseView | null;
  onClose: (saved: ExpenseView | null, message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Fields>({ defaultValues: defaultsOf(list, expense) });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: Fields) => {
      const input: ExpenseInput = {
        ...values,
        workPackageId: orNull(values.workPackageId),
        netCents: parseEuro(values.netCents) ?? 0,
        vatCents: parseEuro(values.vatCents) ?? 0,
        totalCents: parseEuro(values.totalCents) ?? 0,
        amountCents: parseEuro(values.amountCents) ?? 0,
        cig: orNull(values.cig),
        cup: orNull(values.cup),
        paymentDate: orNull(values.paymentDate),
        paymentMethod: values.paymentMethod || null,
        paymentReference: orNull(values.paymentReference),
      };
      return expense
        ? finance.updateExpense(expense.id, input)
        : finance.createExpense(list.projectId, input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(financeKeys.expense(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: financeKeys.expenses(list.projectId) });
      void queryClient.invalidateQueries({ queryKey: financeKeys.budgets(list.projectId) });
      onClose(saved, t(expense ? 'projectFinance.done.updated' : 'projectFinance.done.created'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });
  const submit = form.handleSubmit((values) => {
    const wrong = MONEY.filter((name) => parseEuro(values[name]) === null);
    for (const name of wrong) form.setError(name, { message: t('projectFinance.amountFormat') });
    if (wrong.length > 0) return;
    save.mutate(values);
  });
  const money = (name: (typeof MONEY)[number], label: string) => (
    <TextField
      label={label}
      hint={t('projectFinance.amountHint')}
      inputMode="decimal"
      registration={form.register(name)}
      error={errors[name]}
    />
  );
  return (
    <form noValidate onSubmit={submit} className="border rounded p-3 mt-4" aria-labelledby={`${id}-titolo`}>
      <h2 id={`${id}-titolo`} className="h4">
        {expense ? t('projectFinance.expenses.editTitle') : t('projectFinance.expenses.newTitle')}
      </h2>
      <FormProblem message={problem} />
      <fieldset>
        <legend className="h6 mb-5">{t('projectFinance.expenses.charging')}</legend>
        <div className="row">
          <div className="col-md-4">
            <SelectField
              label={t('projectFinance.fields.partner')}
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
          <div className="col-md-4">
            <SelectField
              label={t('projectFinance.fields.line')}
              registration={form.register('lineCode')}
              error={errors.lineCode}
            >
              {Object.entries(LINE_CODES).map(([code, label]) => (
                <option key={code} value={code}>
                  {code} – {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <SelectField
              label={t('projectFinance.fields.workPackage')}
              registration={form.register('workPackageId')}
              error={errors.workPackageId}
            >
              <option value="">{t('projectFinance.none')}</option>
              {list.workPackages.map((wp) => (
                <option key={wp.id} value={wp.id}>
                  {wp.code} – {wp.title}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextField
          label={t('projectFinance.fields.description')}
          registration={form.register('description')}
          error={errors.description}
        />
      </fieldset>
      <fieldset>
        <legend className="h6 mb-5">{t('projectFinance.expenses.document')}</legend>
        <div className="row">
          <div className="col-md-4">
            <SelectField
              label={t('projectFinance.fields.documentType')}
              registration={form.register('documentType')}
              error={errors.documentType}
            >
              {Object.entries(DOCUMENT_TYPES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectFinance.fields.documentNumber')}
              registration={form.register('documentNumber')}
              error={errors.documentNumber}
            />
          </div>
          <div className="col-md-4">
            <TextField
              type="date"
              label={t('projectFinance.fields.documentDate')}
              hint={t('projectFinance.expenses.period', {
                from: formatDate(list.startsOn),
                to: formatDate(list.endsOn),
              })}
              registration={form.register('documentDate')}
              error={errors.documentDate}
            />
          </div>
        </div>
        <div className="row">
          <div className="col-md-8">
            <TextField
              label={t('projectFinance.fields.supplierName')}
              registration={form.register('supplierName')}
              error={errors.supplierName}
            />
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectFinance.fields.supplierTaxCode')}
              registration={form.register('supplierTaxCode')}
              error={errors.supplierTaxCode}
            />
          </div>
        </div>
        <div className="row">
          <div className="col-md-3">{money('netCents', t('projectFinance.fields.net'))}</div>
          <div className="col-md-3">{money('vatCents', t('projectFinance.fields.vat'))}</div>
          <div className="col-md-3">{money('totalCents', t('projectFinance.fields.total'))}</div>
          <div className="col-md-3">{money('amountCents', t('projectFinance.fields.charged'))}</div>
        </div>
        <div className="row">
          <div className="col-md-6">
            <TextField
              label={t('projectFinance.fields.cig')}
              registration={form.register('cig')}
              error={errors.cig}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label={t('projectFinance.fields.cup')}
              registration={form.register('cup')}
              error={errors.cup}
            />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend className="h6 mb-5">{t('projectFinance.fields.payment')}</legend>
        <div className="row">
          <div className="col-md-4">
            <TextField
              type="date"
              label={t('projectFinance.fields.paymentDate')}
              registration={form.register('paymentDate')}
              error={errors.paymentDate}
            />
          </div>
          <div className="col-md-4">
            <SelectField
              label={t('projectFinance.fields.paymentMethod')}
              registration={form.register('paymentMethod')}
              error={errors.paymentMethod}
            >
              <option value="">{t('projectFinance.none')}</option>
              {Object.entries(PAYMENT_METHODS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-md-4">
            <TextField
              label={t('projectFinance.fields.paymentReference')}
              registration={form.register('paymentReference')}
              error={errors.paymentReference}
            />
          </div>
        </div>
      </fieldset>
      <div className="form-check mt-3 mb-5">
        <input id={`${id}-annullo`} type="checkbox" {...form.register('annulled')} />
        <label htmlFor={`${id}-annullo`}>{t('projectFinance.fields.annulled')}</label>
      </div>
      <SelectField
        label={t('projectFinance.fields.status')}
        registration={form.register('status')}
        error={errors.status}
      >
        {Object.entries(EXPENSE_STATUSES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="d-flex gap-2 flex-wrap">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('projectFinance.expenses.save')}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={() => onClose(null, null)}>
          {t('projectFinance.cancel')}
        </button>
      </div>
    </form>
  );
}
