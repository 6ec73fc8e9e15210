import type { RefObject } from 'react';

/** The file types the platform's uploads accept (the server checks the bytes, not the name). */
export const ACCEPTED_FILES = ['application/pdf', 'image/jpeg', 'image/png'];
/** For a field that takes only documents to print or read, or only pictures. */
export const PDF_ONLY = ['application/pdf'];
export const IMAGES_ONLY = ['image/jpeg', 'image/png'];

type FileFieldProps = {
  /** The input's id; the hint and the error take it as prefix. */
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The types the chooser offers; by default every type the platform's uploads accept. */
  accept?: readonly string[];
  /** Several files may be chosen at once. */
  multiple?: boolean;
};

/** A file chooser with its hint and its error, announced together with the field. */
export function FileField({
  id,
  label,
  hint,
  error,
  inputRef,
  accept = ACCEPTED_FILES,
  multiple,
}: FileFieldProps) {
  return (
    <div className="lovit-field">
      <label htmlFor={id} className="lovit-read-only-label d-block mb-2">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="file"
        className="form-control"
        accept={accept.join(',')}
        multiple={multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-aiuto${error ? ` ${id}-errore` : ''}`}
      />
      <small id={`${id}-aiuto`} className="form-text">
        {hint}
      </small>
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}
