import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { ACCEPTED_FILES, FileField } from '../../ui/FileField.tsx';
import { sentence } from '../../ui/fields.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { type CourseView, keys, training } from './requests.ts';

/** The course's materials, each a download link; those who plan courses add PDF, JPEG or PNG files. */
export function CourseMaterials({ course }: { course: CourseView }) {
  const { t } = useTranslation();
  const manages = usePermission('training.manage');
  return (
    <section aria-labelledby="materiali" className="mt-4">
      <h2 id="materiali" className="h4">
        {t('training.materials.title')}
      </h2>
      {course.materials.length === 0 ? (
        <p>{t('training.materials.none')}</p>
      ) : (
        <ul>
          {course.materials.map((material) => (
            <li key={material.id}>
              <a href={training.materialUrl(course.id, material.id)} download>
                {material.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      {manages && <AddMaterialForm courseId={course.id} />}
    </section>
  );
}

function AddMaterialForm({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: (file: File) => training.attach(courseId, file),
    onSuccess: () => {
      if (fileRef.current) fileRef.current.value = '';
      void queryClient.invalidateQueries({ queryKey: keys.course(courseId) });
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
    const found = !file
      ? t('training.materials.fileMissing')
      : ACCEPTED_FILES.includes(file.type)
        ? undefined
        : t('training.materials.fileType');
    setFileError(found);
    if (found || !file) return fileRef.current?.focus();
    attach.mutate(file);
  };
  return (
    <form onSubmit={submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-file`}
        label={t('training.materials.file')}
        hint={t('training.materials.fileHint')}
        error={fileError}
        inputRef={fileRef}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={attach.isPending}>
        {t('training.materials.add')}
      </button>
    </form>
  );
}
