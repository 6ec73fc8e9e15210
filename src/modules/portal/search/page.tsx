/** The results page of the portal's search: procedures, glossary words and offices matching the reader's words. */
import type { Translate } from '../languages.ts';
import { DraftTag, portalPath } from '../layout.tsx';
import { SearchForm } from './form.tsx';
import { MAX_QUERY_LENGTH, type SearchQuery, snippetParts } from './rules.ts';
import type { SearchResults } from './service.ts';

/** A snippet with the reader's words marked; `lang` when the text is in another language than the page. */
function Snippet({ text, lang }: { text: string; lang?: string }) {
  return (
    <p className="meta" lang={lang} dir={lang ? 'auto' : undefined}>
      {snippetParts(text).map((part, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a snippet never move
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}

/** The language of a text shown on a page of another language, for `lang` attributes. */
const otherThan = (page: string, text: string) => (text === page ? undefined : text);

type Props = { lang: string; t: Translate; query: SearchQuery; results: SearchResults | null };

export function SearchPage({ lang, t, query, results }: Props) {
  const text = query.kind === 'empty' ? '' : query.text;
  return (
    <>
      <SearchForm lang={lang} t={t} id="cerca-risultati" query={text} />
      {query.kind === 'empty' && <p>{t('search.empty')}</p>}
      {query.kind === 'tooLong' && (
        <p className="card ko" role="alert">
          {t('search.tooLong', { max: MAX_QUERY_LENGTH })}
        </p>
      )}
      {results && <Results lang={lang} t={t} results={results} />}
    </>
  );
}

function Results({ lang, t, results }: { lang: string; t: Translate; results: SearchResults }) {
  const count = results.sheets.length + results.terms.length + results.offices.length;
  if (count === 0)
    return (
      <div className="card note" role="status">
        <p>{t('search.none')}</p>
        <p>
          <a href={portalPath(lang)}>{t('search.allSheets')}</a>
        </p>
      </div>
    );
  return (
    <>
      <p role="status">{t('search.found', { count: new Intl.NumberFormat(lang).format(count) })}</p>
      {results.sheets.length > 0 && (
        <section aria-labelledby="risultati-schede">
          <h2 id="risultati-schede">{t('search.sheets')}</h2>
          <ul className="links">
            {results.sheets.map((sheet) => (
              <li key={sheet.code}>
                <a href={portalPath(lang, `/schede/${sheet.code}`)} lang={otherThan(lang, sheet.language)}>
                  {sheet.title}
                </a>
                {!sheet.validated && <DraftTag t={t} />}
                {sheet.language !== lang && <p className="meta">{t('search.inItalian')}</p>}
                <Snippet text={sheet.snippet} lang={otherThan(lang, sheet.language)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {results.terms.length > 0 && (
        <section aria-labelledby="risultati-glossario">
          <h2 id="risultati-glossario">{t('search.glossary')}</h2>
          <dl className="facts">
            {results.terms.map((term) => (
              <div key={term.termKey} className="term" lang={otherThan(lang, term.language)}>
                <dt>
                  <dfn>{term.term}</dfn>
                </dt>
                <dd>
                  <Snippet text={term.snippet} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {results.offices.length > 0 && (
        <section aria-labelledby="risultati-uffici">
          <h2 id="risultati-uffici">{t('search.offices')}</h2>
          <ul className="links">
            {results.offices.map((office) => (
              <li key={office.key}>
                <a href={portalPath(lang, `/uffici#${office.key}`)} lang={otherThan(lang, 'it')}>
                  {office.name}
                </a>
                <Snippet text={office.snippet} lang={otherThan(lang, 'it')} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
