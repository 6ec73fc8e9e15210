import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { UPDATE_KINDS, UPDATE_STATUSES } from '../../../src/modules/updates/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { keys, type UpdateSearch, type UpdateSummary, updates } from './requests.ts';

/**
 * The legal updates: what the user has still to read, the case-type changes waiting for the SUI manager, and
 * every update, the most recent act first (with the drafts, for the legal expert who writes them).
 */
export function UpdatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const search = Object.fromEntries(
    (['q', 'article', 'caseType'] as const).flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  ) as UpdateSearch;
  const writes = usePermission('updates.write');
  const oversees = usePermission('updates.oversee');
  const caseTypes = useQuery({ queryKey: keys.caseTypes, queryFn: updates.caseTypes });
  const list = useQuery({
    queryKey: keys.list(page, search),
    queryFn: () => updates.list(page, search),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title={t('modules.updates.title')}>
      <p className="lead">{t('updates.intro')}</p>
      {writes && (
        <p>
          <Link to="/novita-normative/nuova" className="btn btn-primary">
            {t('updates.new')}
          </Link>
        </p>
      )}
      {!writes && <UnreadUpdates />}
      {oversees && <PendingChanges />}
      <h2 className="h4 mt-4">{t('updates.all')}</h2>
      <form
        className="row g-2 align-items-end mb-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const next = new URLSearchParams();
          for (const name of ['q', 'article', 'caseType']) {
            const value = String(form.get(name) ?? '').trim();
            if (value) next.set(name, value);
          }
          setParams(next);
        }}
      >
        <div className="col-sm-4">
          <label htmlFor="updates-q" className="form-label">
            {t('updates.search.words')}
          </label>
          <input id="updates-q" name="q" className="form-control" defaultValue={search.q ?? ''} />
        </div>
        <div className="col-sm-3">
          <label htmlFor="updates-article" className="form-label">
            {t('updates.search.article')}
          </label>
          <input
            id="updates-article"
            name="article"
            className="form-control"
            defaultValue={search.article ?? ''}
          />
        </div>
        <div className="col-sm-3">
          <label htmlFor="updates-case-type" className="form-label">
            {t('updates.search.caseType')}
          </label>
          <select
            // drawn again once the options arrive, so that the filter of the address shows as chosen
            key={caseTypes.data ? 'loaded' : 'loading'}
            id="updates-case-type"
            name="caseType"
            className="form-select"
            defaultValue={search.caseType ?? ''}
          >
            <option value="">{t('updates.search.anyCaseType')}</option>
            {(caseTypes.data ?? []).map((type) => (
              <option key={type.code} value={type.code}>
                {type.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-sm-2">
          <button type="submit" className="btn btn-outline-primary w-100">
            {t('updates.search.submit')}
          </button>
        </div>
      </form>
      <PagedList
        list={list}
        count={(count) => t('updates.count', { count })}
        empty={t(writes ? 'updates.emptyWriter' : 'updates.empty')}
      >
        {(items) => <UpdatesTable items={items} caption={t('updates.all')} withStatus={writes} />}
      </PagedList>
      <p className="small mt-3">
        <a href="/api/legal-updates/feed.atom" type="application/atom+xml">
          {t('updates.search.feed')}
        </a>
      </p>
    </Page>
  );
}

function UnreadUpdates() {
  const { t } = useTranslation();
  const unread = useQuery({ queryKey: keys.unread, queryFn: updates.unread });
  return (
    <section aria-labelledby="da-leggere" className="mt-4">
      <h2 id="da-leggere" className="h4">
        {t('updates.unread.title')}
      </h2>
      {unread.isPending ? (
        <Loading />
      ) : unread.error ? (
        <LoadError error={unread.error} />
      ) : unread.data.items.length === 0 ? (
        <p className="alert alert-success">{t('updates.unread.none')}</p>
      ) : (
        <UpdateList items={unread.data.items} />
      )}
    </section>
  );
}

function PendingChanges() {
  const { t } = useTranslation();
  const pending = useQuery({ queryKey: keys.pending, queryFn: updates.pending });
  if (!pending.data || pending.data.items.length === 0) return null;
  return (
    <section aria-labelledby="modifiche-da-applicare" className="mt-4">
      <h2 id="modifiche-da-applicare" className="h4">
        {t('updates.pending.title')}
      </h2>
      <p>{t('updates.pending.intro')}</p>
      <UpdateList items={pending.data.items} />
    </section>
  );
}

function UpdateList({ items }: { items: UpdateSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {items.map((update) => (
        <li key={update.id} className="mb-1">
          <Link to={`/novita-normative/${update.id}`}>{update.title}</Link>{' '}
          <span className="text-muted">
            ({UPDATE_KINDS[update.kind]} {update.number} {t('updates.of')} {formatDate(update.issuedOn)})
          </span>
        </li>
      ))}
    </ul>
  );
}

function UpdatesTable({
  items,
  caption,
  withStatus,
}: {
  items: UpdateSummary[];
  caption: string;
  withStatus: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('updates.fields.title')}</th>
            <th scope="col">{t('updates.fields.kind')}</th>
            <th scope="col">{t('updates.fields.act')}</th>
            <th scope="col">{t('updates.fields.caseTypes')}</th>
            <th scope="col">{t('updates.fields.validFrom')}</th>
            <th scope="col">{withStatus ? t('updates.fields.status') : t('updates.fields.read')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((update) => (
            <tr key={update.id}>
              <th scope="row" className="fw-normal">
                <Link to={`/novita-normative/${update.id}`}>{update.title}</Link>
              </th>
              <td>{UPDATE_KINDS[update.kind]}</td>
              <td>
                {update.authority}, {update.number} {t('updates.of')} {formatDate(update.issuedOn)}
              </td>
              <td>{update.caseTypes.map((type) => type.name).join(', ') || t('common.none')}</td>
              <td className="text-nowrap">{formatDate(update.validFrom)}</td>
              <td>
                {withStatus
                  ? UPDATE_STATUSES[update.status]
                  : update.readAt
                    ? t('updates.readOn', { date: formatDate(update.readAt) })
                    : t('updates.notRead')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
