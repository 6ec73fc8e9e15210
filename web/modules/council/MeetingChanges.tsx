import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { council, keys, type MeetingView } from './requests.ts';
import { romeInstant } from './romeTime.ts';
import { blankAsNull, startsAtAsDay, type WhenWhere, WhenWhereFields } from './WhenWhereFields.tsx';

const romeParts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The secretariat moves a convened meeting or cancels it, with the reason the participants will read. */
export function MeetingChanges({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  if (!meeting.canManage || meeting.status !== 'CONVENED') return null;
  return (
    <section aria-labelledby="modifica-seduta" className="mt-4">
      <h2 id="modifica-seduta" className="h4">
        {t('council.changes.title')}
      </h2>
      <RescheduleForm meeting={meeting} />
      <CancelForm meeting={meeting} />
    </section>
  );
}

function useMeetingChange<V extends object>(meeting: MeetingView, send: (values: V) => Promise<MeetingView>) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (view) => {
      setProblem(null);
      queryClient.setQueryData(keys.meeting(meeting.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.table(meeting.tableId) });
    },
  });
  return { mutation, problem, setProblem };
}

function RescheduleForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const [day = '', time = ''] = romeParts.format(new Date(meeting.startsAt)).split(' ');
  const form = useForm<WhenWhere & { reason: string }>({
    defaultValues: { day, time, place: meeting.place ?? '', onlineUrl: meeting.onlineUrl ?? '', reason: '' },
  });
  const { errors } = form.formState;
  const { mutation, problem, setProblem } = useMeetingChange(
    meeting,
    (values: WhenWhere & { reason: string }) =>
      council.reschedule(meeting.id, {
        startsAt: romeInstant(values.day, values.time),
        place: blankAsNull(values.place),
        onlineUrl: blankAsNull(values.onlineUrl),
        reason: values.reason,
      }),
  );
  const submit = form.handleSubmit((values) =>
    mutation.mutate(values, {
      onError: (error) =>
        setProblem(
          reportProblem(startsAtAsDay(error), form.setError, ['day', 'place', 'onlineUrl', 'reason']),
        ),
    }),
  );
  return (
    <form onSubmit={submit} noValidate className="lovit-form">
      <fieldset>
        <legend className="h6 mb-5">{t('council.changes.rescheduleTitle')}</legend>
        <WhenWhereFields
          fields={{
            day: { registration: form.register('day'), error: errors.day },
            time: { registration: form.register('time'), error: errors.time },
            place: { registration: form.register('place'), error: errors.place },
            onlineUrl: { registration: form.register('onlineUrl'), error: errors.onlineUrl },
          }}
        />
        <TextAreaField
          label={t('council.changes.rescheduleReason')}
          error={errors.reason}
          {...form.register('reason')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t('council.changes.reschedule')}
        </button>
      </fieldset>
    </form>
  );
}

function CancelForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const form = useForm({ defaultValues: { reason: '' } });
  const { mutation, problem, setProblem } = useMeetingChange(meeting, (values: { reason: string }) =>
    council.cancel(meeting.id, values),
  );
  const submit = form.handleSubmit((values) =>
    mutation.mutate(values, {
      onError: (error) => setProblem(reportProblem(error, form.setError, ['reason'])),
    }),
  );
  return (
    <form onSubmit={submit} noValidate className="lovit-form">
      <fieldset>
        <legend className="h6 mb-5">{t('council.changes.cancelTitle')}</legend>
        <TextAreaField
          label={t('council.changes.cancelReason')}
          error={form.formState.errors.reason}
          {...form.register('reason')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-danger" disabled={mutation.isPending}>
          {t('council.changes.cancel')}
        </button>
      </fieldset>
    </form>
  );
}
