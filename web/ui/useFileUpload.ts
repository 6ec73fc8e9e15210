import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../app/api.ts';
import { ACCEPTED_FILES } from './FileField.tsx';
import { sentence } from './fields.tsx';

type FileUploadOptions = {
  upload: (file: File) => Promise<unknown>;
  onUploaded: (file: File) => void;
  /** What the field says when no file is chosen, and when the file is not of a type it accepts. */
  missing: string;
  wrongType: string;
  /** The types the field accepts; by default every type the platform's uploads accept (PDF, JPEG, PNG). */
  accept?: readonly string[];
};

/** Why the chosen file cannot be sent, in the field's words; nothing when it can. */
export function fileProblem(
  file: File | undefined,
  accept: readonly string[],
  words: { missing: string; wrongType: string },
): string | undefined {
  if (!file) return words.missing;
  return accept.includes(file.type) ? undefined : words.wrongType;
}

/**
 * A form that sends one file (a course's material, an agenda's document): the file is checked for its type
 * before it leaves, the server's refusal shown on the field, and the chooser emptied once the file is kept.
 */
export function useFileUpload({
  upload,
  onUploaded,
  missing,
  wrongType,
  accept = ACCEPTED_FILES,
}: FileUploadOptions) {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: upload,
    onSuccess: (_, file) => {
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(file);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setProblem(t('errors.generic'));
      const onFile = error.problem.errors?.find((e) => fieldPath(e.path) === 'file');
      setFileError(sentence(onFile?.message));
      setProblem(error.userMessage);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const file = fileRef.current?.files?.[0];
    const found = fileProblem(file, accept, { missing, wrongType });
    setFileError(found);
    if (found || !file) return fileRef.current?.focus();
    send.mutate(file);
  };
  return { fileRef, fileError, problem, submit, accept, isPending: send.isPending };
}
