import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { council, keys } from './requests.ts';

type Values = {
  tableId: string;
  title: string;
  objective: string;
  needs: string;
  actions: string;
  partners: string;
  budgetEuro: string;
  startsOn: string;
  endsOn: string;
};

const EMPTY: Values = {
  tableId: '',
  title: '',
  objective: '',
  needs: '',
  actions: '',
  partners: '',
  budgetEuro: '',
  startsOn: '',
  endsOn: '',
};

/** The secretariat records an initiative a table planned: objective, needs, actions, partners, budget, timeline. */
export function InitiativeForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tables = useQuery({ queryKey: keys.tables, queryFn: council.tables });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: EMPTY });
  const { errors } = form.formState;
  const plan = useMutation({
    mutationFn: (values: Values) =>
      council.planInitiative({
        tableId: values.tableId,
        title: values.title,
        objective: values.objective,
        needs: values.needs,
        actions: values.actions,
        partners: values.partners
          .split(',')
          .map((partner) => partner.trim())
          .filter(Boolean),
        budgetCents: values.budgetEuro.trim()
          ? Math.round(Number(values.budgetEuro.replace(',', '.')) * 100)
          : null,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        status: 'PLANNED',
        progress: 0,
      }),
    onSuccess: () => {
      setProblem(null);
      form.reset(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.initiatives });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(EMPTY))),
  });
  return (
    <section aria-labelledby="iniziativa-nuova" className="mt-5">
      <h2 id="iniziativa-nuova" className="h4">
        {t('council.initiatives.formTitle')}
      </h2>
      <form onSubmit={form.handleSubmit((values) => plan.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.initiatives.name')}
              registration={form.register('title')}
              error={errors.title}
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              label={t('council.initiatives.table')}
              registration={form.register('tableId')}
              error={errors.tableId}
            >
              <option value="">{t('council.initiatives.chooseTable')}</option>
              {(tables.data ?? []).map((table) => (
                <option key={table.id} value={table.id}>
                  {table.name}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <TextAreaField
          label={t('council.initiatives.objective')}
          error={errors.objective}
          {...form.register('objective')}
        />
        <TextAreaField
          label={t('council.initiatives.needs')}
          error={errors.needs}
          {...form.register('needs')}
        />
        <TextAreaField
          label={t('council.initiatives.actions')}
          error={errors.actions}
          {...form.register('actions')}
        />
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('council.initiatives.partners')}
              hint={t('council.initiatives.partnersHint')}
              registration={form.register('partners')}
              error={errors.partners}
            />
          </div>
          <div className="col-12 col-md-2">
            <TextField
              label={t('council.initiatives.budget')}
              hint={t('common.optional')}
              inputMode="decimal"
              registration={form.register('budgetEuro')}
              error={errors.budgetEuro}
            />
          </div>
          <div className="col-6 col-md-2">
            <TextField
              type="date"
              label={t('council.initiatives.startsOn')}
              registration={form.register('startsOn')}
              error={errors.startsOn}
            />
          </div>
          <div className="col-6 col-md-2">
            <TextField
              type="date"
              label={t('council.initiatives.endsOn')}
              registration={form.register('endsOn')}
              error={errors.endsOn}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={plan.isPending}>
          {t('council.initiatives.plan')}
        </button>
      </form>
    </section>
  );
}
