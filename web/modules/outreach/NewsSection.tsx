import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../ui/dates.ts';
import { FilterForm, FilterSelect } from '../../ui/FilterForm.tsx';
import { sentence } from '../../ui/fields.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { ARTICLE_STATUSES, type ArticleSummary, type ArticlesQuery, keys, news } from './requests.ts';
import { inPortalOrder, languageName, momentOf } from './words.ts';

/** When the article reached the portal, or when it will. */
function publicationOf(t: TFunction, article: ArticleSummary): string {
  if (article.publishedAt) return formatDate(article.publishedAt);
  if (article.publishAt) return t('outreach.news.scheduledFor', { date: momentOf(article.publishAt) });
  return t('outreach.news.notPublished');
}

/** The news and announcements of the portal, the last changed first, filtered by where they stand. */
export function NewsSection({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = ARTICLE_STATUSES.find((known) => known === params.get('stato'));
  const query: ArticlesQuery = { page: pageFrom(params), ...(status ? { status } : {}) };
  const list = useQuery({
    queryKey: keys.articles(query),
    queryFn: () => news.list(query),
    placeholderData: keepPreviousData,
  });
  const empty = status
    ? 'outreach.news.emptyFiltered'
    : manages
      ? 'outreach.news.emptyManager'
      : 'outreach.news.empty';
  return (
    <section aria-labelledby="notizie" className="mt-5">
      <h2 id="notizie" className="h4">
        {t('outreach.news.title')}
      </h2>
      <p>{t('outreach.news.intro')}</p>
      <FilterForm label={t('outreach.news.filters')} pageParam="page">
        <FilterSelect name="stato" label={t('outreach.news.status')}>
          <option value="">{t('filters.all')}</option>
          {ARTICLE_STATUSES.map((code) => (
            <option key={code} value={code}>
              {t(`outreach.news.statuses.${code}`)}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>
      <PagedList list={list} count={(count) => t('outreach.news.count', { count })} empty={t(empty)}>
        {(items) => <ArticlesTable items={items} />}
      </PagedList>
    </section>
  );
}

function ArticlesTable({ items }: { items: ArticleSummary[] }) {
  const { t } = useTranslation();
  const title = t('outreach.news.title');
  return (
    <TableScroll label={title}>
      <table className="table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outreach.news.titleField')}</th>
            <th scope="col">{t('outreach.news.kind')}</th>
            <th scope="col">{t('outreach.news.status')}</th>
            <th scope="col">{t('outreach.news.languages')}</th>
            <th scope="col">{t('outreach.news.publication')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((article) => (
            <tr key={article.id}>
              <th scope="row">
                <Link to={`/comunicazione/notizie/${article.id}`}>{article.title}</Link>
              </th>
              <td>{t(`outreach.news.kinds.${article.kind}`)}</td>
              <td>{t(`outreach.news.statuses.${article.status}`)}</td>
              <td>
                <ul className="list-unstyled mb-0">
                  {inPortalOrder(article.languages).map(({ language, status }) => (
                    <li key={language} className="text-nowrap">
                      {t('outreach.news.languageState', {
                        language: sentence(languageName(language)),
                        status: t(`outreach.news.textStatuses.${status}`),
                      })}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{publicationOf(t, article)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
