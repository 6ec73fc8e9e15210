import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_STATUSES,
  problemInput,
} from '../../../src/modules/exchange/contract.ts';
import { useSignedInSession } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { keys as identityKeys, organisations } from '../identity/requests.ts';
import {
  figureKeys,
  type ProblemInput,
  type ProblemQuery,
  type ProblemView,
  problems,
} from './figuresRequests.ts';

type Status = keyof typeof PROBLEM_STATUSES;
const FILTERS = ['unresolved', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'all'] as const;
const resolver = resolverWithBlanksAsNull(problemInput, ['caseNumber']);

/** The problem log the offices share: what slows files down, who owns it, how it was solved. */
export function ProblemsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (FILTERS as readonly string[]).includes(params.get('stato') ?? '')
    ? (params.get('stato') as ProblemQuery['status'])
    : 'unresolved';
  const query: ProblemQuery = { status };
  const list = useQuery({ queryKey: figureKeys.problems(query), queryFn: () => problems.list(query) });
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Page title={t('exchangeProblems.title')} trail={[{ label: t('modules.opinions.title'), to: '/pareri' }]}>
      <Notice message={notice} />
      <p>{t('exchangeProblems.intro')}</p>
      <nav aria-label={t('exchangeProblems.filterLabel')} className="mb-3">
        <ul className="nav nav-pills gap-2">
          {FILTERS.map((filter) => (
            <li className="nav-item" key={filter}>
              <button
                type="button"
                className={`btn btn-sm ${filter === status ? 'btn-primary' : 'btn-outline-primary'}`}
                aria-pressed={filter === status}
                onClick={() => setParams({ stato: filter })}
              >
                {t(`exchangeProblems.filters.${filter}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('exchangeProblems.empty')}</p>
      ) : (
        <ol className="list-unstyled">
          {list.data.map((problem) => (
            <ProblemItem key={problem.id} problem={problem} onDone={setNotice} />
          ))}
        </ol>
      )}
      <RaiseForm onDone={setNotice} />
    </Page>
  );
}

function ProblemItem({ problem, onDone }: { problem: ProblemView; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = [problem.ownerOrganisationId, problem.raisedByOrganisationId].includes(
    session.organisation.id,
  );
  const update = useMutation({
    mutationFn: (status: Status) =>
      problems.update(problem.id, { status, resolution: resolution || null, version: problem.version }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['exchange'] });
      onDone(
        t('exchangeProblems.updated', { title: updated.title, status: PROBLEM_STATUSES[updated.status] }),
      );
    },
    onError: (failure) => setError(reportProblem(failure, () => undefined, [])),
  });
  return (
    <li className="card card-bg mb-3">
      <article className="card-body" aria-labelledby={`problema-${problem.id}`}>
        <h2 id={`problema-${problem.id}`} className="h5">
          {problem.title}
        </h2>
        <p className="small mb-2">
          {t('exchangeProblems.meta', {
            category:
              PROBLEM_CATEGORIES[problem.category as keyof typeof PROBLEM_CATEGORIES] ?? problem.category,
            status: PROBLEM_STATUSES[problem.status],
            raisedBy: `${problem.raisedBy} (${problem.raisedByOrganisation})`,
            raisedOn: formatDate(problem.raisedOn),
            owner: problem.ownerOrganisation,
          })}
          {problem.caseNumber && ` · ${t('exchangeProblems.case', { number: problem.caseNumber })}`}
        </p>
        <p className="mb-2">{problem.description}</p>
        {problem.resolution && (
          <p className="mb-2">
            <strong>{t('exchangeProblems.resolution')}:</strong> {problem.resolution}
            {problem.resolvedOn && ` (${formatDate(problem.resolvedOn)})`}
          </p>
        )}
        {mine && problem.status !== 'RESOLVED' && (
          <div className="lovit-form">
            <TextAreaField
              label={t('exchangeProblems.resolutionLabel')}
              rows={2}
              value={resolution}
              onChange={(event) => setResolution(event.target.value)}
              error={undefined}
            />
            <FormProblem message={error} />
            <div className="d-flex flex-wrap gap-2">
              {problem.status === 'OPEN' && (
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => update.mutate('IN_PROGRESS')}
                >
                  {t('exchangeProblems.takeUp')}
                </button>
              )}
              <button
                type="button"
                className="btn btn-primary btn-sm"
                onClick={() => update.mutate('RESOLVED')}
              >
                {t('exchangeProblems.resolve')}
              </button>
            </div>
          </div>
        )}
      </article>
    </li>
  );
}

function RaiseForm({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choices = useQuery({ queryKey: identityKeys.allOrganisations, queryFn: organisations.all });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<ProblemInput>({
    resolver,
    defaultValues: {
      category: 'MISSING_DATA',
      title: '',
      description: '',
      caseNumber: '',
      ownerOrganisationId: '',
    },
  });
  const { errors } = form.formState;
  const raise = useMutation({
    mutationFn: problems.raise,
    onSuccess: (raised) => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['exchange'] });
      onDone(t('exchangeProblems.raised', { title: raised.title }));
    },
    onError: (error) =>
      setProblem(
        reportProblem(error, form.setError, [
          'category',
          'title',
          'description',
          'caseNumber',
          'ownerOrganisationId',
        ]),
      ),
  });
  return (
    <form
      noValidate
      className="lovit-form mt-5"
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        raise.mutate(values);
      })}
    >
      <fieldset>
        <legend className="h4">{t('exchangeProblems.raiseTitle')}</legend>
        <SelectField
          label={t('exchangeProblems.category')}
          registration={form.register('category')}
          error={errors.category}
        >
          {Object.entries(PROBLEM_CATEGORIES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('exchangeProblems.titleLabel')}
          registration={form.register('title')}
          error={errors.title}
        />
        <TextAreaField
          label={t('exchangeProblems.description')}
          error={errors.description}
          {...form.register('description')}
        />
        <TextField
          label={t('exchangeProblems.caseNumber')}
          hint={t('exchangeProblems.caseNumberHint')}
          registration={form.register('caseNumber')}
          error={errors.caseNumber}
        />
        <SelectField
          label={t('exchangeProblems.owner')}
          registration={form.register('ownerOrganisationId')}
          error={errors.ownerOrganisationId}
        >
          <option value="">{t('exchangeProblems.chooseOwner')}</option>
          {(choices.data ?? []).map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={raise.isPending}>
          {t('exchangeProblems.raise')}
        </button>
      </fieldset>
    </form>
  );
}
