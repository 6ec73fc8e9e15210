/**
 * The frame of every portal page: `lang` and `dir` of the language, the language switcher, the menu and the
 * footer. Server-rendered to plain HTML with one stylesheet and no script, so that it reads on any phone.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { LANGUAGES, languageOf, type Translate, translator } from './languages.ts';
import { SearchForm } from './search/form.tsx';

export const STYLESHEET = readFileSync(new URL('./portal.css', import.meta.url), 'utf8');
/** The stylesheet's address carries its hash, so browsers keep it for a year and fetch a new one on change. */
export const STYLESHEET_PATH = `/portale/portale.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 10)}.css`;

// Inline, so that the page needs no other request (and no favicon.ico that is not there).
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%2300468b'/%3E%3C/svg%3E";

/** The menu: the page's place after `/portale/<lang>`, and its label in the catalogue. */
const MENU = [
  ['', 'nav.home'],
  ['/stato', 'nav.status'],
  ['/uffici', 'nav.offices'],
  ['/verifica', 'nav.verify'],
] as const;

export const portalPath = (lang: string, place = '') => `/portale/${lang}${place}`;

export type PageFrame = {
  lang: string;
  title: string;
  /** Where the page is after `/portale/<lang>`: the language switcher keeps the visitor there. */
  place: string;
  children: ReactNode;
};

function LanguageSwitcher({ lang, place, t }: { lang: string; place: string; t: Translate }) {
  return (
    <details className="langs">
      <summary>
        {t('site.language')}: <span lang={lang}>{languageOf(lang).name}</span>
      </summary>
      <ul>
        {LANGUAGES.map((language) => (
          <li key={language.code}>
            <a
              href={portalPath(language.code, place)}
              lang={language.code}
              hrefLang={language.code}
              dir={language.dir}
              aria-current={language.code === lang ? 'true' : undefined}
            >
              {language.name}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Frame({ lang, title, place, children }: PageFrame) {
  const t = translator(lang);
  const language = languageOf(lang);
  return (
    <html lang={language.code} dir={language.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${title} – ${t('site.office')}`}</title>
        <meta name="description" content={t('home.intro')} />
        <link rel="icon" href={ICON} />
        <link rel="stylesheet" href={STYLESHEET_PATH} />
      </head>
      <body>
        <a className="skip" href="#contenuto">
          {t('site.skip')}
        </a>
        <header>
          <div className="bar">
            <a className="brand" href={portalPath(lang)}>
              <strong>{t('site.office')}</strong>
              <span>{t('site.service')}</span>
            </a>
            <LanguageSwitcher lang={lang} place={place} t={t} />
            <SearchForm lang={lang} t={t} id="cerca-sito" />
          </div>
        </header>
        <nav className="main" aria-label={t('site.menu')}>
          <ul>
            {MENU.map(([target, label]) => (
              <li key={target}>
                <a href={portalPath(lang, target)} aria-current={target === place ? 'page' : undefined}>
                  {t(label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="contenuto" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
        <footer>
          <ul className="foot">
            <li>
              <a href={portalPath(lang, '/privacy')}>{t('nav.privacy')}</a>
            </li>
            <li>
              <a href={portalPath(lang, '/accessibilita')}>{t('nav.accessibility')}</a>
            </li>
            <li>
              <a href="/consiglio-territoriale" hrefLang="it">
                {t('nav.council')}
              </a>
            </li>
          </ul>
        </footer>
      </body>
    </html>
  );
}

export function renderPage(frame: PageFrame): string {
  return `<!doctype html>${renderToStaticMarkup(<Frame {...frame} />)}`;
}

/** A date as people read it in the language, e.g. `3 marzo 2026`, `٣ مارس ٢٠٢٦`. */
export function longDate(lang: string, day: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A line of a list of facts; `lang` marks a value left in the language it was written in. */
export function Fact({ label, lang, children }: { label: string; lang?: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd lang={lang}>{children}</dd>
    </>
  );
}

/** The body of an error page: what happened, and the way back home. */
export function ErrorBody({ lang, t, text }: { lang: string; t: Translate; text: string }) {
  return (
    <div className="card ko" role="alert">
      <p>{text}</p>
      <p>
        <a href={portalPath(lang)}>{t('error.home')}</a>
      </p>
    </div>
  );
}
