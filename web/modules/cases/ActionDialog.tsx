import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../../app/api.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { type ActionOption, type CaseDetail, cases } from './requests.ts';

type ActionDialogProps = {
  caseId: string;
  version: number;
  /** The action being taken; null when the dialog is closed. */
  action: ActionOption | null;
  onDone: (detail: CaseDetail) => void;
  /** A refusal the page shows, the dialog closed: the case has changed under the user. */
  onConflict: (message: string) => void;
  onCancel: () => void;
};

/**
 * Confirms a step of the procedure before it is taken, with its reason: required where the law wants one
 * (a request for documents, a rejection), otherwise a note for the timeline. A native modal dialog.
 */
export function ActionDialog({ caseId, version, action, onDone, onConflict, onCancel }: ActionDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (option: ActionOption) =>
      cases.act(caseId, { action: option.action, reason: reason.trim() || null, version }),
    onSuccess: onDone,
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setProblem(t('errors.generic'));
        return;
      }
      const reasonProblem = error.problem.errors?.find(({ path }) => fieldPath(path) === 'reason');
      if (reasonProblem) {
        setReasonError(sentence(reasonProblem.message) ?? reasonProblem.message);
        document.getElementById(reasonId)?.focus();
      } else if (error.status === 409 || error.status === 404) {
        onConflict(error.userMessage);
      } else {
        setProblem(error.userMessage);
      }
    },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (action && !dialog.open) {
      setReason('');
      setReasonError(null);
      setProblem(null);
      dialog.showModal();
    }
    if (!action && dialog.open) dialog.close();
  }, [action]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    setProblem(null);
    if (action.reasonRequired && !reason.trim()) {
      setReasonError(t('cases.actions.reasonMissing'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(null);
    act.mutate(action);
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
      {action && (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId} className="h4">
            {action.label}
          </h2>
          <p>{action.reasonRequired ? t('cases.actions.reasonIntro') : t('cases.actions.confirmIntro')}</p>
          <div className="form-group mt-5">
            <label htmlFor={reasonId} className="active">
              {action.reasonRequired ? t('cases.actions.reason') : t('cases.actions.note')}
            </label>
            <textarea
              id={reasonId}
              className={`form-control${reasonError ? ' is-invalid' : ''}`}
              rows={4}
              maxLength={4000}
              value={reason}
              required={action.reasonRequired}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-errore` : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
            {reasonError && (
              <div id={`${reasonId}-errore`} className="invalid-feedback d-block">
                {reasonError}
              </div>
            )}
          </div>
          <FormProblem message={problem} />
          <div className="d-flex flex-wrap gap-2 justify-content-end">
            <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
              {t('actions.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={act.isPending}>
              {t('cases.actions.confirm')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
