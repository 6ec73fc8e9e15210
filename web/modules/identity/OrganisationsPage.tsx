import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../src/modules/identity/contract.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { administrationTrail } from './administration.ts';
import { keys, organisations, PAGE_SIZE } from './requests.ts';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canManage = usePermission('identity.organisations.manage');
  const [params] = useSearchParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const query = {
    page: pageFrom(params),
    pageSize: PAGE_SIZE,
    q: params.get('q') ?? undefined,
    type: params.get('type') ?? undefined,
    active: params.get('active') ?? undefined,
  };
  const list = useQuery({
    queryKey: keys.organisations(query),
    queryFn: () => organisations.list(query),
    placeholderData: keepPreviousData,
  });

  return (
    <Page
      title={t('administration.organisations.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <Notice message={notice} />
      {canManage && (
        <p className="mb-4">
          <Link className="btn btn-primary" to="/amministrazione/enti/nuovo">
            {t('organisations.new')}
          </Link>
        </p>
      )}
      <FilterForm label={t('organisations.filters')}>
        <FilterText name="q" type="search" label={t('organisations.search')} />
        <FilterSelect name="type" label={t('organisations.type')}>
          <option value="">{t('filters.all')}</option>
          {Object.entries(ORGANISATION_TYPES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="active" label={t('organisations.status')}>
          <option value="">{t('filters.all')}</option>
          <option value="true">{t('organisations.activePlural')}</option>
          <option value="false">{t('organisations.inactivePlural')}</option>
        </FilterSelect>
      </FilterForm>
      <PagedList
        list={list}
        count={(count) => t('organisations.count', { count })}
        empty={t('organisations.empty')}
      >
        {(items) => (
          <TableScroll label={t('organisations.caption')}>
            <table className="table">
              <caption className="visually-hidden">{t('organisations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisations.name')}</th>
                  <th scope="col">{t('organisations.code')}</th>
                  <th scope="col">{t('organisations.type')}</th>
                  <th scope="col">{t('organisations.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row" className="fw-normal">
                      <Link to={`/amministrazione/enti/${organisation.id}`}>{organisation.name}</Link>
                    </th>
                    <td className="text-nowrap">{organisation.code}</td>
                    <td>{ORGANISATION_TYPES[organisation.type as OrganisationType]}</td>
                    <td>{organisation.isActive ? t('organisations.active') : t('organisations.inactive')}</td>
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
