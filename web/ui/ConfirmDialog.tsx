import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type ConfirmDialogProps = {
  isOpen: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  isPending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * Asks before an action that takes something away (deactivating, signing out everywhere). A native modal
 * dialog: the page behind is inert, Escape cancels, focus returns to the button that opened it.
 */
export function ConfirmDialog({
  isOpen,
  title,
  message,
  confirmLabel,
  isPending = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={dialogRef}
      className="lovit-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="h4">
        {title}
      </h2>
      <p id={messageId}>{message}</p>
      <div className="d-flex flex-wrap gap-2 justify-content-end">
        <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={isPending}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
