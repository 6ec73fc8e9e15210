import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHoldView } from '../../../src/modules/cases/privacy/contract.ts';
import { ApiError, api, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError } from '../../ui/Loading.tsx';

const holdUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/legal-hold`;
const holdKey = (caseId: string) => ['cases', 'case', caseId, 'legal-hold'] as const;

/**
 * Whether the case is kept beyond its retention time because of a legal hold (a dispute, a request of the
 * judicial authority or of the Garante): its reason and since when; the SUI manager places and lifts it.
 */
export function LegalHoldPanel({ caseId, onDone }: { caseId: string; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const canHold = usePermission('cases.legal-hold');
  const queryClient = useQueryClient();
  const [placing, setPlacing] = useState(false);
  const [lifting, setLifting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const hold = useQuery({
    queryKey: holdKey(caseId),
    queryFn: () => api.get<LegalHoldView>(holdUrl(caseId)),
  });
  const lift = useMutation({
    mutationFn: () => api.delete(holdUrl(caseId)),
    onSuccess: () => {
      setLifting(false);
      void queryClient.invalidateQueries({ queryKey: holdKey(caseId) });
      onDone(t('privacyPages.legalHold.lifted'));
    },
    onError: (error) => {
      setLifting(false);
      setProblem(error instanceof ApiError ? error.userMessage : t('privacyPages.failed'));
    },
  });
  const current = hold.data?.hold;
  if (!current && !canHold) return null;
  return (
    <section aria-labelledby="pratica-vincolo" className="mb-4">
      <h2 id="pratica-vincolo" className="visually-hidden">
        {t('privacyPages.legalHold.heading')}
      </h2>
      {current ? (
        <div className="alert alert-warning">
          <p className="mb-1 fw-semibold">
            {t('privacyPages.legalHold.held', { reason: current.reason, date: formatDate(current.since) })}
          </p>
          {current.placedBy && (
            <p className="mb-0 small">{t('privacyPages.legalHold.placedBy', { name: current.placedBy })}</p>
          )}
        </div>
      ) : hold.isError ? (
        <LoadError error={hold.error} />
      ) : (
        hold.isSuccess && <p className="small">{t('privacyPages.legalHold.none')}</p>
      )}
      <FormProblem message={problem} />
      {canHold && hold.isSuccess && (
        <p>
          {current ? (
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setLifting(true)}>
              {t('privacyPages.legalHold.lift')}
            </button>
          ) : (
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setPlacing(true)}>
              {t('privacyPages.legalHold.place')}
            </button>
          )}
        </p>
      )}
      <PlaceHoldDialog
        caseId={caseId}
        isOpen={placing}
        onClose={() => setPlacing(false)}
        onPlaced={() => {
          setPlacing(false);
          void queryClient.invalidateQueries({ queryKey: holdKey(caseId) });
          onDone(t('privacyPages.legalHold.placed'));
        }}
      />
      <ConfirmDialog
        isOpen={lifting}
        title={t('privacyPages.legalHold.confirmLift.title')}
        message={t('privacyPages.legalHold.confirmLift.message')}
        confirmLabel={t('privacyPages.legalHold.confirmLift.confirm')}
        isPending={lift.isPending}
        onConfirm={() => lift.mutate()}
        onCancel={() => setLifting(false)}
      />
    </section>
  );
}

function PlaceHoldDialog({
  caseId,
  isOpen,
  onClose,
  onPlaced,
}: {
  caseId: string;
  isOpen: boolean;
  onClose: () => void;
  onPlaced: () => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const place = useMutation({
    mutationFn: () => api.post<LegalHoldView>(holdUrl(caseId), { reason: reason.trim() }),
    onSuccess: onPlaced,
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setProblem(t('privacyPages.failed'));
        return;
      }
      const fault = error.problem.errors?.find(({ path }) => fieldPath(path) === 'reason');
      if (fault) {
        setReasonError(sentence(fault.message) ?? fault.message);
        document.getElementById(reasonId)?.focus();
      } else setProblem(error.userMessage);
    },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      setReason('');
      setReasonError(null);
      setProblem(null);
      dialog.showModal();
    }
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('privacyPages.legalHold.dialog.reasonMissing'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(null);
    place.mutate();
  };

  return (
    <dialog
      ref={dialogRef}
      className="lovit-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="h4">
          {t('privacyPages.legalHold.dialog.title')}
        </h2>
        <p>{t('privacyPages.legalHold.dialog.intro')}</p>
        <div className="form-group mt-5">
          <label htmlFor={reasonId} className="active">
            {t('privacyPages.legalHold.dialog.reason')}
          </label>
          <textarea
            id={reasonId}
            className={`form-control${reasonError ? ' is-invalid' : ''}`}
            rows={3}
            maxLength={500}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-aiuto ${reasonId}-errore` : `${reasonId}-aiuto`}
            onChange={(event) => setReason(event.target.value)}
          />
          <small id={`${reasonId}-aiuto`} className="form-text">
            {t('privacyPages.legalHold.dialog.reasonHint')}
          </small>
          {reasonError && (
            <div id={`${reasonId}-errore`} className="invalid-feedback d-block">
              {reasonError}
            </div>
          )}
        </div>
        <FormProblem message={problem} />
        <div className="d-flex flex-wrap gap-2 justify-content-end">
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={place.isPending}>
            {t('privacyPages.legalHold.dialog.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
