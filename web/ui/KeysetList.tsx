import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from './Loading.tsx';
import { ResultCount } from './ResultCount.tsx';

type KeysetQuery = Pick<
  UseInfiniteQueryResult<unknown>,
  'isPending' | 'error' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
>;

export type More = { onMore: (() => Promise<unknown>) | null; isLoadingMore: boolean };

type KeysetResultsProps = {
  list: KeysetQuery;
  count: number;
  /** The count when all is shown, when more can be loaded, and the text of an empty list. */
  texts: { count: string; countMore: string; empty: string };
  /** Names of the query's parameters as the page shows them, for a refused filter. */
  labels: Record<string, string>;
  children: (more: More) => ReactNode;
};

/**
 * A list read a page after another (keyset pagination): loading, a refused query, how many are shown, an
 * empty list, or the rows with a way to load more; an error loading more keeps the rows already shown.
 */
export function KeysetResults({ list, count, texts, labels, children }: KeysetResultsProps) {
  if (list.isPending) return <Loading />;
  if (list.error && count === 0) return <LoadError error={list.error} labels={labels} />;
  return (
    <>
      <ResultCount text={list.hasNextPage ? texts.countMore : texts.count} />
      {count === 0 ? (
        <p className="alert alert-info">{texts.empty}</p>
      ) : (
        children({
          onMore: list.hasNextPage ? () => list.fetchNextPage() : null,
          isLoadingMore: list.isFetchingNextPage,
        })
      )}
      {list.error && <LoadError error={list.error} />}
    </>
  );
}

/**
 * "Carica altri" under a table: after loading more, the link of the first new row takes focus, so that the
 * keyboard goes on where the list grew.
 */
export function useLoadMore(count: number, { onMore, isLoadingMore }: More, label: string) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  useEffect(() => {
    if (focusFrom === null || count <= focusFrom) return;
    setFocusFrom(null);
    bodyRef.current?.querySelectorAll<HTMLAnchorElement>('tr > th a').item(focusFrom)?.focus();
  }, [focusFrom, count]);

  const loadMore = () => {
    if (!onMore || isLoadingMore) return;
    setFocusFrom(count);
    void onMore();
  };
  const button = onMore && <LoadMoreButton label={label} onClick={loadMore} isLoading={isLoadingMore} />;
  return { bodyRef, button };
}

type LoadMoreButtonProps = { label: string; onClick: () => void; isLoading: boolean };

function LoadMoreButton({ label, onClick, isLoading }: LoadMoreButtonProps) {
  const { t } = useTranslation();
  return (
    <p className="mt-3">
      <button type="button" className="btn btn-outline-primary" onClick={onClick} disabled={isLoading}>
        {isLoading ? t('common.loading') : label}
      </button>
    </p>
  );
}
