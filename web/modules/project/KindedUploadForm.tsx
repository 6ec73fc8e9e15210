import { useId, useState } from 'react';
import { FileField } from '../../ui/FileField.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';

type Words = { kind: string; file: string; hint: string; submit: string; missing: string; wrongType: string };

/** One file sent with what it is (an invoice, a payment proof, a contract…): the kind chosen, then the file. */
export function KindedUploadForm<K extends string>({
  kinds,
  initial,
  upload,
  onUploaded,
  words,
  className,
}: {
  kinds: Record<K, string>;
  initial: K;
  upload: (kind: K, file: File) => Promise<unknown>;
  onUploaded: () => void;
  words: Words;
  className: string;
}) {
  const id = useId();
  const [kind, setKind] = useState<K>(initial);
  const sending = useFileUpload({
    upload: (file) => upload(kind, file),
    onUploaded,
    missing: words.missing,
    wrongType: words.wrongType,
  });
  return (
    <form onSubmit={sending.submit} noValidate className={`lovit-form ${className}`}>
      <div className="select-wrapper lovit-field">
        <label htmlFor={`${id}-kind`}>{words.kind}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as K)}>
          {(Object.entries(kinds) as [K, string][]).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <FileField
        id={`${id}-file`}
        label={words.file}
        hint={words.hint}
        error={sending.fileError}
        inputRef={sending.fileRef}
      />
      <FormProblem message={sending.problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={sending.isPending}>
        {words.submit}
      </button>
    </form>
  );
}
