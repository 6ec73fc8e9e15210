import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedInSession } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { administrationTrail } from './administration.ts';
import { type AuditEntry, audit, keys, PAGE_SIZE } from './requests.ts';

const KINDS = ['change', 'access', 'security'] as const;
const FILTERS = ['entityType', 'entityId', 'userId', 'kind', 'from', 'to'] as const;

/** The audit trail: who did what and when, filtered, a page at a time, and exported as CSV. */
export function AuditPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [params] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? undefined]));
  const query = { page: pageFrom(params), pageSize: PAGE_SIZE, ...filters };
  const list = useQuery({
    queryKey: keys.audit(query),
    queryFn: () => audit.list(query),
    placeholderData: keepPreviousData,
  });

  return (
    <Page
      title={t('administration.audit.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <FilterForm label={t('audit.filters')}>
        <FilterSelect name="kind" label={t('audit.kind')}>
          <option value="">{t('filters.all')}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`audit.kinds.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterText name="from" type="date" label={t('audit.from')} />
        <FilterText name="to" type="date" label={t('audit.to')} />
        <FilterText name="entityType" label={t('audit.entityType')} />
        <FilterText name="entityId" label={t('audit.entityId')} />
        <FilterText name="userId" label={t('audit.userId')} />
      </FilterForm>
      <p>
        <a className="btn btn-outline-primary" href={audit.exportUrl(filters)} download>
          {t('audit.export')}
        </a>
      </p>
      <PagedList
        list={list}
        count={(count) => t('audit.count', { count })}
        empty={t('audit.empty')}
        labels={{
          kind: t('audit.kind'),
          from: t('audit.from'),
          to: t('audit.to'),
          entityType: t('audit.entityType'),
          entityId: t('audit.entityId'),
          userId: t('audit.userId'),
        }}
      >
        {(entries) => <AuditTable entries={entries} />}
      </PagedList>
    </Page>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('audit.caption')} className="lovit-audit">
      <table className="table table-sm">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.kind')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row" className="fw-normal">
                {entry.seq}
              </th>
              <td className="text-nowrap">{formatDateTime(entry.at)}</td>
              <td>{t(`audit.kinds.${entry.kind}`)}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                {entry.entityType}
                {entry.entityId && <span className="d-block small">{entry.entityId}</span>}
              </td>
              <td>{entry.actorLabel ?? t('audit.system')}</td>
              <td>{entry.clientAddress ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
