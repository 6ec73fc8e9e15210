import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { INITIATIVE_STATUSES } from '../../../src/modules/council/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { InitiativeForm } from './InitiativeForm.tsx';
import { council, type InitiativeView, keys } from './requests.ts';

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/** The initiatives the tables planned, with their progress; the secretariat plans and updates them. */
export function InitiativesPage() {
  const { t } = useTranslation();
  const manages = usePermission('council.manage');
  const initiatives = useQuery({ queryKey: keys.initiatives, queryFn: council.initiatives });
  return (
    <Page title={t('council.initiatives.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      {initiatives.isPending ? (
        <Loading />
      ) : initiatives.error ? (
        <LoadError error={initiatives.error} />
      ) : initiatives.data.length === 0 ? (
        <p className="alert alert-info">{t('council.initiatives.empty')}</p>
      ) : (
        <ul className="list-unstyled">
          {initiatives.data.map((initiative) => (
            <Initiative key={initiative.id} initiative={initiative} canUpdate={manages} />
          ))}
        </ul>
      )}
      {manages && <InitiativeForm />}
    </Page>
  );
}

function Initiative({ initiative, canUpdate }: { initiative: InitiativeView; canUpdate: boolean }) {
  const { t } = useTranslation();
  const headingId = `iniziativa-${initiative.id}`;
  return (
    <li className="card card-bg mb-3">
      <article className="card-body" aria-labelledby={headingId}>
        <h2 id={headingId} className="h5 card-title">
          {initiative.title}
        </h2>
        <p className="mb-1">
          {initiative.tableName} · {formatDate(initiative.startsOn)} – {formatDate(initiative.endsOn)} ·{' '}
          {INITIATIVE_STATUSES[initiative.status]}
          {initiative.budgetCents !== null && ` · ${euro.format(initiative.budgetCents / 100)}`}
        </p>
        <p className="mb-1">
          <span className="fw-semibold">{t('council.initiatives.objective')}:</span> {initiative.objective}
        </p>
        <p className="mb-1">
          <span className="fw-semibold">{t('council.initiatives.needs')}:</span> {initiative.needs}
        </p>
        {initiative.partners.length > 0 && (
          <p className="mb-1">
            <span className="fw-semibold">{t('council.initiatives.partners')}:</span>{' '}
            {initiative.partners.join(', ')}
          </p>
        )}
        <div
          className="progress my-2"
          role="progressbar"
          aria-label={t('council.initiatives.progressOf', { title: initiative.title })}
          aria-valuenow={initiative.progress}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="progress-bar" style={{ width: `${initiative.progress}%` }} />
        </div>
        <p className="small">{t('council.initiatives.progress', { progress: initiative.progress })}</p>
        {initiative.results && <p className="lovit-prose">{initiative.results}</p>}
        {canUpdate && <ProgressForm initiative={initiative} />}
      </article>
    </li>
  );
}

type Progress = { status: InitiativeView['status']; progress: number; results: string };

function ProgressForm({ initiative }: { initiative: InitiativeView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Progress>({
    defaultValues: {
      status: initiative.status,
      progress: initiative.progress,
      results: initiative.results ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (values: Progress) =>
      council.progress(initiative.id, {
        status: values.status,
        progress: Number(values.progress),
        results: values.results.trim() ? values.results : null,
      }),
    onSuccess: () => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.initiatives });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['status', 'progress', 'results'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      <fieldset className="row align-items-end mt-3">
        <legend className="h6 mb-5">{t('council.initiatives.updateOf', { title: initiative.title })}</legend>
        <div className="col-12 col-md-3">
          <SelectField label={t('council.initiatives.status')} registration={form.register('status')}>
            {Object.entries(INITIATIVE_STATUSES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-2">
          <TextField
            type="number"
            label={t('council.initiatives.percent')}
            registration={form.register('progress', { valueAsNumber: true, min: 0, max: 100 })}
            error={form.formState.errors.progress}
          />
        </div>
        <div className="col-12 col-md-5">
          <TextField
            label={t('council.initiatives.results')}
            registration={form.register('results')}
            error={form.formState.errors.results}
          />
        </div>
        <div className="col-12 col-md-2 mb-3">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('council.initiatives.update')}
          </button>
        </div>
        <div className="col-12">
          <FormProblem message={problem} />
        </div>
      </fieldset>
    </form>
  );
}
