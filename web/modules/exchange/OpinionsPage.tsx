import { useInfiniteQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { FilterForm, FilterSelect, FilterText } from '../../ui/FilterForm.tsx';
import { KeysetResults } from '../../ui/KeysetList.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { useSelection } from '../../ui/selection.ts';
import { BulkFavourable } from './BulkFavourable.tsx';
import { InboxTable, isSelectable } from './InboxTable.tsx';
import { INBOX_PAGE_SIZE, type InboxPage, keys, opinions } from './requests.ts';

const FILTERS = ['state', 'clock', 'caseType', 'q'] as const;

function filtersFrom(params: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/**
 * The opinions of the office, soonest deadline first: for the Questura and the inspectorate those addressed to
 * them (answered one by one or, when favourable, many at once), for the SUI those it requested.
 */
export function OpinionsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const canAnswer = usePermission('exchange.answer');
  const [notice, setNotice] = useState<string | null>(null);
  const filters = filtersFrom(params);
  const list = useInfiniteQuery({
    queryKey: keys.inbox(filters),
    queryFn: ({ pageParam, signal }) =>
      opinions.inbox({ ...filters, after: pageParam, pageSize: INBOX_PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const [selected, setSelected] = useSelection(params.toString());
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const caseTypes = useCaseTypesSeen(list.data?.pages, filters.caseType);

  return (
    <Page title={t('modules.opinions.title')}>
      <Notice message={notice} />
      <p>{canAnswer ? t('exchange.inbox.introBody') : t('exchange.inbox.introSui')}</p>
      <ExchangeNavigation />
      <FilterForm label={t('exchange.filters.label')}>
        <FilterText name="q" type="search" label={t('exchange.filters.q')} />
        <FilterSelect name="state" label={t('exchange.filters.state')}>
          <option value="">{t('exchange.filters.open')}</option>
          <option value="closed">{t('exchange.filters.closed')}</option>
          <option value="all">{t('filters.all')}</option>
        </FilterSelect>
        <FilterSelect name="clock" label={t('exchange.filters.clock')}>
          <option value="">{t('filters.allFeminine')}</option>
          <option value="DUE_SOON">{t('exchange.filters.dueSoon')}</option>
          <option value="OVERDUE">{t('exchange.filters.overdue')}</option>
        </FilterSelect>
        <FilterSelect name="caseType" label={t('exchange.filters.caseType')}>
          <option value="">{t('filters.all')}</option>
          {[...caseTypes].map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>
      {canAnswer && (
        <BulkFavourable
          selected={items
            .filter((item) => isSelectable(item) && selected.has(item.id))
            .map((item) => item.id)}
          onDone={(message) => {
            setSelected(new Set());
            setNotice(message);
          }}
        />
      )}
      <KeysetResults
        list={list}
        count={items.length}
        texts={{
          count: t('exchange.inbox.count', { count: items.length }),
          countMore: t('exchange.inbox.countMore', { count: items.length }),
          empty: t('exchange.inbox.empty'),
        }}
        labels={filterLabels(t)}
      >
        {(more) => (
          <InboxTable
            items={items}
            selected={canAnswer ? selected : null}
            onSelect={setSelected}
            more={more}
          />
        )}
      </KeysetResults>
    </Page>
  );
}

/** The other pages of the module, from the inbox: the figures of the exchange and the shared problem log. */
function ExchangeNavigation() {
  const { t } = useTranslation();
  const canReadFigures = usePermission('exchange.dashboard');
  const canReadProblems = usePermission('exchange.problems');
  if (!canReadFigures && !canReadProblems) return null;
  return (
    <div className="d-flex flex-wrap gap-3 mb-4">
      {canReadFigures && (
        <Link className="btn btn-outline-primary" to="/pareri/tempi">
          {t('exchangeFigures.title')}
        </Link>
      )}
      {canReadProblems && (
        <Link className="btn btn-outline-primary" to="/pareri/problemi">
          {t('exchangeProblems.title')}
        </Link>
      )}
    </div>
  );
}

/**
 * The case types met in the lists shown so far, by code: the bodies cannot read the SUI's case types, and
 * only types whose cases need opinions ever reach this list. The type filtered on stays a choice.
 */
function useCaseTypesSeen(pages: InboxPage[] | undefined, chosen: string | undefined) {
  const [seen, setSeen] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const found = (pages ?? []).flatMap((page) => page.items);
    setSeen((known) => {
      const added = found.filter((item) => !known.has(item.caseTypeCode));
      if (added.length === 0) return known;
      const next = new Map(known);
      for (const item of added) next.set(item.caseTypeCode, item.caseTypeName);
      return next;
    });
  }, [pages]);
  return chosen && !seen.has(chosen) ? new Map([...seen, [chosen, chosen]]) : seen;
}

function filterLabels(t: TFunction): Record<string, string> {
  return {
    q: t('exchange.filters.q'),
    state: t('exchange.filters.state'),
    clock: t('exchange.filters.clock'),
    caseType: t('exchange.filters.caseType'),
    after: t('exchange.inbox.more'),
  };
}
