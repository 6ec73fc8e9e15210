import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { THEMES, tableInput } from '../../../src/modules/council/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { OrganisationOptions } from './OrganisationOptions.tsx';
import { council, keys, type TableInput } from './requests.ts';

const EMPTY: TableInput = {
  kind: 'THEMATIC',
  name: '',
  theme: 'WORK',
  mandate: '',
  startsOn: '',
  endsOn: null,
  coordinatorOrganisationId: '',
};

/** The secretariat sets up the plenary or a thematic table. */
export function TableForm({ onCreated }: { onCreated: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: resolverWithBlanksAsNull(tableInput, ['endsOn']), defaultValues: EMPTY });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: council.createTable,
    onSuccess: (table) => {
      setProblem(null);
      form.reset(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.tables });
      onCreated(t('council.tables.created', { name: table.name }));
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, Object.keys(EMPTY) as (keyof TableInput)[])),
  });
  return (
    <section aria-labelledby="tavolo-nuovo" className="mt-5">
      <h2 id="tavolo-nuovo" className="h4">
        {t('council.tables.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.tables.name')}
              registration={form.register('name')}
              error={errors.name}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              label={t('council.tables.kind')}
              registration={form.register('kind')}
              error={errors.kind}
            >
              <option value="THEMATIC">{t('council.tables.THEMATIC')}</option>
              <option value="PLENARY">{t('council.tables.PLENARY')}</option>
            </SelectField>
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              label={t('council.tables.theme')}
              registration={form.register('theme')}
              error={errors.theme}
            >
              {Object.entries(THEMES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextAreaField
          label={t('council.tables.mandate')}
          error={errors.mandate}
          {...form.register('mandate')}
        />
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              label={t('council.tables.coordinator')}
              registration={form.register('coordinatorOrganisationId')}
              error={errors.coordinatorOrganisationId}
            >
              <OrganisationOptions />
            </SelectField>
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="date"
              label={t('council.tables.startsOn')}
              registration={form.register('startsOn')}
              error={errors.startsOn}
            />
          </div>
          <div className="col-6 col-md-3">
            <TextField
              type="date"
              label={t('council.tables.endsOn')}
              hint={t('common.optional')}
              registration={form.register('endsOn')}
              error={errors.endsOn}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('council.tables.create')}
        </button>
      </form>
    </section>
  );
}
