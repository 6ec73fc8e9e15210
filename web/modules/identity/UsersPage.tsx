import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ROLES } from '../../../src/modules/identity/contract.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { administrationTrail } from './administration.ts';
import { keys, organisations, PAGE_SIZE, users } from './requests.ts';
import { userStatus } from './userStatus.ts';

export function UsersPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canManage = usePermission('identity.users.manage');
  const [params] = useSearchParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const query = {
    page: pageFrom(params),
    pageSize: PAGE_SIZE,
    q: params.get('q') ?? undefined,
    organisationId: params.get('organisationId') ?? undefined,
    role: params.get('role') ?? undefined,
  };
  const list = useQuery({
    queryKey: keys.users(query),
    queryFn: () => users.list(query),
    placeholderData: keepPreviousData,
  });
  const choices = useQuery({ queryKey: keys.allOrganisations, queryFn: organisations.all });

  return (
    <Page
      title={t('administration.users.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <Notice message={notice} />
      {canManage && (
        <p className="mb-4">
          <Link className="btn btn-primary" to="/amministrazione/utenti/nuovo">
            {t('users.invite')}
          </Link>
        </p>
      )}
      {!choices.isPending && (
        <FilterForm label={t('users.filters')}>
          <FilterText name="q" type="search" label={t('users.search')} />
          <FilterSelect name="organisationId" label={t('users.organisation')}>
            <option value="">{t('filters.allFeminine')}</option>
            {(choices.data ?? []).map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect name="role" label={t('users.role')}>
            <option value="">{t('filters.all')}</option>
            {Object.entries(ROLES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </FilterSelect>
        </FilterForm>
      )}
      <PagedList list={list} count={(count) => t('users.count', { count })} empty={t('users.empty')}>
        {(items) => (
          <TableScroll label={t('users.caption')}>
            <table className="table">
              <caption className="visually-hidden">{t('users.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('users.memberships')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.lastLogin')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row" className="fw-normal">
                      <Link to={`/amministrazione/utenti/${user.id}`}>
                        {user.givenName} {user.familyName}
                      </Link>
                    </th>
                    <td>{user.email}</td>
                    <td>
                      <ul className="list-unstyled mb-0">
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
                    </td>
                    <td>{t(`users.statuses.${userStatus(user)}`)}</td>
                    <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.neverSignedIn')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </PagedList>
    </Page>
  );
}
