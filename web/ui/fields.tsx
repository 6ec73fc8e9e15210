import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

type FieldProps = {
  label: string;
  registration: UseFormRegisterReturn;
  error?: FieldError | undefined;
  hint?: string;
};

/** Messages come from schemas in lower case ("indirizzo e-mail non valido"); on screen they start a sentence. */
export function sentence(message: string | undefined): string | undefined {
  if (!message) return message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function useFieldIds(error: FieldError | undefined, hint: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-aiuto` : undefined;
  const errorId = error ? `${id}-errore` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldMessages({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: string | undefined;
  hintId?: string | undefined;
  error?: FieldError | undefined;
  errorId?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <small id={hintId} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {sentence(error.message)}
        </div>
      )}
    </>
  );
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className' | keyof UseFormRegisterReturn>;

/** A labelled input with its hint and its error, both tied to it for screen readers. */
export function TextField({ label, registration, error, hint, type = 'text', ...input }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        type={type}
        className={`form-control${error ? ' is-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        {...registration}
      />
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'className' | keyof UseFormRegisterReturn> & {
    children: ReactNode;
  };

export function SelectField({ label, registration, error, hint, children, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className="select-wrapper lovit-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={error ? 'is-invalid' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
        {...registration}
      >
        {children}
      </select>
      <FieldMessages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

/** A value shown in a form without being editable (the code of an organisation, the e-mail of a user). */
export function ReadOnlyField({ label, value }: { label: string; value: string }) {
  return (
    <div className="lovit-field lovit-read-only">
      <p className="lovit-read-only-label mb-1">{label}</p>
      <p className="fw-semibold">{value}</p>
    </div>
  );
}
