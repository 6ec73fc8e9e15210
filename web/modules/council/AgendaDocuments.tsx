import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../../app/api.ts';
import { ACCEPTED_FILES, FileField } from '../../ui/FileField.tsx';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { council, keys, type MeetingView } from './requests.ts';

type AgendaItem = MeetingView['agenda'][number];

/** The documents of one point of the agenda, each a download link. */
export function AgendaItemDocuments({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const { t } = useTranslation();
  if (item.documents.length === 0) return null;
  return (
    <ul className="list-unstyled ms-3 mb-0" aria-label={`${t('council.documents.label')}: ${item.title}`}>
      {item.documents.map((document) => (
        <li key={document.id}>
          <a href={council.documentUrl(meetingId, document.id)} download>
            {document.fileName}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The secretariat attaches a PDF, JPEG or PNG to a point of the agenda. */
export function AttachDocumentForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [itemId, setItemId] = useState(meeting.agenda[0]?.id ?? '');
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: (file: File) => council.attach(meeting.id, itemId, file),
    onSuccess: (_, file) => {
      if (fileRef.current) fileRef.current.value = '';
      setNotice(t('council.documents.attached', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: keys.meeting(meeting.id) });
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
    setNotice(null);
    const file = fileRef.current?.files?.[0];
    const found = !file
      ? t('council.documents.fileMissing')
      : ACCEPTED_FILES.includes(file.type)
        ? undefined
        : t('council.documents.fileType');
    setFileError(found);
    if (found || !file) return fileRef.current?.focus();
    attach.mutate(file);
  };

  return (
    <form onSubmit={submit} noValidate className="lovit-form">
      <fieldset>
        <legend className="h6 mb-5">{t('council.documents.formTitle')}</legend>
        <div className="select-wrapper lovit-field">
          <label htmlFor={`${id}-punto`}>{t('council.documents.item')}</label>
          <select id={`${id}-punto`} value={itemId} onChange={(event) => setItemId(event.target.value)}>
            {meeting.agenda.map((item) => (
              <option key={item.id} value={item.id}>
                {item.position}. {item.title}
              </option>
            ))}
          </select>
        </div>
        <FileField
          id={`${id}-file`}
          label={t('council.documents.file')}
          hint={t('council.documents.fileHint')}
          error={fileError}
          inputRef={fileRef}
        />
        <FormProblem message={problem} />
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={attach.isPending}>
          {t('council.documents.attach')}
        </button>
      </fieldset>
    </form>
  );
}
