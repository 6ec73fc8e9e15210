import { useTranslation } from 'react-i18next';
import { ORGANISATION_TYPES, ROLES } from '../../../src/modules/identity/contract.ts';
import { useSignedInSession } from '../../app/session.ts';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { OwnSessions } from './OwnSessions.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const { user, organisation, memberships } = useSignedInSession();
  return (
    <Page title={t('profile.title')}>
      <section aria-labelledby="profilo-dati" className="mb-5">
        <h2 id="profilo-dati" className="h4">
          {t('profile.personalData')}
        </h2>
        <dl className="row mb-0">
          <dt className="col-sm-4 col-lg-3">{t('profile.name')}</dt>
          <dd className="col-sm-8 col-lg-9">
            {user.givenName} {user.familyName}
          </dd>
          <dt className="col-sm-4 col-lg-3">{t('profile.email')}</dt>
          <dd className="col-sm-8 col-lg-9">{user.email}</dd>
          <dt className="col-sm-4 col-lg-3">{t('profile.currentOrganisation')}</dt>
          <dd className="col-sm-8 col-lg-9">{organisation.name}</dd>
        </dl>
      </section>

      <section aria-labelledby="profilo-enti" className="mb-5">
        <h2 id="profilo-enti" className="h4">
          {t('profile.memberships')}
        </h2>
        <TableScroll label={t('profile.membershipsCaption')}>
          <table className="table">
            <caption className="visually-hidden">{t('profile.membershipsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('profile.organisation')}</th>
                <th scope="col">{t('profile.organisationType')}</th>
                <th scope="col">{t('profile.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((membership) => (
                <tr key={membership.organisationId}>
                  <th scope="row" className="fw-normal">
                    {membership.organisationName}
                    {membership.organisationId === organisation.id && (
                      <span className="badge bg-primary ms-2">{t('profile.current')}</span>
                    )}
                  </th>
                  <td>{ORGANISATION_TYPES[membership.organisationType]}</td>
                  <td>{membership.roles.map((role) => ROLES[role]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="profilo-password" className="mb-5">
        <h2 id="profilo-password" className="h4">
          {t('profile.changePassword')}
        </h2>
        <ChangePasswordForm />
      </section>

      <section aria-labelledby="profilo-sessioni">
        <h2 id="profilo-sessioni" className="h4">
          {t('profile.sessions')}
        </h2>
        <OwnSessions />
      </section>
    </Page>
  );
}
