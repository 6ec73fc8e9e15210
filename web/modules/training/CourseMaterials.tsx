import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../app/session.ts';
import { FileField } from '../../ui/FileField.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { useFileUpload } from '../../ui/useFileUpload.ts';
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
  const upload = useFileUpload({
    upload: (file) => training.attach(courseId, file),
    onUploaded: () => void queryClient.invalidateQueries({ queryKey: keys.course(courseId) }),
    missing: t('training.materials.fileMissing'),
    wrongType: t('training.materials.fileType'),
  });
  return (
    <form onSubmit={upload.submit} noValidate className="lovit-form">
      <FileField
        id={`${id}-file`}
        label={t('training.materials.file')}
        hint={t('training.materials.fileHint')}
        error={upload.fileError}
        inputRef={upload.fileRef}
      />
      <FormProblem message={upload.problem} />
      <button type="submit" className="btn btn-outline-primary" disabled={upload.isPending}>
        {t('training.materials.add')}
      </button>
    </form>
  );
}
