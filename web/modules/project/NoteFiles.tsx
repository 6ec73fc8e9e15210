import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { FileField } from '../../ui/FileField.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { keys, type NoteView, projects } from './requests.ts';

/** The files of a month's note, each a download link; the WP supervisor adds and removes them. */
export function NoteFiles({
  projectId,
  note,
  canEdit,
}: {
  projectId: string;
  note: NoteView;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.project(projectId) });
  const remove = useMutation({
    mutationFn: (attachmentId: string) => projects.removeNoteFile(note.id, attachmentId),
    onSuccess: () => {
      setProblem(null);
      return refresh();
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });
  return (
    <div className="mb-2">
      {note.attachments.length > 0 && (
        <ul className="list-unstyled mb-1" aria-label={t('project.noteFiles.label')}>
          {note.attachments.map((file) => (
            <li key={file.id} className="d-flex align-items-center gap-2">
              <a href={projects.noteFileUrl(note.id, file.id)} download>
                {file.fileName}
              </a>
              {canEdit && (
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(file.id)}
                >
                  {t('project.noteFiles.remove', { name: file.fileName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormProblem message={problem} />
      {canEdit && <AddNoteFile noteId={note.id} onUploaded={refresh} />}
    </div>
  );
}

function AddNoteFile({ noteId, onUploaded }: { noteId: string; onUploaded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const upload = useFileUpload({
    upload: (file) => projects.attachNoteFile(noteId, file),
    onUploaded,
    missing: t('project.noteFiles.missing'),
    wrongType: t('project.noteFiles.wrongType'),
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-file`}
        label={t('project.noteFiles.file')}
        hint={t('project.noteFiles.hint')}
        error={upload.fileError}
        inputRef={upload.fileRef}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-secondary btn-sm" disabled={upload.isPending}>
        {t('project.noteFiles.add')}
      </button>
    </form>
  );
}
