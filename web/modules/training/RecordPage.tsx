import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRACKS } from '../../../src/modules/training/contract.ts';
import { COMPLETION_STATES } from '../../../src/modules/training/records/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { hours, type PersonRecord, recordKeys, records } from './recordRequests.ts';

/** The user's own training record (courses, on-the-job hours) and, for heads and the project, the organisations'. */
export function RecordPage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: recordKeys.mine, queryFn: records.mine });
  const headsStaff = usePermission('training.staff');
  const oversees = usePermission('training.oversee');
  const readsOrganisations = headsStaff || oversees;
  return (
    <Page
      title={t('training.record.title')}
      trail={[{ label: t('modules.training.title'), to: '/formazione' }]}
    >
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <LoadError error={mine.error} />
      ) : (
        <OwnRecord record={mine.data} />
      )}
      {readsOrganisations && <Organisations />}
    </Page>
  );
}

function OwnRecord({ record }: { record: PersonRecord }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="lead">
        {t('training.record.totals', {
          total: hours(record.totalHours),
          courses: hours(record.courseHours),
          onTheJob: hours(record.onTheJobHours),
          completed: record.coursesCompleted,
        })}
      </p>
      <p>
        <a href={records.mineXlsx} download>
          {t('training.record.download')}
        </a>
      </p>
      <h2 className="h4 mt-4">{t('training.record.courses')}</h2>
      {record.courses.length === 0 ? (
        <p className="alert alert-info">{t('training.record.noCourses')}</p>
      ) : (
        <TableScroll label={t('training.record.courses')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('training.courses.name')}</th>
                <th scope="col">{t('training.courses.track')}</th>
                <th scope="col">{t('training.editions.one')}</th>
                <th scope="col">{t('training.record.hours')}</th>
                <th scope="col">{t('training.record.state')}</th>
                <th scope="col">{t('training.record.certificate')}</th>
              </tr>
            </thead>
            <tbody>
              {record.courses.map((course) => (
                <tr key={course.enrolmentId}>
                  <th scope="row">{course.courseTitle}</th>
                  <td>{TRACKS[course.track]}</td>
                  <td>
                    {course.editionName}
                    {course.firstSessionAt && ` (${formatDate(course.firstSessionAt)})`}
                  </td>
                  <td>
                    {t('training.record.hoursOf', {
                      attended: hours(course.hoursAttended),
                      total: hours(course.totalHours),
                    })}
                  </td>
                  <td>{COMPLETION_STATES[course.state]}</td>
                  <td>
                    {course.certificate
                      ? t(
                          course.certificate.isRevoked
                            ? 'training.record.certificateRevoked'
                            : 'training.record.certificateValid',
                          { number: course.certificate.number },
                        )
                      : t('training.record.noCertificate')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 className="h4 mt-4">{t('training.record.onTheJob')}</h2>
      {record.onTheJob.length === 0 ? (
        <p className="alert alert-info">{t('training.record.noOnTheJob')}</p>
      ) : (
        <ul>
          {record.onTheJob.map((entry) => (
            <li key={entry.id}>
              {t('training.record.onTheJobLine', {
                day: formatDate(entry.day),
                topic: entry.topic,
                mentor: entry.mentorName,
                hours: hours(entry.hours),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Organisations() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: recordKeys.organisations, queryFn: records.organisations });
  return (
    <section aria-labelledby="enti" className="mt-4">
      <h2 id="enti" className="h4">
        {t('training.record.organisations')}
      </h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('training.record.noOrganisations')}</p>
      ) : (
        <ul className="list-unstyled">
          {list.data.map((organisation) => (
            <li key={organisation.organisationId} className="mb-2">
              <strong>{organisation.organisationName}</strong>
              {': '}
              {t('training.record.organisationLine', {
                count: organisation.people,
                total: hours(organisation.totalHours),
                completed: organisation.completions,
              })}{' '}
              <a href={records.organisationXlsx(organisation.organisationId)} download>
                {t('training.record.downloadOrganisation', { name: organisation.organisationName })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
