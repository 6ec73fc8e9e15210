import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { EVENT_KINDS, type EventInput, keys, outreach } from './requests.ts';

type EventFields = Required<EventInput>;

const EMPTY: EventFields = { kind: 'CONFERENCE', title: '', summary: '', description: '', offerHours: 48 };

/** The communications officer prepares an event; it reaches the portal once it has a date and is published. */
export function NewEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<EventFields>({ defaultValues: EMPTY });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: outreach.createEvent,
    onSuccess: (event) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/comunicazione/eventi/${event.id}`);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(EMPTY))),
  });
  return (
    <Page
      title={t('outreach.events.new')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p>{t('outreach.events.newIntro')}</p>
      <form
        onSubmit={form.handleSubmit((values) => {
          setProblem(null);
          create.mutate(values);
        })}
        noValidate
        className="lovit-form"
      >
        <SelectField
          label={t('outreach.events.kind')}
          registration={form.register('kind')}
          error={errors.kind}
        >
          {EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`outreach.events.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('outreach.events.name')}
          registration={form.register('title')}
          error={errors.title}
        />
        <TextAreaField
          label={t('outreach.events.summary')}
          hint={t('outreach.events.summaryHint')}
          rows={2}
          error={errors.summary}
          {...form.register('summary')}
        />
        <TextAreaField
          label={t('outreach.events.description')}
          hint={t('outreach.events.descriptionHint')}
          rows={6}
          error={errors.description}
          {...form.register('description')}
        />
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              type="number"
              label={t('outreach.events.offerHours')}
              hint={t('outreach.events.offerHoursHint')}
              registration={form.register('offerHours', { valueAsNumber: true })}
              error={errors.offerHours}
            />
          </div>
        </div>
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('outreach.events.create')}
        </button>
      </form>
    </Page>
  );
}
