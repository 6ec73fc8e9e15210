import { type Ref, type TextareaHTMLAttributes, useId } from 'react';
import type { FieldError } from 'react-hook-form';
import { sentence } from '../../ui/fields.tsx';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> & {
  label: string;
  hint?: string;
  error: FieldError | undefined;
  ref?: Ref<HTMLTextAreaElement>;
};

/** A labelled text area with its hint and its error, both tied to it for screen readers. */
export function TextAreaField({ label, hint, error, rows = 3, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-aiuto`, error && `${id}-errore`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      {hint && (
        <small id={`${id}-aiuto`} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block">
          {sentence(error.message)}
        </div>
      )}
    </div>
  );
}
