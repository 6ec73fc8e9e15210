import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { LegalHoldView } from '../../../src/modules/cases/privacy/contract.ts';
import { ApiError, api, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';

const holdUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/legal-hold`;
const holdKey = (caseId: string) => ['cases', 'case', caseId, 'legal-hold'] as const;

/**
 * Whether the case is kept beyond its retention time because of a legal hold (a dispute, a request of the
 * judicial authority or of the Garante): its reason and since when; the SUI manager places and lifts it.
 */
export function LegalHoldPanel({ caseId, onDone }: { caseId: string; onDone: (notice: string) => void }) {
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
      onDone('Vincolo legale revocato: la pratica segue di nuovo i tempi di conservazione.');
    },
    onError: (error) => {
      setLifting(false);
      setProblem(error instanceof ApiError ? error.userMessage : 'Operazione non riuscita. Riprovare.');
    },
  });
  const current = hold.data?.hold;
  if (!current && !canHold) return null;
  return (
    <section aria-labelledby="pratica-vincolo" className="mb-4">
      <h2 id="pratica-vincolo" className="visually-hidden">
        Vincolo legale
      </h2>
      {current ? (
        <div className="alert alert-warning">
          <p className="mb-1 fw-semibold">
            Conservazione sospesa per vincolo legale: {current.reason}, dal {formatDate(current.since)}
          </p>
          {current.placedBy && <p className="mb-0 small">Disposto da {current.placedBy}.</p>}
        </div>
      ) : (
        hold.isSuccess && (
          <p className="small">La pratica segue i tempi di conservazione ordinari: nessun vincolo legale.</p>
        )
      )}
      <FormProblem message={problem} />
      {canHold && hold.isSuccess && (
        <p>
          {current ? (
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setLifting(true)}>
              Revoca il vincolo legale
            </button>
          ) : (
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setPlacing(true)}>
              Sospendi la conservazione per vincolo legale
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
          onDone('Vincolo legale registrato: la pratica non sarà eliminata né anonimizzata finché dura.');
        }}
      />
      <ConfirmDialog
        isOpen={lifting}
        title="Revocare il vincolo legale?"
        message="Alla revoca la pratica, i suoi documenti, appuntamenti e pareri tornano a seguire i tempi di conservazione: se sono già scaduti, saranno eliminati o anonimizzati alla prossima esecuzione."
        confirmLabel="Revoca il vincolo"
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
        setProblem('Operazione non riuscita. Riprovare.');
        return;
      }
      const fault = error.problem.errors?.find(({ path }) => fieldPath(path) === 'reason');
      if (fault) setReasonError(sentence(fault.message) ?? fault.message);
      else setProblem(error.userMessage);
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
      setReasonError('Indicare il motivo del vincolo (ad esempio il ricorso o la richiesta dell’autorità).');
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
          Sospendi la conservazione per vincolo legale
        </h2>
        <p>
          Finché il vincolo dura, la pratica, i suoi documenti, gli appuntamenti e i pareri non sono eliminati
          né anonimizzati, anche se il tempo di conservazione è scaduto.
        </p>
        <div className="form-group mt-5">
          <label htmlFor={reasonId} className="active">
            Motivo del vincolo
          </label>
          <textarea
            id={reasonId}
            className={`form-control${reasonError ? ' is-invalid' : ''}`}
            rows={3}
            maxLength={500}
            value={reason}
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
          <button type="button" className="btn btn-outline-primary" onClick={onClose}>
            Annulla
          </button>
          <button type="submit" className="btn btn-primary" disabled={place.isPending}>
            Registra il vincolo
          </button>
        </div>
      </form>
    </dialog>
  );
}
