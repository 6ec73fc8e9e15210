import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ROLES, type User } from '../../../src/modules/identity/contract.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from './administration.ts';
import { MembershipsForm } from './MembershipsForm.tsx';
import { keys, users } from './requests.ts';
import { UserAccountActions } from './UserAccountActions.tsx';
import { UserDetailsForm } from './UserDetailsForm.tsx';
import { userStatus } from './userStatus.ts';

/** One user: personal data, roles in each organisation, and the state of the account. */
export function UserPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { id = '' } = useParams();
  const canManage = usePermission('identity.users.manage');
  const canReadAudit = usePermission('audit.read');
  const [notice, setNotice] = useState<string | null>(null);
  const user = useQuery({ queryKey: keys.user(id), queryFn: () => users.get(id) });
  const trail = administrationTrail(session, t('modules.administration.title'), [
    { label: t('administration.users.title'), to: '/amministrazione/utenti' },
  ]);

  if (user.isPending || user.error) {
    return (
      <Page title={t('administration.users.title')} trail={trail}>
        {user.isPending ? <Loading /> : <LoadError error={user.error} />}
      </Page>
    );
  }

  const data = user.data;
  return (
    <Page title={`${data.givenName} ${data.familyName}`} trail={trail}>
      <Notice message={notice} />
      <UserSummary user={data} />
      {canReadAudit && (
        <p>
          <Link to={`/amministrazione/registro?userId=${encodeURIComponent(data.id)}`}>
            {t('users.auditLink')}
          </Link>
        </p>
      )}
      <section aria-labelledby="utente-dati" className="mb-5">
        <h2 id="utente-dati" className="h4">
          {t('users.personalData')}
        </h2>
        {canManage ? <UserDetailsForm user={data} onSaved={setNotice} /> : <UserDetails user={data} />}
      </section>
      <section aria-labelledby="utente-ruoli" className="mb-5">
        <h2 id="utente-ruoli" className="h4">
          {t('memberships.heading')}
        </h2>
        {canManage ? <MembershipsForm user={data} onSaved={setNotice} /> : <MembershipList user={data} />}
      </section>
      {canManage && data.id !== session.user.id && (
        <section aria-labelledby="utente-account">
          <h2 id="utente-account" className="h4">
            {t('users.account')}
          </h2>
          <UserAccountActions user={data} onChanged={setNotice} />
        </section>
      )}
    </Page>
  );
}

function UserSummary({ user }: { user: User }) {
  const { t } = useTranslation();
  const status = userStatus(user);
  return (
    <dl className="row">
      <div className="col-12 col-md-4 mb-3">
        <dt>{t('users.status')}</dt>
        <dd>
          {status === 'slowed'
            ? t('users.slowedUntil', { until: formatDateTime(user.slowedUntil) })
            : t(`users.statuses.${status}`)}
        </dd>
      </div>
      {status === 'invited' && user.invitation && (
        <div className="col-12 col-md-4 mb-3">
          <dt>{t('users.invitation')}</dt>
          <dd>
            {t(`users.invitationStates.${user.invitation.status}`, {
              at: formatDateTime(user.invitation.sentAt),
            })}
          </dd>
        </div>
      )}
      <div className="col-12 col-md-4 mb-3">
        <dt>{t('users.lastLogin')}</dt>
        <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.neverSignedIn')}</dd>
      </div>
      <div className="col-12 col-md-4 mb-3">
        <dt>{t('users.createdAt')}</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
      </div>
    </dl>
  );
}

function UserDetails({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <dl className="row">
      <div className="col-12 col-md-6 mb-3">
        <dt>{t('users.email')}</dt>
        <dd className="text-break">{user.email}</dd>
      </div>
      <div className="col-12 col-md-6 mb-3">
        <dt>{t('users.fiscalCode')}</dt>
        <dd>{user.fiscalCode ?? t('common.none')}</dd>
      </div>
    </dl>
  );
}

function MembershipList({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.memberships.length === 0) return <p>{t('memberships.none')}</p>;
  return (
    <ul>
      {user.memberships.map((membership) => (
        <li key={`${membership.organisationId}-${membership.role}`}>
          {membership.secondedFromName
            ? t('memberships.seconded', {
                role: ROLES[membership.role],
                organisation: membership.organisationName,
                origin: membership.secondedFromName,
              })
            : `${ROLES[membership.role]} – ${membership.organisationName}`}
        </li>
      ))}
    </ul>
  );
}
