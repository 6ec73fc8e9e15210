/**
 * The search form of the portal: a plain GET form, so that it works without scripts. The page frame shows it
 * in the header of every page; the results page shows it again with the reader's query.
 */
import type { Translate } from '../languages.ts';
import { MAX_QUERY_LENGTH } from './rules.ts';

export const searchPath = (lang: string) => `/portale/${lang}/cerca`;

export function SearchForm({
  lang,
  t,
  id,
  query,
}: {
  lang: string;
  t: Translate;
  id: string;
  query?: string;
}) {
  return (
    <search className="search">
      <form method="get" action={searchPath(lang)}>
        <label htmlFor={id} className="vh">
          {t('search.title')}
        </label>
        <input id={id} type="search" name="q" maxLength={MAX_QUERY_LENGTH} defaultValue={query} />
        <button type="submit">{t('search.button')}</button>
      </form>
    </search>
  );
}
