import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** The page's parameter in the address, for a list that shares its page with another list. */
  param?: string;
};

/** Pages a list is split into: numbered links in the address (`?page=3`), so that any page can be shared. */
export function Pagination({ page, pageSize, total, param = 'page' }: PaginationProps) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;

  const linkTo = (target: number) => {
    const params = new URLSearchParams(search);
    params.set(param, String(target));
    return `${pathname}?${params}`;
  };

  return (
    <nav className="pagination-wrapper mt-4" aria-label={t('pagination.label')}>
      <ul className="pagination flex-wrap">
        <li className={`page-item${page <= 1 ? ' disabled' : ''}`}>
          {page <= 1 ? (
            <span className="page-link">{t('pagination.previous')}</span>
          ) : (
            <Link className="page-link" to={linkTo(page - 1)}>
              {t('pagination.previous')}
            </Link>
          )}
        </li>
        {pagesAround(page, pageCount).map((target, index) =>
          target === null ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity of its own
            <li className="page-item" key={`gap-${index}`}>
              <span className="page-link" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li className="page-item" key={target}>
              <Link
                className="page-link"
                to={linkTo(target)}
                aria-current={target === page ? 'page' : undefined}
                aria-label={t('pagination.page', { page: target })}
              >
                {target}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${page >= pageCount ? ' disabled' : ''}`}>
          {page >= pageCount ? (
            <span className="page-link">{t('pagination.next')}</span>
          ) : (
            <Link className="page-link" to={linkTo(page + 1)}>
              {t('pagination.next')}
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** First, last, and the pages next to the current one; null where pages are left out. */
function pagesAround(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const pages: (number | null)[] = [];
  for (const p of sorted) {
    const previous = pages[pages.length - 1];
    if (typeof previous === 'number' && p - previous > 1) pages.push(null);
    pages.push(p);
  }
  return pages;
}

/** The page asked for in the address, 1 when missing or wrong. */
export function pageFrom(params: URLSearchParams, param = 'page'): number {
  const page = Number(params.get(param));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
