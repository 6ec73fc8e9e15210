import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatEuro } from '../../../../src/modules/project/finance/contract.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { FileField } from '../../../ui/FileField.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { useFileUpload } from '../../../ui/useFileUpload.ts';
import { TextAreaField } from '../../cases/TextAreaField.tsx';
import { parseEuro } from '../finance/requests.ts';
import { ProjectSections } from '../ProjectSections.tsx';
import {
  CHECKLIST,
  type ChecklistItem,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  type ClaimView,
  claimKeys,
  claims,
  OUTCOMES,
  type Outcome,
} from './requests.ts';

type Done = (message: string) => void;

/** One claim: its expenses and totals, the exports, the manager's submission and corrections, the auditor's work. */
export function ClaimPage() {
  const { t } = useTranslation();
  const { id = '', claimId = '' } = useParams();
  const claim = useQuery({ queryKey: claimKeys.claim(claimId), queryFn: () => claims.get(claimId) });
  const [done, setDone] = useState<string | null>(null);
  const data = claim.data;
  return (
    <Page
      title={
        data
          ? t('projectClaims.claimTitle', { number: data.number, acronym: data.acronym })
          : t('projectClaims.heading')
      }
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: data?.acronym ?? t('projectClaims.project'), to: `/progetto/${id}` },
        { label: t('projectClaims.heading'), to: `/progetto/${id}/domande-di-rimborso` },
      ]}
    >
      <ProjectSections projectId={id} />
      <Notice message={done} />
      {claim.isPending ? (
        <Loading />
      ) : claim.error ? (
        <LoadError error={claim.error} />
      ) : (
        <ClaimDetail claim={claim.data} onDone={setDone} />
      )}
    </Page>
  );
}

function ClaimDetail({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="row">
        <dt className="col-sm-3">{t('projectClaims.fields.kind')}</dt>
        <dd className="col-sm-9">{CLAIM_KINDS[claim.kind]}</dd>
        <dt className="col-sm-3">{t('projectClaims.fields.period')}</dt>
        <dd className="col-sm-9">
          {t('projectClaims.period', {
            from: formatDate(claim.periodStart),
            to: formatDate(claim.periodEnd),
          })}
        </dd>
        <dt className="col-sm-3">{t('projectClaims.fields.status')}</dt>
        <dd className="col-sm-9">{CLAIM_STATUSES[claim.status]}</dd>
        {claim.submittedAt && (
          <>
            <dt className="col-sm-3">{t('projectClaims.fields.submitted')}</dt>
            <dd className="col-sm-9">
              {t('projectClaims.submittedBy', {
                when: formatDateTime(claim.submittedAt),
                name: claim.submittedByName,
              })}
              {' · '}
              {t('projectClaims.lockedTimesheets', { count: claim.lockedTimesheets })}
            </dd>
          </>
        )}
      </dl>
      <ul className="list-inline">
        <li className="list-inline-item">
          <a href={claims.xlsxUrl(claim.id)}>{t('projectClaims.downloads.xlsx')}</a>
        </li>
        <li className="list-inline-item">
          <a href={claims.summaryUrl(claim.id)}>{t('projectClaims.downloads.summary')}</a>
        </li>
        {claim.verbale && (
          <li className="list-inline-item">
            <a href={claims.verbaleUrl(claim.id)}>{t('projectClaims.downloads.verbale')}</a>
          </li>
        )}
        {claim.verbale?.signed && (
          <li className="list-inline-item">
            <a href={claims.signedUrl(claim.id)}>{t('projectClaims.downloads.signed')}</a>
          </li>
        )}
      </ul>
      <Totals claim={claim} />
      <Expenses claim={claim} onDone={onDone} />
      {claim.can.manage && <Submit claim={claim} onDone={onDone} />}
      <Corrections claim={claim} onDone={onDone} />
      {claim.can.verify && <CloseVerification claim={claim} onDone={onDone} />}
      {claim.verbale && (
        <section aria-labelledby="verbale" className="mt-4">
          <h2 id="verbale" className="h4">
            {t('projectClaims.verbale.heading')}
          </h2>
          <p>
            {t('projectClaims.verbale.closed', {
              when: formatDateTime(claim.verbale.closedAt),
              name: claim.verbale.closedByName,
              admitted: formatEuro(claim.verbale.admittedCents),
              claimed: formatEuro(claim.verbale.claimedCents),
            })}
          </p>
          <p className="small text-break">
            {t('projectClaims.verbale.seal', { hash: claim.verbale.sealHash ?? '–' })}
          </p>
          {claim.verbale.signed && (
            <p className="small text-break">
              {t('projectClaims.verbale.signed', { sha256: claim.verbale.signed.sha256 })}
              {claim.verbale.signed.digitallySigned && ` ${t('projectClaims.verbale.digitallySigned')}`}
            </p>
          )}
          {claim.can.sign && <SignedUpload claim={claim} onDone={onDone} />}
        </section>
      )}
    </>
  );
}

function Totals({ claim }: { claim: ClaimView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="totali" className="mb-4">
      <h2 id="totali" className="h4">
        {t('projectClaims.totals.heading')}
      </h2>
      <TableScroll label={t('projectClaims.totals.heading')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('projectClaims.totals.line')}</th>
              <th scope="col" className="text-end">
                {t('projectClaims.totals.budget')}
              </th>
              <th scope="col" className="text-end">
                {t('projectClaims.totals.earlier')}
              </th>
              <th scope="col" className="text-end">
                {t('projectClaims.totals.claimed')}
              </th>
              <th scope="col" className="text-end">
                {t('projectClaims.totals.admitted')}
              </th>
            </tr>
          </thead>
          <tbody>
            {claim.lines.map((line) => (
              <tr key={line.code}>
                <th scope="row">{line.label}</th>
                <td className="text-end">{formatEuro(line.budgetCents)}</td>
                <td className="text-end">{formatEuro(line.earlierCents)}</td>
                <td className="text-end">{formatEuro(line.claimedCents)}</td>
                <td className="text-end">
                  {line.admittedCents === null ? '–' : formatEuro(line.admittedCents)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('projectClaims.totals.total')}</th>
              <td colSpan={2} />
              <td className="text-end">{formatEuro(claim.claimedCents)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <ul>
        {claim.caps.map((cap) => (
          <li key={cap.code} className={cap.ok ? undefined : 'text-danger'}>
            {cap.subject}: {cap.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Expenses({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="spese" className="mb-4">
      <h2 id="spese" className="h4">
        {t('projectClaims.expenses.heading', { count: claim.expenses.length })}
      </h2>
      <ol>
        {claim.expenses.map((expense) => (
          <li key={expense.id} className="mb-3">
            <p className="mb-1">
              <strong>{expense.reference}</strong> – {expense.organisationName} – {expense.supplierName} –{' '}
              {expense.lineCode} – {formatEuro(expense.amountCents)}
            </p>
            {expense.outcome && (
              <p className="mb-1 small">
                {t('projectClaims.expenses.outcome', {
                  outcome: OUTCOMES[expense.outcome.outcome],
                  admitted: formatEuro(expense.outcome.admittedCents),
                })}
                {expense.outcome.reasons && ` – ${expense.outcome.reasons}`}
              </p>
            )}
            {claim.can.verify && <OutcomeForm claim={claim} expense={expense} onDone={onDone} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

type OutcomeFields = Record<ChecklistItem, boolean> &
  Record<`${ChecklistItem}Note`, string> & {
    outcome: Outcome;
    admitted: string;
    reasons: string;
    /** Where the server's refusal of the admitted amount is shown. */
    admittedCents?: string;
  };

/** The auditor's checklist and outcome for one expense, folded until opened. */
function OutcomeForm({
  claim,
  expense,
  onDone,
}: {
  claim: ClaimView;
  expense: ClaimView['expenses'][number];
  onDone: Done;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const items = Object.keys(CHECKLIST) as ChecklistItem[];
  const previous = expense.outcome?.checklist ?? {};
  const form = useForm<OutcomeFields>({
    defaultValues: {
      ...Object.fromEntries(items.map((item) => [item, previous[item]?.ok ?? true])),
      ...Object.fromEntries(items.map((item) => [`${item}Note`, previous[item]?.note ?? ''])),
      outcome: expense.outcome?.outcome ?? 'ADMITTED',
      admitted:
        expense.outcome?.outcome === 'PARTIAL'
          ? String(expense.outcome.admittedCents / 100).replace('.', ',')
          : '',
      reasons: expense.outcome?.reasons ?? '',
    } as OutcomeFields,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: OutcomeFields) =>
      claims.recordOutcome(claim.id, expense.id, {
        checklist: Object.fromEntries(
          items.map((item) => [item, { ok: values[item], note: values[`${item}Note`].trim() || null }]),
        ) as Record<ChecklistItem, { ok: boolean; note: string | null }>,
        outcome: values.outcome,
        admittedCents: values.outcome === 'PARTIAL' ? parseEuro(values.admitted) : null,
        reasons: values.reasons.trim() || null,
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(claimKeys.claim(claim.id), view);
      onDone(t('projectClaims.done.outcome', { reference: expense.reference }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['admittedCents', 'reasons'])),
  });
  const outcome = form.watch('outcome');
  return (
    <details>
      <summary>{t('projectClaims.outcome.open')}</summary>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          save.mutate(values);
        })}
        noValidate
        className="lovit-form mt-2"
      >
        <fieldset>
          <legend className="h6">{t('projectClaims.outcome.checklist')}</legend>
          {items.map((item) => (
            <div key={item} className="mb-2">
              <div className="form-check">
                <input
                  id={`${id}-${item}`}
                  type="checkbox"
                  className="form-check-input"
                  {...form.register(item)}
                />
                <label htmlFor={`${id}-${item}`} className="form-check-label">
                  {CHECKLIST[item]}
                </label>
              </div>
              <TextField
                label={t('projectClaims.outcome.note')}
                registration={form.register(`${item}Note`)}
              />
            </div>
          ))}
        </fieldset>
        <SelectField label={t('projectClaims.outcome.outcome')} registration={form.register('outcome')}>
          {Object.entries(OUTCOMES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {outcome === 'PARTIAL' && (
          <TextField
            label={t('projectClaims.outcome.admitted')}
            hint={t('projectClaims.outcome.admittedHint', { claimed: formatEuro(expense.amountCents) })}
            registration={form.register('admitted')}
            error={form.formState.errors.admitted ?? form.formState.errors.admittedCents}
            inputMode="decimal"
          />
        )}
        <TextAreaField
          label={t('projectClaims.outcome.reasons')}
          {...form.register('reasons')}
          error={form.formState.errors.reasons}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('projectClaims.outcome.save')}
        </button>
      </form>
    </details>
  );
}

function Submit({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: () => claims.submit(claim.id),
    onSuccess: (view) => {
      queryClient.setQueryData(claimKeys.claim(claim.id), view);
      void queryClient.invalidateQueries({ queryKey: claimKeys.list(claim.projectId) });
      onDone(t('projectClaims.done.submitted'));
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  return (
    <section aria-labelledby="presenta" className="mb-4">
      <h2 id="presenta" className="h4">
        {t('projectClaims.submit.heading')}
      </h2>
      <p>{t('projectClaims.submit.warning')}</p>
      <FormProblem message={problem} />
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-primary"
          disabled={submit.isPending}
          onClick={() => submit.mutate()}
        >
          {t('projectClaims.submit.button')}
        </button>
        <DeleteDraft claim={claim} onProblem={setProblem} />
      </div>
    </section>
  );
}

/** Deletes the claim in preparation, after asking: its expenses stay, free for another claim. */
function DeleteDraft({ claim, onProblem }: { claim: ClaimView; onProblem: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => claims.delete(claim.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: claimKeys.claim(claim.id) });
      void queryClient.invalidateQueries({ queryKey: claimKeys.list(claim.projectId) });
      void navigate(`/progetto/${claim.projectId}/domande-di-rimborso`, {
        state: { notice: t('projectClaims.done.deleted', { number: claim.number }) },
      });
    },
    onError: (error) => {
      setAsking(false);
      onProblem(reportProblem(error, () => undefined, []));
    },
  });
  return (
    <>
      <button type="button" className="btn btn-outline-danger" onClick={() => setAsking(true)}>
        {t('projectClaims.delete.button')}
      </button>
      <ConfirmDialog
        isOpen={asking}
        title={t('projectClaims.delete.title', { number: claim.number })}
        message={t('projectClaims.delete.message')}
        confirmLabel={t('projectClaims.delete.button')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}

type CorrectionFields = { expenseId: string; amount: string; sign: 'minus' | 'plus'; reason: string };

/** The corrections of a submitted claim, and a new one for the manager. */
function Corrections({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<CorrectionFields & { amountCents: string }>({
    defaultValues: { expenseId: '', amount: '', sign: 'minus', reason: '' },
  });
  const [problem, setProblem] = useState<string | null>(null);
  const correct = useMutation({
    mutationFn: (values: CorrectionFields) => {
      const cents = parseEuro(values.amount);
      return claims.correct(claim.id, {
        expenseId: values.expenseId || null,
        amountCents: cents === null ? Number.NaN : values.sign === 'minus' ? -cents : cents,
        reason: values.reason,
      });
    },
    onSuccess: (view) => {
      queryClient.setQueryData(claimKeys.claim(claim.id), view);
      form.reset();
      onDone(t('projectClaims.done.corrected'));
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['expenseId', 'amountCents', 'reason'])),
  });
  if (!claim.can.correct && claim.corrections.length === 0) return null;
  return (
    <section aria-labelledby="rettifiche" className="mb-4">
      <h2 id="rettifiche" className="h4">
        {t('projectClaims.corrections.heading')}
      </h2>
      {claim.corrections.length > 0 && (
        <ul>
          {claim.corrections.map((c) => (
            <li key={c.id}>
              {formatDateTime(c.recordedAt)}, {c.recordedByName}: {formatEuro(c.amountCents)} – {c.reason}
            </li>
          ))}
        </ul>
      )}
      {claim.can.correct && (
        <form
          onSubmit={form.handleSubmit((values) => {
            setProblem(null);
            correct.mutate(values);
          })}
          noValidate
          className="lovit-form"
        >
          <p>{t('projectClaims.corrections.hint')}</p>
          <SelectField
            label={t('projectClaims.corrections.expense')}
            registration={form.register('expenseId')}
          >
            <option value="">{t('projectClaims.corrections.wholeClaim')}</option>
            {claim.expenses.map((e) => (
              <option key={e.id} value={e.id}>
                {e.reference}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('projectClaims.corrections.sign')} registration={form.register('sign')}>
            <option value="minus">{t('projectClaims.corrections.minus')}</option>
            <option value="plus">{t('projectClaims.corrections.plus')}</option>
          </SelectField>
          <TextField
            label={t('projectClaims.corrections.amount')}
            registration={form.register('amount', { required: t('validation.required') })}
            error={form.formState.errors.amount ?? form.formState.errors.amountCents}
            inputMode="decimal"
          />
          <TextAreaField
            label={t('projectClaims.corrections.reason')}
            {...form.register('reason', { required: t('validation.required') })}
            error={form.formState.errors.reason}
          />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-outline-primary" disabled={correct.isPending}>
            {t('projectClaims.corrections.save')}
          </button>
        </form>
      )}
    </section>
  );
}

function CloseVerification({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const missing = claim.expenses.filter((e) => !e.outcome).length;
  const close = useMutation({
    mutationFn: () => claims.close(claim.id),
    onSuccess: (view) => {
      queryClient.setQueryData(claimKeys.claim(claim.id), view);
      onDone(t('projectClaims.done.closed'));
    },
    onError: (error) => setProblem(reportProblem(error, () => undefined, [])),
  });
  return (
    <section aria-labelledby="chiusura" className="mb-4">
      <h2 id="chiusura" className="h4">
        {t('projectClaims.close.heading')}
      </h2>
      <p>
        {missing > 0 ? t('projectClaims.close.missing', { count: missing }) : t('projectClaims.close.ready')}
      </p>
      <FormProblem message={problem} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={close.isPending}
        onClick={() => close.mutate()}
      >
        {t('projectClaims.close.button')}
      </button>
    </section>
  );
}

function SignedUpload({ claim, onDone }: { claim: ClaimView; onDone: Done }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const upload = useFileUpload({
    upload: (file) => claims.sign(claim.id, file),
    onUploaded: () => {
      void queryClient.invalidateQueries({ queryKey: claimKeys.claim(claim.id) });
      onDone(t('projectClaims.done.signed'));
    },
    missing: t('projectClaims.verbale.fileMissing'),
    wrongType: t('projectClaims.verbale.fileType'),
    accept: ['application/pdf'],
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-file`}
        label={t('projectClaims.verbale.file')}
        hint={t('projectClaims.verbale.fileHint')}
        error={upload.fileError}
        inputRef={upload.fileRef}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={upload.isPending}>
        {t('projectClaims.verbale.upload')}
      </button>
    </form>
  );
}
