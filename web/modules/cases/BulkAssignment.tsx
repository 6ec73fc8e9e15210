import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src/modules/identity/contract.ts';
import { ApiError } from '../../app/api.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { cases } from './requests.ts';

const NOBODY = 'none';

type BulkAssignmentProps = {
  selected: readonly string[];
  staff: readonly User[];
  onAssigned: (notice: string) => void;
};

/** The manager assigns the selected cases to one member of the office, or takes them back, after confirming. */
export function BulkAssignment({ selected, staff, onAssigned }: BulkAssignmentProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const user = staff.find((candidate) => candidate.id === assignee);
  const name = user ? `${user.givenName} ${user.familyName}` : '';
  const assign = useMutation({
    mutationFn: () => cases.assign([...selected], assignee === NOBODY ? null : assignee),
    onSuccess: ({ assigned }) => {
      setConfirming(false);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      onAssigned(
        assignee === NOBODY
          ? t('cases.assign.unassigned', { count: assigned })
          : t('cases.assign.assigned', { count: assigned, name }),
      );
    },
    onError: (failure) => {
      setConfirming(false);
      setProblem(failure instanceof ApiError ? failure.userMessage : t('errors.generic'));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (selected.length === 0) {
      setProblem(t('cases.assign.noneSelected'));
      return;
    }
    if (!assignee) {
      setError(t('validation.choose'));
      return;
    }
    setError(null);
    setConfirming(true);
  };

  return (
    <section aria-labelledby="assegnazione" className="mb-4">
      <h2 id="assegnazione" className="h5">
        {t('cases.assign.heading')}
      </h2>
      <p role="status">{t('cases.assign.selected', { count: selected.length })}</p>
      <form onSubmit={submit} noValidate className="d-flex flex-wrap align-items-start gap-3">
        <div className="select-wrapper lovit-field mb-0">
          <label htmlFor={id}>{t('cases.assign.to')}</label>
          <select
            id={id}
            value={assignee}
            className={error ? 'is-invalid' : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-errore` : undefined}
            onChange={(event) => setAssignee(event.target.value)}
          >
            <option value="">{t('filters.choose')}</option>
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.givenName} {member.familyName}
              </option>
            ))}
            <option value={NOBODY}>{t('cases.assign.nobody')}</option>
          </select>
          {error && (
            <div id={`${id}-errore`} className="invalid-feedback d-block">
              {error}
            </div>
          )}
        </div>
        <button type="submit" className="btn btn-primary mt-4">
          {t('cases.assign.submit')}
        </button>
      </form>
      <FormProblem message={problem} />
      <ConfirmDialog
        isOpen={isConfirming}
        title={
          assignee === NOBODY
            ? t('cases.assign.confirmUnassignTitle', { count: selected.length })
            : t('cases.assign.confirmTitle', { count: selected.length, name })
        }
        message={t('cases.assign.confirmMessage')}
        confirmLabel={t('cases.assign.confirm')}
        isPending={assign.isPending}
        onConfirm={() => assign.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
