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
  return (
    <AttachedFiles
      files={note.attachments}
      urlOf={(fileId) => projects.noteFileUrl(note.id, fileId)}
      label={t('project.noteFiles.label')}
      editing={
        canEdit
          ? {
              attach: (file) => projects.attachNoteFile(note.id, file),
              remove: (fileId) => projects.removeNoteFile(note.id, fileId),
              onChanged: () => queryClient.invalidateQueries({ queryKey: keys.project(projectId) }),
              words: {
                remove: (name) => t('project.noteFiles.remove', { name }),
                file: t('project.noteFiles.file'),
                hint: t('project.noteFiles.hint'),
                add: t('project.noteFiles.add'),
                missing: t('project.noteFiles.missing'),
                wrongType: t('project.noteFiles.wrongType'),
              },
            }
          : null
      }
    />
  );
}

/** How files are added to and removed from a record, and the words of the buttons and of the file field. */
export type FilesEditing = {
  attach: (file: File) => Promise<unknown>;
  remove: (fileId: string) => Promise<unknown>;
  onChanged: () => unknown;
  words: {
    remove: (name: string) => string;
    file: string;
    hint: string;
    add: string;
    missing: string;
    wrongType: string;
  };
};

/** The files kept with a record, each a download link; with `editing`, a button to remove each and a form to add one. */
export function AttachedFiles({
  files,
  urlOf,
  label,
  editing,
}: {
  files: readonly { id: string; fileName: string }[];
  /** Where a file downloads from; `null` names it without a link, for a reader who may not download it. */
  urlOf: (fileId: string) => string | null;
  label: string;
  editing: FilesEditing | null;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (fileId: string) => editing?.remove(fileId) ?? Promise.resolve(),
    onSuccess: () => {
      setProblem(null);
      return editing?.onChanged();
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });
  return (
    <div className="mb-2">
      {files.length > 0 && (
        <ul className="list-unstyled mb-1" aria-label={label}>
          {files.map((file) => (
            <li key={file.id} className="d-flex align-items-center gap-2">
              <FileName url={urlOf(file.id)} name={file.fileName} />
              {editing && (
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(file.id)}
                >
                  {editing.words.remove(file.fileName)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormProblem message={problem} />
      {editing && <AddFile editing={editing} />}
    </div>
  );
}

function FileName({ url, name }: { url: string | null; name: string }) {
  return url ? (
    <a href={url} download>
      {name}
    </a>
  ) : (
    <span>{name}</span>
  );
}

function AddFile({ editing }: { editing: FilesEditing }) {
  const id = useId();
  const { words } = editing;
  const upload = useFileUpload({
    upload: editing.attach,
    onUploaded: () => editing.onChanged(),
    missing: words.missing,
    wrongType: words.wrongType,
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-file`}
        label={words.file}
        hint={words.hint}
        error={upload.fileError}
        inputRef={upload.fileRef}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-secondary btn-sm" disabled={upload.isPending}>
        {words.add}
      </button>
    </form>
  );
}
