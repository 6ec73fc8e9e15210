/** The results page of the portal's search: procedures, glossary words and offices matching the reader's words. */
import type { Translate } from '../languages.ts';
import { DraftTag, Isolated, portalPath, textAttributes } from '../layout.tsx';
import { SearchForm } from './form.tsx';
import { MAX_QUERY_LENGTH, type SearchQuery, snippetParts } from './rules.ts';
import type { SearchResults } from './service.ts';

/**
 * A snippet with the reader's words marked, in the language it is written in: marked as such when it is not
 * the page's, with its Italian fragments and telephone numbers isolated in a right-to-left one.
 */
function Snippet({ page, text, lang }: { page: string; text: string; lang: string }) {
  return (
    <p className="meta" {...(lang === page ? {} : textAttributes(lang))}>
      {snippetParts(text).map((part, index) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a snippet never move
          <mark key={index}>
            <Isolated lang={lang} text={part.text} />
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a snippet never move
          <span key={index}>
            <Isolated lang={lang} text={part.text} />
          </span>
        ),
      )}
    </p>
  );
}

/** `lang` and `dir` of a text shown on a page of another language; nothing for the page's own. */
const otherThan = (page: string, text: string) => (text === page ? {} : textAttributes(text));

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
                <a href={portalPath(lang, `/schede/${sheet.code}`)} {...otherThan(lang, sheet.language)}>
                  <Isolated lang={sheet.language} text={sheet.title} />
                </a>
                {!sheet.validated && <DraftTag t={t} />}
                {sheet.language !== lang && <p className="meta">{t('search.inItalian')}</p>}
                <Snippet page={lang} text={sheet.snippet} lang={sheet.language} />
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
              <div key={term.termKey} className="term">
                <dt {...otherThan(lang, term.language)}>
                  <dfn>
                    <Isolated lang={term.language} text={term.term} />
                  </dfn>
                </dt>
                <dd>
                  <Snippet page={lang} text={term.snippet} lang={term.language} />
                  {!term.validated && <DraftTag t={t} />}
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
                <a href={portalPath(lang, `/uffici#${office.key}`)} {...otherThan(lang, 'it')}>
                  {office.name}
                </a>
                <Snippet page={lang} text={office.snippet} lang="it" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
