import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ENROLMENT_STATUSES, TRACKS } from '../../../src/modules/training/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { MyCertificates } from './Certificates.tsx';
import { type CourseSummary, keys, type MyEnrolment, training } from './requests.ts';

/** The training home: the user's own enrolments, the courses with the next session soonest first. */
export function TrainingPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const manages = usePermission('training.manage');
  const enrols = usePermission('training.enrol');
  const readsCourses = usePermission('training.access');
  const mentors = usePermission('training.mentoring');
  const courses = useQuery({
    queryKey: keys.courses(page),
    queryFn: () => training.courses(page),
    placeholderData: keepPreviousData,
    enabled: readsCourses,
  });
  return (
    <Page title={t('modules.training.title')}>
      <p className="lead">{t('training.intro')}</p>
      <ul className="list-inline">
        <li className="list-inline-item">
          <Link to="/formazione/percorso">{t('training.record.title')}</Link>
        </li>
        {mentors && (
          <li className="list-inline-item">
            <Link to="/formazione/affiancamento">{t('training.mentoring.title')}</Link>
          </li>
        )}
        {enrols && (
          <li className="list-inline-item">
            <Link to="/formazione/presenza">{t('training.checkIn.link')}</Link>
          </li>
        )}
        {manages && (
          <li className="list-inline-item">
            <Link to="/formazione/corsi/nuovo">{t('training.courses.new')}</Link>
          </li>
        )}
        {manages && (
          <li className="list-inline-item">
            <Link to="/formazione/fabbisogni">{t('trainingFeedback.needs.link')}</Link>
          </li>
        )}
      </ul>
      {enrols && <MyEnrolments />}
      {enrols && <MyCertificates />}
      {readsCourses && (
        <>
          <h2 className="h4 mt-4">{t('training.courses.title')}</h2>
          <PagedList
            list={courses}
            count={(count) => t('training.courses.count', { count })}
            empty={t(manages ? 'training.courses.emptyManager' : 'training.courses.empty')}
          >
            {(items) => <CoursesTable items={items} />}
          </PagedList>
        </>
      )}
    </Page>
  );
}

function CoursesTable({ items }: { items: CourseSummary[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('training.courses.title')}>
      <table className="table">
        <caption className="visually-hidden">{t('training.courses.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.courses.name')}</th>
            <th scope="col">{t('training.courses.track')}</th>
            <th scope="col">{t('training.courses.hours')}</th>
            <th scope="col">{t('training.courses.trainers')}</th>
            <th scope="col">{t('training.courses.next')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((course) => (
            <tr key={course.id}>
              <th scope="row">
                <Link to={`/formazione/corsi/${course.id}`}>{course.title}</Link>
              </th>
              <td>{TRACKS[course.track]}</td>
              <td>{course.hours}</td>
              <td>{course.trainers.map((trainer) => trainer.name).join(', ')}</td>
              <td className="text-nowrap">
                {course.nextSessionAt ? formatDateTime(course.nextSessionAt) : t('training.courses.noNext')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function MyEnrolments() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: keys.mine, queryFn: training.mine });
  return (
    <section aria-labelledby="mie-iscrizioni" className="mt-4">
      <h2 id="mie-iscrizioni" className="h4">
        {t('training.mine.title')}
      </h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <LoadError error={mine.error} />
      ) : mine.data.length === 0 ? (
        <p className="alert alert-info">{t('training.mine.empty')}</p>
      ) : (
        <ul className="list-unstyled">
          {mine.data.map((enrolment) => (
            <MyEnrolmentItem key={enrolment.enrolmentId} enrolment={enrolment} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MyEnrolmentItem({ enrolment }: { enrolment: MyEnrolment }) {
  const { t } = useTranslation();
  return (
    <li className="mb-2">
      <Link to={`/formazione/edizioni/${enrolment.editionId}`}>
        {enrolment.courseTitle} – {enrolment.editionName}
      </Link>
      {': '}
      {enrolment.status === 'WAITLISTED'
        ? t('training.mine.waiting', { position: enrolment.position })
        : ENROLMENT_STATUSES[enrolment.status]}
      {enrolment.status === 'ENROLLED' &&
        ` · ${t('training.mine.hours', { attended: enrolment.hoursAttended, total: enrolment.totalHours })}`}
      {enrolment.isComplete && ` · ${t('training.mine.complete')}`}
    </li>
  );
}
