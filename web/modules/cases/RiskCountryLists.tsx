import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { riskCountryListInput } from '../../../src/modules/cases/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { keys, type RiskCountryLists as Lists, riskCountries } from './requests.ts';
import { countryChoices } from './vocabulary.ts';

const resolver = resolverWithBlanksAsNull(riskCountryListInput, []);

const countryNames = (codes: readonly string[]) => {
  const names = new Map(countryChoices().map(({ code, name }) => [code, name]));
  return codes
    .map((code) => names.get(code) ?? code)
    .sort((a, b) => a.localeCompare(b, 'it'))
    .join(', ');
};

/**
 * The yearly lists of countries at particular risk (DL 145/2024 art. 3): no clearance is issued by silence for
 * their workers, nor for anyone in a year whose list the manager has not confirmed.
 */
export function RiskCountryLists({ onSaved }: { onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const canManage = usePermission('cases.quota.manage');
  const lists = useQuery({ queryKey: keys.riskCountries, queryFn: riskCountries.list });
  return (
    <section aria-labelledby="paesi-rischio" className="mt-5">
      <h2 id="paesi-rischio" className="h4">
        {t('cases.riskCountries.heading')}
      </h2>
      <p>{t('cases.riskCountries.intro')}</p>
      {lists.isPending ? (
        <Loading />
      ) : lists.error ? (
        <LoadError error={lists.error} />
      ) : (
        <>
          {!lists.data.confirmed && (
            <p className="alert alert-warning">
              {t('cases.riskCountries.missing', { year: lists.data.year })}
            </p>
          )}
          <ul>
            {lists.data.lists.map((list) => (
              <li key={list.year}>
                <strong>{list.year}</strong>: {countryNames(list.countries)}{' '}
                <span className="d-block small">
                  {list.legalBasis} –{' '}
                  {list.confirmedBy
                    ? t('cases.riskCountries.confirmedBy', {
                        name: list.confirmedBy,
                        on: formatDate(list.confirmedAt),
                      })
                    : t('cases.riskCountries.byLaw')}
                </span>
              </li>
            ))}
          </ul>
          {canManage && <RiskCountryForm lists={lists.data} onSaved={onSaved} />}
        </>
      )}
    </section>
  );
}

/** The manager records and confirms a year's list, starting from the latest one. */
function RiskCountryForm({ lists, onSaved }: { lists: Lists; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const latest = lists.lists[0];
  const form = useForm({
    resolver,
    defaultValues: { year: lists.year, countries: [...(latest?.countries ?? [])], legalBasis: '' },
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: riskCountries.confirm,
    onSuccess: (saved, input) => {
      setProblem(null);
      queryClient.setQueryData(keys.riskCountries, saved);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      onSaved(t('cases.riskCountries.saved', { year: input.year }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['year', 'countries', 'legalBasis'])),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      noValidate
      className="lovit-form"
      aria-labelledby="paesi-rischio-conferma"
    >
      <h3 id="paesi-rischio-conferma" className="h5">
        {t('cases.riskCountries.formTitle')}
      </h3>
      <div className="row">
        <div className="col-12 col-md-4">
          <TextField
            label={t('cases.quotas.year')}
            type="number"
            registration={form.register('year', { valueAsNumber: true })}
            error={errors.year}
          />
        </div>
        <div className="col-12 col-md-8">
          <SelectField
            label={t('cases.riskCountries.countries')}
            hint={t('cases.riskCountries.countriesHint')}
            registration={form.register('countries')}
            error={
              errors.countries?.root ?? errors.countries?.[0] ?? (errors.countries as FieldError | undefined)
            }
            multiple
            size={8}
          >
            {countryChoices().map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12">
          <TextField
            label={t('cases.quotas.legalBasis')}
            hint={t('cases.riskCountries.legalBasisHint')}
            registration={form.register('legalBasis')}
            error={errors.legalBasis}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t('cases.riskCountries.save')}
      </button>
    </form>
  );
}
