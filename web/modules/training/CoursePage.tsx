import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TRACKS } from '../../../src/modules/training/contract.ts';
import { ApiError } from '../../app/api.ts';
import { usePermission } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { CourseMaterials } from './CourseMaterials.tsx';
import { EditionForm } from './EditionForm.tsx';
import { type CourseView, keys, training } from './requests.ts';

/** A course: what it teaches, to whom, by whom, and its editions; a new edition for those who plan them. */
export function CoursePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const course = useQuery({ queryKey: keys.course(id), queryFn: () => training.course(id) });
  const trail = [{ label: t('modules.training.title'), to: '/formazione' }];
  if (course.isPending)
    return (
      <Page title={t('training.courses.one')} trail={trail}>
        <Loading />
      </Page>
    );
  if (course.error)
    return (
      <Page title={t('training.courses.one')} trail={trail}>
        <LoadError error={course.error} />
      </Page>
    );
  return (
    <Page title={course.data.title} trail={trail}>
      <CourseDetails course={course.data} />
      <CourseMaterials course={course.data} />
      <Editions course={course.data} />
    </Page>
  );
}

function CourseDetails({ course }: { course: CourseView }) {
  const { t } = useTranslation();
  const enrols = usePermission('training.enrol');
  const heads = usePermission('training.staff');
  return (
    <dl className="row">
      <dt className="col-sm-3">{t('training.courses.track')}</dt>
      <dd className="col-sm-9">
        {TRACKS[course.track]}
        {(enrols || heads) && !course.isOpenToMe && (
          <span className="d-block text-muted">{t('training.courses.notForMe')}</span>
        )}
      </dd>
      <dt className="col-sm-3">{t('training.courses.objectives')}</dt>
      <dd className="col-sm-9 lovit-prose">{course.objectives}</dd>
      <dt className="col-sm-3">{t('training.courses.topics')}</dt>
      <dd className="col-sm-9">
        <ul className="mb-0">
          {course.topics.map((topic) => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      </dd>
      <dt className="col-sm-3">{t('training.courses.hours')}</dt>
      <dd className="col-sm-9">{course.hours}</dd>
      <dt className="col-sm-3">{t('training.courses.completion')}</dt>
      <dd className="col-sm-9">
        {t('training.courses.completionRule', { percent: course.completionPercent })}
      </dd>
      <dt className="col-sm-3">{t('training.courses.targetRoles')}</dt>
      <dd className="col-sm-9">{course.targetRoles}</dd>
      <dt className="col-sm-3">{t('training.courses.prerequisites')}</dt>
      <dd className="col-sm-9">{course.prerequisites ?? t('common.none')}</dd>
      <dt className="col-sm-3">{t('training.courses.trainers')}</dt>
      <dd className="col-sm-9">{course.trainers.map((trainer) => trainer.name).join(', ')}</dd>
      <dt className="col-sm-3">{t('training.courses.publicSite')}</dt>
      <dd className="col-sm-9">
        <PublicSite course={course} />
      </dd>
    </dl>
  );
}

/** Whether the course is on the public site while it takes enrolments; those who run it change that. */
function PublicSite({ course }: { course: CourseView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => training.setPublicSite(course.id, !course.onPublicSite),
    onSuccess: (changed) => {
      setProblem(null);
      queryClient.setQueryData(keys.course(course.id), changed);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });
  return (
    <>
      <span role="status">
        {t(course.onPublicSite ? 'training.courses.onPublicSite' : 'training.courses.offPublicSite')}
      </span>
      {course.runsCourse && (
        <button
          type="button"
          className="btn btn-outline-secondary btn-sm ms-2"
          onClick={() => change.mutate()}
          disabled={change.isPending}
        >
          {t(course.onPublicSite ? 'training.courses.hideFromSite' : 'training.courses.showOnSite')}
        </button>
      )}
      {problem && (
        <p className="text-danger mb-0" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

function Editions({ course }: { course: CourseView }) {
  const { t } = useTranslation();
  const manages = usePermission('training.manage');
  return (
    <section aria-labelledby="edizioni" className="mt-4">
      <h2 id="edizioni" className="h4">
        {t('training.editions.title')}
      </h2>
      {course.editionList.length === 0 ? (
        <p className="alert alert-info">{t('training.editions.empty')}</p>
      ) : (
        <TableScroll label={t('training.editions.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('training.editions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.editions.name')}</th>
                <th scope="col">{t('training.editions.from')}</th>
                <th scope="col">{t('training.editions.places')}</th>
                <th scope="col">{t('training.editions.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {course.editionList.map((edition) => (
                <tr key={edition.id}>
                  <th scope="row">
                    <Link to={`/formazione/edizioni/${edition.id}`}>{edition.name}</Link>
                  </th>
                  <td className="text-nowrap">{formatDateTime(edition.firstSessionAt)}</td>
                  <td>
                    {t('training.editions.taken', { enrolled: edition.enrolled, capacity: edition.capacity })}
                  </td>
                  <td>{edition.waitlisted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {manages && <EditionForm courseId={course.id} />}
    </section>
  );
}
