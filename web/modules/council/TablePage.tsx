import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { THEMES } from '../../../src/modules/council/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { ConveneForm } from './ConveneForm.tsx';
import { MemberForm } from './MemberForm.tsx';
import { council, keys, type TableView } from './requests.ts';

/** A table: its mandate, who sits at it (and who sat before), its meetings; the secretariat appoints and convenes. */
export function TablePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const manages = usePermission('council.manage');
  const [notice, setNotice] = useState<string | null>(null);
  const table = useQuery({ queryKey: keys.table(id), queryFn: () => council.table(id) });
  const trail = [{ label: t('modules.council.title'), to: '/cti' }];
  if (table.isPending)
    return (
      <Page title={t('council.tables.loading')} trail={trail}>
        <Loading />
      </Page>
    );
  if (table.error)
    return (
      <Page title={t('council.tables.loading')} trail={trail}>
        <LoadError error={table.error} />
      </Page>
    );
  const data = table.data;
  return (
    <Page title={data.name} trail={trail}>
      <Notice message={notice} />
      <dl className="row">
        <dt className="col-sm-3">{t('council.tables.theme')}</dt>
        <dd className="col-sm-9">{THEMES[data.theme]}</dd>
        <dt className="col-sm-3">{t('council.tables.coordinator')}</dt>
        <dd className="col-sm-9">{data.coordinatorName}</dd>
        <dt className="col-sm-3">{t('council.tables.period')}</dt>
        <dd className="col-sm-9">
          {formatDate(data.startsOn)}
          {data.endsOn ? ` – ${formatDate(data.endsOn)}` : ''}
        </dd>
        <dt className="col-sm-3">{t('council.tables.mandate')}</dt>
        <dd className="col-sm-9 lovit-prose">{data.mandate}</dd>
      </dl>
      <Members table={data} />
      {manages && <MemberForm tableId={id} onSaved={setNotice} />}
      <Meetings table={data} />
      {manages && <ConveneForm tableId={id} />}
    </Page>
  );
}

function Members({ table }: { table: TableView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="componenti" className="mt-4">
      <h2 id="componenti" className="h4">
        {t('council.members.title')}
      </h2>
      {table.members.length === 0 ? (
        <p className="alert alert-info">{t('council.members.empty')}</p>
      ) : (
        <TableScroll label={t('council.members.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('council.members.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('council.members.organisation')}</th>
                <th scope="col">{t('council.members.representative')}</th>
                <th scope="col">{t('council.members.deputy')}</th>
                <th scope="col">{t('council.members.period')}</th>
              </tr>
            </thead>
            <tbody>
              {table.members.map((member) => (
                <tr key={member.id} className={member.toOn ? 'text-secondary' : undefined}>
                  <th scope="row">{member.organisationName}</th>
                  <td>
                    {member.representativeName}
                    <span className="d-block small">{member.representativeEmail}</span>
                  </td>
                  <td>{member.deputyName ?? t('common.none')}</td>
                  <td className="text-nowrap">
                    {member.toOn
                      ? t('council.members.ended', {
                          from: formatDate(member.fromOn),
                          to: formatDate(member.toOn),
                        })
                      : t('council.members.since', { from: formatDate(member.fromOn) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Meetings({ table }: { table: TableView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sedute" className="mt-5">
      <h2 id="sedute" className="h4">
        {t('council.meetings.title')}
      </h2>
      {table.meetings.length === 0 ? (
        <p className="alert alert-info">{t('council.meetings.empty')}</p>
      ) : (
        <ul className="list-unstyled">
          {table.meetings.map((meeting) => (
            <li key={meeting.id} className="mb-2">
              <Link to={`/cti/sedute/${meeting.id}`}>
                {meeting.title} – {formatDateTime(meeting.startsAt)}
              </Link>{' '}
              <span className="badge bg-secondary">{t(`council.meetings.status.${meeting.status}`)}</span>{' '}
              <span className="badge bg-light text-dark">
                {t(`council.minutes.status.${meeting.minutesStatus}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
