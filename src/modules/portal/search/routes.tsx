/** `GET /portale/<language>/cerca?q=…`: the search results page, readable and usable without scripts. */
import { Invalid } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { languageParam, PUBLIC_PAGE, sendPage } from '../site.tsx';
import { SearchPage } from './page.tsx';
import { readQuery } from './rules.ts';
import { searchPortal } from './service.ts';

export function registerSearchPage(scope: LovitApp, platform: Platform) {
  scope.get('/portale/:lang/cerca', PUBLIC_PAGE, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const { q } = request.query as { q?: unknown };
    // a repeated `q` is an address no form makes: the page of a wrong request, in the reader's language
    if (q !== undefined && typeof q !== 'string')
      throw new Invalid([{ path: 'q', message: 'un solo testo' }]);
    const query = readQuery(q);
    const results = query.kind === 'words' ? await searchPortal(platform, lang, query) : null;
    return sendPage(request, reply, {
      lang,
      title: t('search.title'),
      place: '/cerca',
      status: query.kind === 'tooLong' ? 400 : 200,
      body: <SearchPage lang={lang} t={t} query={query} results={results} />,
    });
  });
}
