import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, Loading } from './Loading.tsx';
import { Pagination } from './Pagination.tsx';
import { ResultCount } from './ResultCount.tsx';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

type PagedListProps<T> = {
  list: UseQueryResult<Paged<T>>;
  /** "15 utenti": the count as the page words it. */
  count: (total: number) => string;
  /** What to say when nothing matches. */
  empty: string;
  /** Names of the query's parameters, for the error that refuses one. */
  labels?: Record<string, string>;
  /** The page's parameter in the address, for a list that shares its page with another list. */
  pageParam?: string;
  children: (items: T[]) => ReactNode;
};

/** One page of a list: loading, error, count, empty state or the items, and the page controls. */
export function PagedList<T>({ list, count, empty, labels, pageParam, children }: PagedListProps<T>) {
  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} {...(labels ? { labels } : {})} />;
  const { items, total, page, pageSize } = list.data;
  return (
    <>
      <ResultCount text={count(total)} />
      {items.length === 0 ? <p className="alert alert-info">{empty}</p> : children(items)}
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        {...(pageParam ? { param: pageParam } : {})}
      />
    </>
  );
}
