import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme } from '../../../src/modules/council/contract.ts';
import { useMunicipalities } from '../../app/territory.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { keys, needs, type ServiceView } from './requests.ts';

type Values = {
  name: string;
  description: string;
  municipalityIstatCode: string;
  address: string;
  themes: Theme[];
  targetGroups: string;
  languages: string;
  eligibility: string;
  hours: string;
  phone: string;
  email: string;
  url: string;
};

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const orNull = (value: string) => (value.trim() ? value : null);

function valuesOf(service: ServiceView | null): Values {
  return {
    name: service?.name ?? '',
    description: service?.description ?? '',
    municipalityIstatCode: service?.municipalityIstatCode ?? '',
    address: service?.address ?? '',
    themes: service?.themes ?? [],
    targetGroups: service?.targetGroups.join(', ') ?? '',
    languages: service?.languages.join(', ') ?? '',
    eligibility: service?.eligibility ?? '',
    hours: service?.hours ?? '',
    phone: service?.phone ?? '',
    email: service?.email ?? '',
    url: service?.url ?? '',
  };
}

/** Adds a service of the user's organisation to the directory, or edits one it owns. */
export function ServiceForm({
  service,
  onSaved,
}: {
  service: ServiceView | null;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const id = useId();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: valuesOf(service) });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input = {
        ...values,
        address: orNull(values.address),
        targetGroups: list(values.targetGroups),
        languages: list(values.languages).map((code) => code.toLowerCase()),
        eligibility: orNull(values.eligibility),
        hours: orNull(values.hours),
        phone: orNull(values.phone),
        email: orNull(values.email),
        url: orNull(values.url),
      };
      return service ? needs.updateService(service.id, input) : needs.createService(input);
    },
    onSuccess: (saved) => {
      setProblem(null);
      form.reset(valuesOf(null));
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onSaved(t('council.services.saved', { name: saved.name }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(valuesOf(null)))),
  });
  // The municipalities come from the server: the form appears with them, its choice already selected.
  if (municipalities.length === 0) return <Loading />;
  return (
    <section aria-labelledby={`${id}-titolo`} className="mt-5">
      <h2 id={`${id}-titolo`} className="h4">
        {service ? t('council.services.editTitle', { name: service.name }) : t('council.services.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.services.name')}
              registration={form.register('name')}
              error={errors.name}
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              label={t('council.services.municipality')}
              registration={form.register('municipalityIstatCode')}
              error={errors.municipalityIstatCode}
            >
              <option value="">{t('council.services.chooseMunicipality')}</option>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextAreaField
          label={t('council.services.description')}
          error={errors.description}
          {...form.register('description')}
        />
        <fieldset className="mb-3">
          <legend className="h6">{t('council.services.themes')}</legend>
          {Object.entries(THEMES).map(([code, label]) => (
            <div key={code} className="form-check form-check-inline">
              <input id={`${id}-${code}`} type="checkbox" value={code} {...form.register('themes')} />
              <label htmlFor={`${id}-${code}`}>{label}</label>
            </div>
          ))}
          {errors.themes && <div className="invalid-feedback d-block">{errors.themes.message}</div>}
        </fieldset>
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.services.address')}
              hint={t('common.optional')}
              registration={form.register('address')}
              error={errors.address}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.services.hours')}
              hint={t('common.optional')}
              registration={form.register('hours')}
              error={errors.hours}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.services.targetGroups')}
              hint={t('council.services.commaHint')}
              registration={form.register('targetGroups')}
              error={errors.targetGroups}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.services.languages')}
              hint={t('council.services.languagesHint')}
              registration={form.register('languages')}
              error={errors.languages}
            />
          </div>
          <div className="col-12">
            <TextField
              label={t('council.services.eligibility')}
              hint={t('common.optional')}
              registration={form.register('eligibility')}
              error={errors.eligibility}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField
              type="tel"
              label={t('council.services.phone')}
              hint={t('common.optional')}
              registration={form.register('phone')}
              error={errors.phone}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField
              type="email"
              label={t('council.services.email')}
              hint={t('common.optional')}
              registration={form.register('email')}
              error={errors.email}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField
              type="url"
              label={t('council.services.url')}
              hint={t('common.optional')}
              registration={form.register('url')}
              error={errors.url}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {service ? t('council.services.update') : t('council.services.create')}
        </button>
      </form>
    </section>
  );
}
