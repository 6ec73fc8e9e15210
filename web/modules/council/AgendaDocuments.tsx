import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileField } from '../../ui/FileField.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';
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
  const [itemId, setItemId] = useState(meeting.agenda[0]?.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useFileUpload({
    upload: (file) => council.attach(meeting.id, itemId, file),
    onUploaded: (file) => {
      setNotice(t('council.documents.attached', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: keys.meeting(meeting.id) });
    },
    missing: t('council.documents.fileMissing'),
    wrongType: t('council.documents.fileType'),
  });
  const submit = (event: FormEvent) => {
    setNotice(null);
    upload.submit(event);
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
          error={upload.fileError}
          inputRef={upload.fileRef}
        />
        <FormProblem message={upload.problem} />
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={upload.isPending}>
          {t('council.documents.attach')}
        </button>
      </fieldset>
    </form>
  );
}
