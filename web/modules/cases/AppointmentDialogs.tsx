import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type FieldValues, type Path, type UseFormSetError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  cancelInput,
  outcomeInput,
  rescheduleInput,
} from '../../../src/modules/cases/appointments/contract.ts';
import { ApiError } from '../../app/api.ts';
import { appointmentWhen } from './appointmentTimes.ts';
import { type AppointmentView, appointments, desks, keys } from './requests.ts';
import { type Refusal, refusalOf, SlotFields, SlotRefusal } from './SlotFields.tsx';
import { TextAreaField } from './TextAreaField.tsx';

/** What the user is doing to one appointment: recording whether the applicant came, moving, cancelling. */
export type AppointmentTask = {
  kind: 'ATTENDED' | 'NO_SHOW' | 'RESCHEDULE' | 'CANCEL';
  appointment: AppointmentView;
};

type AppointmentDialogProps = {
  task: AppointmentTask | null;
  onDone: (notice: string) => void;
  onCancel: () => void;
};

/** A native modal dialog with the form of the task at hand; Escape and the first button give up. */
export function AppointmentDialog({ task, onDone, onCancel }: AppointmentDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (task && !dialog.open) dialog.showModal();
    if (!task && dialog.open) dialog.close();
  }, [task]);

  const props = { titleId, onDone, onCancel };
  return (
    <dialog
      ref={dialogRef}
      className="lovit-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {task?.kind === 'RESCHEDULE' && <RescheduleForm appointment={task.appointment} {...props} />}
      {task?.kind === 'CANCEL' && <CancelForm appointment={task.appointment} {...props} />}
      {(task?.kind === 'ATTENDED' || task?.kind === 'NO_SHOW') && (
        <OutcomeForm appointment={task.appointment} outcome={task.kind} {...props} />
      )}
    </dialog>
  );
}

type TaskProps = {
  appointment: AppointmentView;
  titleId: string;
  onDone: (notice: string) => void;
  onCancel: () => void;
};

/** Blank text stands for "not given". */
const optionalText = (schema: z.ZodType<string | undefined, string | undefined>) =>
  z
    .string()
    .transform((value) => value.trim() || undefined)
    .pipe(schema);

const outcomeForm = z.object({ notes: optionalText(outcomeInput.shape.notes) });

function OutcomeForm({
  appointment,
  outcome,
  titleId,
  onDone,
  onCancel,
}: TaskProps & { outcome: 'ATTENDED' | 'NO_SHOW' }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(outcomeForm), defaultValues: { notes: '' } });
  const { refusal, report, refresh } = useRefusal(form.setError, appointment, (field) =>
    field === 'notes' ? 'notes' : null,
  );
  const record = useMutation({
    mutationFn: (values: z.output<typeof outcomeForm>) =>
      appointments.recordOutcome(appointment.id, { outcome, ...values }),
    onSuccess: (updated) => {
      refresh();
      onDone(
        t('cases.appointments.statusChanged', {
          when: appointmentWhen(updated),
          status: updated.statusLabel,
        }),
      );
    },
    onError: report,
  });
  return (
    <TaskForm
      titleId={titleId}
      title={t('cases.appointments.outcomeTitle', {
        outcome: t(outcome === 'ATTENDED' ? 'cases.appointments.attended' : 'cases.appointments.noShow'),
      })}
      intro={appointmentWhen(appointment)}
      confirmLabel={t('cases.actions.confirm')}
      isPending={record.isPending}
      refusal={refusal}
      onSubmit={form.handleSubmit((values) => record.mutate(values))}
      onCancel={onCancel}
    >
      <TextAreaField
        label={t('cases.actions.note')}
        error={form.formState.errors.notes}
        {...form.register('notes')}
      />
    </TaskForm>
  );
}

const rescheduleForm = z.object({
  deskId: z.uuid(),
  startsAt: z.string().min(1, { error: () => i18next.t('validation.choose') }),
  reason: optionalText(rescheduleInput.shape.reason),
});

function RescheduleForm({ appointment, titleId, onDone, onCancel }: TaskProps) {
  const { t } = useTranslation();
  const deskList = useQuery({ queryKey: keys.desks, queryFn: desks.list, staleTime: 60_000 });
  const form = useForm({
    resolver: zodResolver(rescheduleForm),
    defaultValues: { deskId: appointment.desk.id, startsAt: '', reason: '' },
  });
  const deskId = form.watch('deskId');
  const { refusal, report, refresh } = useRefusal(form.setError, appointment, (field) =>
    field === 'deskId' || field === 'startsAt' || field === 'reason' ? field : null,
  );
  const move = useMutation({
    mutationFn: (values: z.output<typeof rescheduleForm>) =>
      appointments.reschedule(appointment.id, {
        startsAt: values.startsAt,
        ...(values.deskId === appointment.desk.id ? {} : { deskId: values.deskId }),
        ...(values.reason ? { reason: values.reason } : {}),
      }),
    onSuccess: (moved) => {
      refresh();
      onDone(t('cases.appointments.booked', { when: appointmentWhen(moved) }));
    },
    onError: (error) => {
      report(error);
      // a taken slot leaves the list when it is read again: the choice goes back to the user
      if (error instanceof ApiError && error.status === 409) form.setValue('startsAt', '');
    },
  });
  const { errors } = form.formState;
  return (
    <TaskForm
      titleId={titleId}
      title={t('cases.appointments.rescheduleTitle')}
      intro={t('cases.appointments.rescheduleIntro', { when: appointmentWhen(appointment) })}
      confirmLabel={t('cases.appointments.rescheduleTitle')}
      isPending={move.isPending}
      refusal={refusal}
      onChooseProposal={(startsAt) => {
        form.setValue('startsAt', startsAt);
        form.clearErrors('startsAt');
        form.setFocus('startsAt');
      }}
      onSubmit={form.handleSubmit((values) => move.mutate(values))}
      onCancel={onCancel}
    >
      <SlotFields
        deskList={deskList.data ?? [appointment.desk].map((desk) => ({ ...desk, openings: [] }))}
        deskId={deskId}
        deskField={form.register('deskId', { onChange: () => form.setValue('startsAt', '') })}
        slotField={form.register('startsAt')}
        errors={{ deskId: errors.deskId, startsAt: errors.startsAt }}
        proposals={refusal?.proposals ?? []}
      />
      <TextAreaField label={t('cases.actions.note')} error={errors.reason} {...form.register('reason')} />
    </TaskForm>
  );
}

const cancelForm = z.object({ reason: cancelInput.shape.reason });

function CancelForm({ appointment, titleId, onDone, onCancel }: TaskProps) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(cancelForm), defaultValues: { reason: '' } });
  const { refusal, report, refresh } = useRefusal(form.setError, appointment, (field) =>
    field === 'reason' ? 'reason' : null,
  );
  const cancel = useMutation({
    mutationFn: (values: z.output<typeof cancelForm>) => appointments.cancel(appointment.id, values),
    onSuccess: (cancelled) => {
      refresh();
      onDone(
        t('cases.appointments.statusChanged', {
          when: appointmentWhen(cancelled),
          status: cancelled.statusLabel,
        }),
      );
    },
    onError: report,
  });
  return (
    <TaskForm
      titleId={titleId}
      title={t('cases.appointments.cancelTitle')}
      intro={t('cases.appointments.cancelIntro', { when: appointmentWhen(appointment) })}
      confirmLabel={t('cases.appointments.cancelTitle')}
      dismissLabel={t('cases.appointments.keep')}
      isDanger
      isPending={cancel.isPending}
      refusal={refusal}
      onSubmit={form.handleSubmit((values) => cancel.mutate(values))}
      onCancel={onCancel}
    >
      <TextAreaField
        label={t('cases.actions.reason')}
        error={form.formState.errors.reason}
        required
        {...form.register('reason')}
      />
    </TaskForm>
  );
}

/**
 * The server's refusal of a task, shown in the dialog: field messages on their fields (the first takes focus),
 * the rest announced. A refusal because the appointment has changed meanwhile reads the case's list again.
 */
function useRefusal<T extends FieldValues>(
  setError: UseFormSetError<T>,
  appointment: AppointmentView,
  fieldOf: (apiField: string) => string | null,
) {
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // the case's appointments, its timeline, and the desks' free slots
  const refreshCase = () => {
    if (appointment.caseId) void queryClient.invalidateQueries({ queryKey: keys.case(appointment.caseId) });
    void queryClient.invalidateQueries({ queryKey: keys.desks });
  };
  return {
    refusal,
    report: (error: unknown) => {
      const found = refusalOf(error, fieldOf);
      let isFirst = true;
      for (const [field, message] of Object.entries(found.fields)) {
        setError(field as Path<T>, { type: 'server', message }, { shouldFocus: isFirst });
        isFirst = false;
      }
      setRefusal(found);
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) refreshCase();
    },
    refresh: () => {
      setRefusal(null);
      refreshCase();
    },
  };
}

type TaskFormProps = {
  titleId: string;
  title: string;
  intro: string;
  confirmLabel: string;
  dismissLabel?: string;
  isDanger?: boolean;
  isPending: boolean;
  refusal: Refusal | null;
  onChooseProposal?: (startsAt: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
};

function TaskForm({
  titleId,
  title,
  intro,
  confirmLabel,
  dismissLabel,
  isDanger = false,
  isPending,
  refusal,
  onChooseProposal,
  onSubmit,
  onCancel,
  children,
}: TaskFormProps) {
  const { t } = useTranslation();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      <h2 id={titleId} className="h4">
        {title}
      </h2>
      <p>{intro}</p>
      <div className="mt-5">{children}</div>
      <SlotRefusal refusal={refusal} onChoose={(slot) => onChooseProposal?.(slot.startsAt)} />
      <div className="d-flex flex-wrap gap-2 justify-content-end">
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {dismissLabel ?? t('actions.cancel')}
        </button>
        <button
          type="submit"
          className={`btn ${isDanger ? 'btn-danger' : 'btn-primary'}`}
          disabled={isPending}
        >
          {confirmLabel}
        </button>
      </div>
    </form>
  );
}
