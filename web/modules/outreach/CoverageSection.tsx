import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FilterForm, FilterSelect } from '../../ui/FilterForm.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { CoveragePanel } from './CoverageForm.tsx';
import { COVERAGE_MEDIA, type Coverage, type CoverageQuery, coverage, keys } from './requests.ts';
import { dayOf, numberOf } from './words.ts';

/** The coverage list shares the module's page with the news: its page and filter have their own names. */
const PAGE_PARAM = 'pagina-rassegna';
const MEDIA_PARAM = 'mezzo';

/**
 * The press coverage log, the latest first, filtered by media; those who keep it add an item, correct one and
 * attach its clipping.
 */
export function CoverageSection({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [editing, setEditing] = useState<Coverage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const media = COVERAGE_MEDIA.find((known) => known === params.get(MEDIA_PARAM));
  const query: CoverageQuery = { page: pageFrom(params, PAGE_PARAM), ...(media ? { media } : {}) };
  const list = useQuery({
    queryKey: keys.coverage(query),
    queryFn: () => coverage.list(query),
    placeholderData: keepPreviousData,
  });
  const empty = media
    ? 'outreach.press.emptyFiltered'
    : manages
      ? 'outreach.press.emptyManager'
      : 'outreach.press.empty';
  return (
    <section aria-labelledby="rassegna" className="mt-5">
      <h2 id="rassegna" className="h4">
        {t('outreach.press.title')}
      </h2>
      <p>{t('outreach.press.intro')}</p>
      <FilterForm label={t('outreach.press.filters')} pageParam={PAGE_PARAM}>
        <FilterSelect name={MEDIA_PARAM} label={t('outreach.press.media')}>
          <option value="">{t('filters.all')}</option>
          {COVERAGE_MEDIA.map((code) => (
            <option key={code} value={code}>
              {t(`outreach.press.mediaKinds.${code}`)}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>
      <PagedList
        list={list}
        count={(count) => t('outreach.press.count', { count })}
        empty={t(empty)}
        pageParam={PAGE_PARAM}
      >
        {(items) => <CoverageTable items={items} onEdit={manages ? setEditing : undefined} />}
      </PagedList>
      {manages && (
        <>
          <Notice message={notice} />
          <CoveragePanel editing={editing} onEditing={setEditing} onDone={setNotice} />
        </>
      )}
    </section>
  );
}

type CoverageTableProps = {
  items: Coverage[];
  /** For those who keep the log: opens an item in the form below. */
  onEdit: ((item: Coverage) => void) | undefined;
};

function CoverageTable({ items, onEdit }: CoverageTableProps) {
  const { t } = useTranslation();
  const title = t('outreach.press.title');
  const labels = {
    publishedOn: t('outreach.press.publishedOn'),
    outlet: t('outreach.press.outlet'),
    media: t('outreach.press.media'),
    reach: t('outreach.press.reach'),
    clipping: t('outreach.press.clipping'),
  };
  return (
    <TableScroll label={title}>
      <table className="table lovit-cards">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outreach.press.titleField')}</th>
            <th scope="col">{labels.publishedOn}</th>
            <th scope="col">{labels.outlet}</th>
            <th scope="col">{labels.media}</th>
            <th scope="col">{labels.reach}</th>
            <th scope="col">{labels.clipping}</th>
            {onEdit && <th scope="col">{t('outreach.press.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="fw-normal lovit-card-title">
                {item.url ? <a href={item.url}>{item.title}</a> : item.title}
                {item.notes && <span className="d-block small">{item.notes}</span>}
              </th>
              <td data-label={labels.publishedOn} className="text-nowrap">
                {dayOf(item.publishedOn)}
              </td>
              <td data-label={labels.outlet}>{item.outlet}</td>
              <td data-label={labels.media}>{t(`outreach.press.mediaKinds.${item.media}`)}</td>
              <td data-label={labels.reach} className="text-nowrap">
                {item.reach === null ? t('outreach.press.noReach') : numberOf(item.reach)}
              </td>
              <td data-label={labels.clipping}>
                {item.clipping ? (
                  <a
                    href={coverage.clippingUrl(item.id)}
                    download
                    aria-label={t('outreach.press.clippingOf', { title: item.title })}
                  >
                    {t('outreach.press.clippingLink')}
                  </a>
                ) : (
                  t('outreach.press.noClipping')
                )}
              </td>
              {onEdit && (
                <td>
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-primary"
                    aria-label={t('outreach.press.editOf', { title: item.title })}
                    onClick={() => onEdit(item)}
                  >
                    {t('outreach.press.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
