import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../ui/dates.ts';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { TextAreaField } from '../../cases/TextAreaField.tsx';
import { ProjectSectionPage } from '../ProjectSections.tsx';
import {
  type BudgetView,
  finance,
  financeKeys,
  formatEuro,
  LINE_CODES,
  type LineCode,
  parseEuro,
  typedEuro,
} from './requests.ts';

/** A project's budget: the current version (or the one chosen), its caps, every version, and a new one. */
export function BudgetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('versione'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : null;
  const budget = useQuery({
    queryKey: financeKeys.budget(id, version),
    queryFn: () => finance.budget(id, version),
  });
  const [done, setDone] = useState<string | null>(null);
  return (
    <ProjectSectionPage
      projectId={id}
      acronym={budget.data?.acronym}
      title={
        budget.data
          ? t('projectFinance.budget.title', { acronym: budget.data.acronym })
          : t('projectFinance.budget.heading')
      }
    >
      <Notice message={done} />
      {budget.isPending ? (
        <Loading />
      ) : budget.error ? (
        <LoadError error={budget.error} />
      ) : (
        <>
          <Versions
            budget={budget.data}
            onChoose={(number) => setParams(number === null ? {} : { versione: String(number) })}
          />
          {budget.data.version ? <Version budget={budget.data} /> : <p>{t('projectFinance.budget.empty')}</p>}
          {budget.data.can.manage && (version === null || budget.data.version?.isCurrent) && (
            <NewVersion
              key={budget.data.version?.number ?? 0}
              budget={budget.data}
              onDone={(message) => {
                setParams({});
                setDone(message);
              }}
            />
          )}
        </>
      )}
    </ProjectSectionPage>
  );
}

function Versions({ budget, onChoose }: { budget: BudgetView; onChoose: (number: number | null) => void }) {
  const { t } = useTranslation();
  if (budget.versions.length < 2) return null;
  return (
    <section className="mb-4" aria-labelledby="versioni">
      <h2 id="versioni" className="h5">
        {t('projectFinance.budget.versions')}
      </h2>
      <ul className="list-unstyled">
        {budget.versions.map((v) => (
          <li key={v.number}>
            <button
              type="button"
              className="btn btn-link p-0"
              aria-current={budget.version?.number === v.number ? 'true' : undefined}
              onClick={() => onChoose(v.isCurrent ? null : v.number)}
            >
              {v.number === 1
                ? t('projectFinance.budget.initial')
                : t('projectFinance.budget.revision', { number: v.number - 1 })}
            </button>{' '}
            – {formatEuro(v.totalCents)}
            {v.approvedOn &&
              ` · ${t('projectFinance.budget.approvedOn', { date: formatDate(v.approvedOn) })}`}
            {v.isCurrent && ` · ${t('projectFinance.budget.current')}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Version({ budget }: { budget: BudgetView }) {
  const { t } = useTranslation();
  const version = budget.version;
  if (!version) return null;
  return (
    <section aria-labelledby="versione">
      <h2 id="versione" className="h4">
        {version.number === 1
          ? t('projectFinance.budget.initial')
          : t('projectFinance.budget.revision', { number: version.number - 1 })}
        {version.isCurrent
          ? ` (${t('projectFinance.budget.current')})`
          : ` (${t('projectFinance.budget.superseded')})`}
      </h2>
      <p className="small">
        {t('projectFinance.budget.recordedBy', {
          name: version.recordedByName,
          when: formatDateTime(version.recordedAt),
        })}
      </p>
      {version.reason && (
        <dl className="row">
          <dt className="col-sm-3">{t('projectFinance.fields.reason')}</dt>
          <dd className="col-sm-9">{version.reason}</dd>
          <dt className="col-sm-3">{t('projectFinance.fields.approvedOn')}</dt>
          <dd className="col-sm-9">{formatDate(version.approvedOn)}</dd>
          <dt className="col-sm-3">{t('projectFinance.fields.approvalReference')}</dt>
          <dd className="col-sm-9">{version.approvalReference}</dd>
        </dl>
      )}
      {budget.scopedTo && <p>{t('projectFinance.budget.scoped')}</p>}
      {version.lines.length === 0 ? (
        <p>{t('projectFinance.budget.noLines')}</p>
      ) : (
        <TableScroll label={t('projectFinance.budget.lines')}>
          <table className="table table-sm">
            <caption className="visually-hidden">{t('projectFinance.budget.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projectFinance.fields.line')}</th>
                <th scope="col">{t('projectFinance.fields.partner')}</th>
                <th scope="col" className="text-end">
                  {t('projectFinance.fields.budgeted')}
                </th>
                <th scope="col" className="text-end">
                  {t('projectFinance.fields.charged')}
                </th>
              </tr>
            </thead>
            <tbody>
              {version.lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">
                    {line.code} – {LINE_CODES[line.code]}
                    {line.description && <div className="small text-secondary">{line.description}</div>}
                  </th>
                  <td>{line.organisationName}</td>
                  <td className="text-end">{formatEuro(line.amountCents)}</td>
                  <td
                    className={`text-end${line.chargedCents > line.amountCents ? ' text-danger fw-semibold' : ''}`}
                  >
                    {formatEuro(line.chargedCents)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('projectFinance.budget.direct')}
                </th>
                <td className="text-end">{formatEuro(version.directCents)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('projectFinance.budget.indirect')}
                </th>
                <td className="text-end">{formatEuro(version.indirectCents)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('projectFinance.budget.total')}
                </th>
                <td className="text-end fw-semibold">{formatEuro(version.totalCents)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      {version.missingLines.length > 0 && (
        <>
          <h3 className="h5 mt-4">{t('projectFinance.budget.missingLines')}</h3>
          <ul>
            {version.missingLines.map((message) => (
              <li key={message} className="text-danger fw-semibold">
                {message}
              </li>
            ))}
          </ul>
        </>
      )}
      {version.caps.length > 0 && (
        <>
          <h3 className="h5 mt-4">{t('projectFinance.budget.caps')}</h3>
          <ul className="list-unstyled">
            {version.caps.map((cap) => (
              <li key={cap.code} className={cap.ok ? undefined : 'text-danger fw-semibold'}>
                {t(cap.ok ? 'projectFinance.budget.capOk' : 'projectFinance.budget.capBroken', {
                  subject: cap.subject,
                  percent: String(cap.maxBasisPoints / 100).replace('.', ','),
                  amount: formatEuro(cap.amountCents),
                  limit: formatEuro(cap.limitCents),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type LineFields = { code: LineCode; description: string; organisationId: string; amountCents: string };
type VersionFields = { lines: LineFields[]; reason: string; approvedOn: string; approvalReference: string };

function NewVersion({ budget, onDone }: { budget: BudgetView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const isInitial = budget.versions.length === 0;
  const firstPartner = budget.partners[0]?.organisationId ?? '';
  const form = useForm<VersionFields>({
    defaultValues: {
      lines: (budget.version?.lines ?? []).map((line) => ({
        code: line.code,
        description: line.description ?? '',
        organisationId: line.organisationId,
        amountCents: typedEuro(line.amountCents),
      })),
      reason: '',
      approvedOn: '',
      approvalReference: '',
    },
  });
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: VersionFields) =>
      finance.recordBudget(budget.projectId, {
        lines: values.lines.map((line) => ({
          code: line.code,
          description: line.description.trim() || null,
          organisationId: line.organisationId,
          amountCents: parseEuro(line.amountCents) ?? 0,
        })),
        ...(isInitial
          ? {}
          : {
              reason: values.reason.trim() || null,
              approvedOn: values.approvedOn || null,
              approvalReference: values.approvalReference.trim() || null,
            }),
      }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: financeKeys.budgets(budget.projectId) });
      queryClient.setQueryData(financeKeys.budget(budget.projectId, null), view);
      setProblem(null);
      onDone(t(isInitial ? 'projectFinance.done.initial' : 'projectFinance.done.revision'));
    },
    // a fault of a line goes beside it; one of the budget as a whole (a mandatory macro-voce missing) above
    onError: (error) =>
      setProblem(
        reportProblem(error, form.setError, [
          ...form.getValues('lines').map((_, index) => `lines.${index}`),
          'reason',
          'approvedOn',
          'approvalReference',
        ]),
      ),
  });
  const submit = form.handleSubmit((values) => {
    const wrong = values.lines.findIndex((line) => parseEuro(line.amountCents) === null);
    if (wrong >= 0) {
      form.setError(
        `lines.${wrong}.amountCents`,
        { message: t('projectFinance.amountFormat') },
        { shouldFocus: true },
      );
      return;
    }
    save.mutate(values);
  });
  return (
    <section className="mt-5" aria-labelledby="nuova-versione">
      <h2 id="nuova-versione" className="h4">
        {isInitial ? t('projectFinance.budget.newInitial') : t('projectFinance.budget.newRevision')}
      </h2>
      <p className="small">
        {t(isInitial ? 'projectFinance.budget.initialHint' : 'projectFinance.budget.revisionHint')}
      </p>
      <form noValidate onSubmit={submit}>
        <FormProblem message={problem} />
        {errors.lines?.root?.message && <p className="text-danger">{errors.lines.root.message}</p>}
        {lines.fields.map((field, index) => (
          <fieldset key={field.id} className="border rounded p-3 mb-3">
            <legend className="h6 mb-5">
              {t('projectFinance.budget.lineNumber', { number: index + 1 })}
            </legend>
            <div className="row">
              <div className="col-md-4">
                <SelectField
                  label={t('projectFinance.fields.line')}
                  registration={form.register(`lines.${index}.code`)}
                  error={errors.lines?.[index]?.code}
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
                  label={t('projectFinance.fields.partner')}
                  registration={form.register(`lines.${index}.organisationId`)}
                  error={errors.lines?.[index]?.organisationId}
                >
                  {budget.partners.map((p) => (
                    <option key={p.organisationId} value={p.organisationId}>
                      {p.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              <div className="col-md-4">
                <TextField
                  label={t('projectFinance.fields.amount')}
                  hint={t('projectFinance.amountHint')}
                  inputMode="decimal"
                  registration={form.register(`lines.${index}.amountCents`)}
                  error={errors.lines?.[index]?.amountCents}
                />
              </div>
            </div>
            <TextField
              label={t('projectFinance.fields.lineDescription')}
              registration={form.register(`lines.${index}.description`)}
              error={errors.lines?.[index]?.description}
            />
            <button type="button" className="btn btn-link btn-sm p-0" onClick={() => lines.remove(index)}>
              {t('projectFinance.budget.removeLine', { number: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm mb-3"
          onClick={() =>
            lines.append({ code: 'A', description: '', organisationId: firstPartner, amountCents: '' })
          }
        >
          {t('projectFinance.budget.addLine')}
        </button>
        {!isInitial && (
          <>
            <TextAreaField
              label={t('projectFinance.fields.reason')}
              error={errors.reason}
              {...form.register('reason')}
            />
            <div className="row">
              <div className="col-md-4">
                <TextField
                  type="date"
                  label={t('projectFinance.fields.approvedOn')}
                  registration={form.register('approvedOn')}
                  error={errors.approvedOn}
                />
              </div>
              <div className="col-md-8">
                <TextField
                  label={t('projectFinance.fields.approvalReference')}
                  registration={form.register('approvalReference')}
                  error={errors.approvalReference}
                />
              </div>
            </div>
          </>
        )}
        <div>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending || lines.fields.length === 0}
          >
            {t(isInitial ? 'projectFinance.budget.saveInitial' : 'projectFinance.budget.saveRevision')}
          </button>
        </div>
      </form>
    </section>
  );
}
