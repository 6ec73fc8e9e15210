import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type UseFormReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { EVENT_KINDS, type EventInput, keys, outreach } from './requests.ts';

type EventFields = Required<EventInput>;

const EMPTY: EventFields = { kind: 'CONFERENCE', title: '', summary: '', description: '', offerHours: 48 };

type EventFormProps = {
  defaultValues: EventFields;
  submitLabel: string;
  isPending: boolean;
  onSubmit: (
    values: EventFields,
    setProblem: (message: string | null) => void,
    form: UseFormReturn<EventFields>,
  ) => void;
};

/** The Italian text and settings of an event, for a new event or to correct one. */
function EventForm({ defaultValues, submitLabel, isPending, onSubmit }: EventFormProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<EventFields>({ defaultValues });
  const { errors } = form.formState;
  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        onSubmit(values, setProblem, form);
      })}
      noValidate
      className="lovit-form"
    >
      <SelectField label={t('outreach.events.kind')} registration={form.register('kind')} error={errors.kind}>
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
      <button type="submit" className="btn btn-primary" disabled={isPending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** The communications officer prepares an event; it reaches the portal once it has a date and is published. */
export function NewEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ values }: { values: EventFields; report: (error: unknown) => void }) =>
      outreach.createEvent(values),
    onSuccess: (event) => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/comunicazione/eventi/${event.id}`);
    },
    onError: (error, { report }) => report(error),
  });
  return (
    <Page
      title={t('outreach.events.new')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p>{t('outreach.events.newIntro')}</p>
      <EventForm
        defaultValues={EMPTY}
        submitLabel={t('outreach.events.create')}
        isPending={create.isPending}
        onSubmit={(values, setProblem, form) =>
          create.mutate({
            values,
            report: (error) => setProblem(reportProblem(error, form.setError, Object.keys(EMPTY))),
          })
        }
      />
    </Page>
  );
}

/** Corrects the Italian text and settings of an event; its dates and translations are on its page. */
export function EditEventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: keys.event(id), queryFn: () => outreach.event(id) });
  const change = useMutation({
    mutationFn: ({ values }: { values: EventFields; report: (error: unknown) => void }) =>
      outreach.changeEvent(id, values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void navigate(`/comunicazione/eventi/${id}`);
    },
    onError: (error, { report }) => report(error),
  });
  if (!data) return <Loading />;
  return (
    <Page
      title={t('outreach.events.edit')}
      trail={[
        { label: t('modules.outreach.title'), to: '/comunicazione' },
        { label: data.title, to: `/comunicazione/eventi/${id}` },
      ]}
    >
      <EventForm
        defaultValues={{
          kind: data.kind,
          title: data.title,
          summary: data.summary,
          description: data.description,
          offerHours: data.offerHours,
        }}
        submitLabel={t('outreach.events.save')}
        isPending={change.isPending}
        onSubmit={(values, setProblem, form) =>
          change.mutate({
            values,
            report: (error) => setProblem(reportProblem(error, form.setError, Object.keys(EMPTY))),
          })
        }
      />
    </Page>
  );
}
