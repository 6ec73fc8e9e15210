import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { formatEuro } from '../../../../src/modules/project/finance/contract.ts';
import { formatDate } from '../../../ui/dates.ts';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../../ui/forms.tsx';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';
import { ProjectSections } from '../ProjectSections.tsx';
import {
  CLAIM_KINDS,
  CLAIM_STATUSES,
  type ClaimInput,
  type ClaimList,
  claimKeys,
  claims,
} from './requests.ts';

/** The reimbursement claims of a project, and a new claim built from the expenses of its period. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const list = useQuery({ queryKey: claimKeys.list(id), queryFn: () => claims.list(id) });
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  return (
    <Page
      title={
        list.data ? t('projectClaims.title', { acronym: list.data.acronym }) : t('projectClaims.heading')
      }
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: list.data?.acronym ?? t('projectClaims.project'), to: `/progetto/${id}` },
      ]}
    >
      <ProjectSections projectId={id} />
      <Notice message={notice} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <Claims list={list.data} />
          {list.data.can.manage && <NewClaim projectId={id} />}
        </>
      )}
    </Page>
  );
}

function Claims({ list }: { list: ClaimList }) {
  const { t } = useTranslation();
  if (list.claims.length === 0) return <p>{t('projectClaims.empty')}</p>;
  return (
    <TableScroll label={t('projectClaims.heading')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('projectClaims.fields.number')}</th>
            <th scope="col">{t('projectClaims.fields.kind')}</th>
            <th scope="col">{t('projectClaims.fields.period')}</th>
            <th scope="col">{t('projectClaims.fields.status')}</th>
            <th scope="col" className="text-end">
              {t('projectClaims.fields.expenses')}
            </th>
            <th scope="col" className="text-end">
              {t('projectClaims.fields.claimed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.claims.map((claim) => (
            <tr key={claim.id}>
              <td>
                <Link to={`/progetto/${list.projectId}/domande-di-rimborso/${claim.id}`}>
                  {t('projectClaims.claimNumber', { number: claim.number })}
                </Link>
              </td>
              <td>{CLAIM_KINDS[claim.kind]}</td>
              <td>
                {t('projectClaims.period', {
                  from: formatDate(claim.periodStart),
                  to: formatDate(claim.periodEnd),
                })}
              </td>
              <td>{CLAIM_STATUSES[claim.status]}</td>
              <td className="text-end">{claim.expenses}</td>
              <td className="text-end">{formatEuro(claim.claimedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

type PeriodFields = { kind: ClaimInput['kind']; periodStart: string; periodEnd: string };

/** The manager chooses a period, sees its expenses (those excluded with the rule that stops them) and builds a claim. */
function NewClaim({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<PeriodFields>({
    defaultValues: { kind: 'INTERMEDIATE', periodStart: '', periodEnd: '' },
  });
  const [period, setPeriod] = useState<PeriodFields | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['project', 'claims', projectId, 'candidates', period?.periodStart, period?.periodEnd],
    queryFn: () => claims.candidates(projectId, period?.periodStart ?? '', period?.periodEnd ?? ''),
    enabled: period !== null,
  });
  const create = useMutation({
    mutationFn: (input: ClaimInput) => claims.create(projectId, input),
    onSuccess: (claim) => {
      void queryClient.invalidateQueries({ queryKey: claimKeys.list(projectId) });
      void navigate(`/progetto/${projectId}/domande-di-rimborso/${claim.id}`);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['kind', 'periodStart', 'periodEnd'])),
  });
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const show = form.handleSubmit((values) => {
    setProblem(null);
    setPeriod(values);
    setChosen(new Set());
  });
  return (
    <section aria-labelledby="nuova-domanda" className="mt-5">
      <h2 id="nuova-domanda" className="h4">
        {t('projectClaims.new.heading')}
      </h2>
      <form onSubmit={show} noValidate className="lovit-form">
        <SelectField label={t('projectClaims.fields.kind')} registration={form.register('kind')}>
          {Object.entries(CLAIM_KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          type="date"
          label={t('projectClaims.fields.periodStart')}
          registration={form.register('periodStart', { required: t('validation.required') })}
          error={form.formState.errors.periodStart}
        />
        <TextField
          type="date"
          label={t('projectClaims.fields.periodEnd')}
          registration={form.register('periodEnd', { required: t('validation.required') })}
          error={form.formState.errors.periodEnd}
        />
        <button type="submit" className="btn btn-outline-primary">
          {t('projectClaims.new.show')}
        </button>
      </form>
      {period && candidates.isPending && <Loading />}
      {period && candidates.error && <LoadError error={candidates.error} />}
      {period && candidates.data && (
        <form
          className="mt-4"
          onSubmit={(event) => {
            event.preventDefault();
            setProblem(null);
            create.mutate({ ...period, expenseIds: [...chosen] });
          }}
        >
          <fieldset>
            <legend className="h5">{t('projectClaims.new.expenses')}</legend>
            {candidates.data.candidates.length === 0 && <p>{t('projectClaims.new.none')}</p>}
            <ul className="list-unstyled">
              {candidates.data.candidates.map((c) => (
                <li key={c.id} className="form-check mb-2">
                  <input
                    id={`spesa-${c.id}`}
                    type="checkbox"
                    className="form-check-input"
                    disabled={c.blockedBy !== null}
                    checked={chosen.has(c.id)}
                    onChange={() => toggle(c.id)}
                    aria-describedby={c.blockedBy ? `spesa-${c.id}-motivo` : undefined}
                  />
                  <label htmlFor={`spesa-${c.id}`} className="form-check-label">
                    {c.reference} – {c.organisationName} – {c.lineCode} – {formatEuro(c.amountCents)}
                  </label>
                  {c.blockedBy && (
                    <p id={`spesa-${c.id}-motivo`} className="small text-danger mb-0">
                      {c.blockedBy}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </fieldset>
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={create.isPending || chosen.size === 0}>
            {t('projectClaims.new.create', { count: chosen.size })}
          </button>
        </form>
      )}
      {!candidates.data && <FormProblem message={problem} />}
    </section>
  );
}
