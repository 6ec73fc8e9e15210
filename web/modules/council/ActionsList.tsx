import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { type ActionView, council, keys } from './requests.ts';

type Status = ActionView['status'];

/** Action items, each with its owner, due day and notes; the owner organisation and the secretariat update them. */
export function ActionsList({ items }: { items: ActionView[] }) {
  const session = useSignedInSession();
  const manages = usePermission('council.manage');
  return (
    <ul className="list-unstyled">
      {items.map((action) => (
        <ActionItem
          key={action.id}
          action={action}
          canUpdate={manages || action.ownerOrganisationId === session.organisation.id}
          canCancel={manages}
        />
      ))}
    </ul>
  );
}

function ActionItem({
  action,
  canUpdate,
  canCancel,
}: {
  action: ActionView;
  canUpdate: boolean;
  canCancel: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `azione-${action.id}`;
  return (
    <li className="card card-bg mb-3">
      <article className="card-body" aria-labelledby={headingId}>
        <h3 id={headingId} className="h6 card-title">
          {action.title}
        </h3>
        <p className="mb-1">
          {t('council.actions.owner', { organisation: action.ownerOrganisationName, name: action.ownerName })}
          {' · '}
          {t('council.actions.table', { name: action.tableName })}
        </p>
        <p className="mb-1">
          {t('council.actions.due', { day: formatDate(action.dueOn) })}{' '}
          <span className={`badge ${action.status === 'DONE' ? 'bg-success' : 'bg-secondary'}`}>
            {t(`council.actions.status.${action.status}`)}
          </span>{' '}
          {action.isOverdue && <span className="badge bg-danger">{t('council.actions.overdue')}</span>}{' '}
          {action.remindedAt && (
            <span className="small text-secondary">
              {t('council.actions.reminded', { at: formatDateTime(action.remindedAt) })}
            </span>
          )}
        </p>
        {action.notes.length > 0 && (
          <ul className="small">
            {action.notes.map((note) => (
              <li key={`${note.at}-${note.text}`}>
                {formatDateTime(note.at)} – {note.author}: {note.text}
              </li>
            ))}
          </ul>
        )}
        {canUpdate && action.status !== 'DONE' && action.status !== 'CANCELLED' && (
          <UpdateForm action={action} canCancel={canCancel} />
        )}
      </article>
    </li>
  );
}

function UpdateForm({ action, canCancel }: { action: ActionView; canCancel: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { status: action.status as Status, note: '' } });
  const update = useMutation({
    mutationFn: (values: { status: Status; note: string }) =>
      council.updateAction(action.id, {
        status: values.status,
        note: values.note.trim() ? values.note : null,
      }),
    onSuccess: () => {
      setProblem(null);
      form.reset({ status: form.getValues('status'), note: '' });
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['status', 'note'])),
  });
  const statuses: Status[] = canCancel
    ? ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED']
    : ['OPEN', 'IN_PROGRESS', 'DONE'];
  return (
    <form onSubmit={form.handleSubmit((values) => update.mutate(values))} noValidate>
      <fieldset className="row align-items-end mt-3">
        <legend className="h6 mb-5">{t('council.actions.updateOf', { title: action.title })}</legend>
        <div className="col-12 col-md-4">
          <SelectField label={t('council.actions.newStatus')} registration={form.register('status')}>
            {statuses.map((code) => (
              <option key={code} value={code}>
                {t(`council.actions.status.${code}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-5">
          <TextField
            label={t('council.actions.note')}
            registration={form.register('note')}
            error={form.formState.errors.note}
          />
        </div>
        <div className="col-12 col-md-3 mb-3">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {t('council.actions.update')}
          </button>
        </div>
        <div className="col-12">
          <FormProblem message={problem} />
        </div>
      </fieldset>
    </form>
  );
}
