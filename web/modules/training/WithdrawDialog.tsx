import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../../app/api.ts';
import { FormProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { training } from './requests.ts';

type WithdrawDialogProps = {
  /** The participant being withdrawn; null when the dialog is closed. */
  person: { enrolmentId: string; name: string } | null;
  onDone: (name: string) => void;
  onCancel: () => void;
};

/**
 * The course's staff withdraw a participant, deadline or not, saying why: the reason goes to the person by
 * e-mail and to the audit trail. A native modal dialog; focus returns to the button that opened it.
 */
export function WithdrawDialog({ person, onDone, onCancel }: WithdrawDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: (enrolmentId: string) => training.withdraw(enrolmentId, reason.trim()),
    onSuccess: () => person && onDone(person.name),
    onError: (error) => {
      const fault =
        error instanceof ApiError
          ? error.problem.errors?.find(({ path }) => fieldPath(path) === 'reason')
          : undefined;
      if (fault) {
        setReasonError(fault.message);
        reasonRef.current?.focus();
      } else setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));
    },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (person && !dialog.open) {
      setReason('');
      setReasonError(null);
      setProblem(null);
      dialog.showModal();
    }
    if (!person && dialog.open) dialog.close();
  }, [person]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person) return;
    setProblem(null);
    if (!reason.trim()) {
      setReasonError(t('training.withdraw.reasonMissing'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    withdraw.mutate(person.enrolmentId);
  };

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
      {person && (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId} className="h4">
            {t('training.withdraw.title', { name: person.name })}
          </h2>
          <p>{t('training.withdraw.intro')}</p>
          <TextAreaField
            ref={reasonRef}
            label={t('training.withdraw.reason')}
            value={reason}
            error={reasonError ? { type: 'server', message: reasonError } : undefined}
            required
            maxLength={1000}
            onChange={(event) => setReason(event.target.value)}
          />
          <FormProblem message={problem} />
          <div className="d-flex flex-wrap gap-2 justify-content-end">
            <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
              {t('actions.cancel')}
            </button>
            <button type="submit" className="btn btn-danger" disabled={withdraw.isPending}>
              {t('training.withdraw.confirm')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
