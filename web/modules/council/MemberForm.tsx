import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { memberInput } from '../../../src/modules/council/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { OrganisationOptions } from './OrganisationOptions.tsx';
import { council, keys, type MemberInput } from './requests.ts';

const EMPTY: MemberInput = {
  organisationId: '',
  representativeName: '',
  representativeEmail: '',
  deputyName: null,
  deputyEmail: null,
  fromOn: '',
};

/** Appoints an organisation's representative (and deputy); a new one for a sitting organisation replaces the old. */
export function MemberForm({ tableId, onSaved }: { tableId: string; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(memberInput, ['deputyName', 'deputyEmail']),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const appoint = useMutation({
    mutationFn: (values: MemberInput) => council.appoint(tableId, values),
    onSuccess: (table) => {
      setProblem(null);
      form.reset(EMPTY);
      queryClient.setQueryData(keys.table(tableId), table);
      void queryClient.invalidateQueries({ queryKey: keys.tables });
      onSaved(t('council.members.appointed'));
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, Object.keys(EMPTY) as (keyof MemberInput)[])),
  });
  return (
    <section aria-labelledby="nomina" className="mt-4">
      <h3 id="nomina" className="h5">
        {t('council.members.formTitle')}
      </h3>
      <form
        onSubmit={form.handleSubmit((values) => appoint.mutate(values))}
        noValidate
        className="lovit-form"
      >
        <div className="row">
          <div className="col-12 col-md-8">
            <SelectField
              label={t('council.members.organisation')}
              registration={form.register('organisationId')}
              error={errors.organisationId}
            >
              <OrganisationOptions />
            </SelectField>
          </div>
          <div className="col-12 col-md-4">
            <TextField
              type="date"
              label={t('council.members.fromOn')}
              registration={form.register('fromOn')}
              error={errors.fromOn}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.members.representative')}
              registration={form.register('representativeName')}
              error={errors.representativeName}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              type="email"
              label={t('council.members.representativeEmail')}
              registration={form.register('representativeEmail')}
              error={errors.representativeEmail}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.members.deputy')}
              hint={t('common.optional')}
              registration={form.register('deputyName')}
              error={errors.deputyName}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              type="email"
              label={t('council.members.deputyEmail')}
              hint={t('common.optional')}
              registration={form.register('deputyEmail')}
              error={errors.deputyEmail}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={appoint.isPending}>
          {t('council.members.appoint')}
        </button>
      </form>
    </section>
  );
}
