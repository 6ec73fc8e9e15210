/**
 * The one public layout, after the Designers Italia site model: the institution's slim header, the header with
 * the site's name and the language switcher, the menu, the breadcrumbs, the content and the footer with
 * contacts, privacy, accessibility statement and legal notes. Every public page is drawn in it (portal,
 * council, and any module registering public pages), server-rendered to plain HTML with one stylesheet and no
 * script, so that it reads on any phone.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transform } from 'lightningcss';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { institution, LODI_INSTITUTION } from '../../kernel/institution.ts';
import {
  intlLocale,
  LANGUAGES,
  languageOf,
  SOURCE_LANGUAGE,
  type Translate,
  translator,
} from './languages.ts';
import { SearchForm } from './search/form.tsx';

/** The portal's stylesheet as phones receive it: the commented source, minified once at start. */
export const STYLESHEET = transform({
  filename: 'portal.css',
  code: readFileSync(new URL('./portal.css', import.meta.url)),
  minify: true,
}).code.toString();
/** The stylesheet's address carries its hash, so browsers keep it for a year and fetch a new one on change. */
export const STYLESHEET_PATH = `/portale/portale.${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 10)}.css`;

// Inline, so that the page needs no other request (and no favicon.ico that is not there).
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%2300468b'/%3E%3C/svg%3E";

/** The Prefettura of Lodi as it signs its pages. */
export const INSTITUTION = LODI_INSTITUTION.name;

/** The institution of the configured province: the kernel's, as every module signs with it. */
export const portalInstitution = institution;

/** Where the staff sign in: the back-office's own sign-in page. */
export const STAFF_SIGN_IN = '/accesso';
export const COUNCIL_PATH = '/consiglio-territoriale';
/** The training courses open to enrolment: in Italian only, as the courses are (decision 059). */
export const TRAINING_PATH = '/portale/it/formazione';

/** The menu: the page's place after `/portale/<lang>`, and its label in the catalogue. */
const MENU = [
  ['', 'nav.home'],
  ['/stato', 'nav.status'],
  ['/uffici', 'nav.offices'],
  ['/notizie', 'nav.news'],
  ['/eventi', 'nav.events'],
  ['/pubblicazioni', 'nav.publications'],
  ['/verifica', 'nav.verify'],
] as const;

export const portalPath = (lang: string, place = '') => `/portale/${lang}${place}`;

/** The site's public address (`https://…`, no trailing slash), read at each page: canonical links are absolute. */
let siteAddress: () => string = () => '';
export function publishSiteAt(config: { publicUrl: string }): void {
  siteAddress = () => config.publicUrl;
}
export const absolute = (path: string) => `${siteAddress()}${path}`;

export type Crumb = { label: string; href?: string };

export type PageFrame = {
  lang: string;
  title: string;
  /** The language the title is written in, when not the page's (the Italian title of an untranslated sheet). */
  titleLang?: string;
  /** Where the page is after `/portale/<lang>`: the language switcher keeps the visitor there. */
  place: string;
  children: ReactNode;
  /** The page's summary for search engines and shared links; the portal's introduction when absent. */
  description?: string;
  /** The steps between home and this page; home → this page when absent. */
  breadcrumbs?: Crumb[];
  /** The address of a public page that lives outside `/portale/<lang>` and exists in one language only. */
  path?: string;
  /** The answer's status: a page that is not a 200 is not offered to search engines. */
  status?: number;
  /** A feed of the page's news, offered to feed readers. */
  feed?: { href: string; title: string };
};

/** The page's own address without its query (tokens and searches are not canonical), and each language's. */
function addresses({ lang, place, path }: PageFrame) {
  const bare = place.split('?')[0] ?? '';
  if (path) return { canonical: path, alternates: [[lang, path]] as const };
  return {
    canonical: portalPath(lang, bare),
    alternates: [
      ...LANGUAGES.map((language) => [language.code, portalPath(language.code, bare)] as const),
      ['x-default', portalPath(SOURCE_LANGUAGE, bare)] as const,
    ],
  };
}

const LATIN_RUN = /(\(?[\p{Script=Latin}\d@][\p{Script=Latin}\d@.’'()/–\- ]*[\p{Script=Latin}\d)])/u;
const MAIL_OR_ADDRESS = /^[^\s@]+@[^\s@]+$|^[a-z]+:\/\//i;
const LATIN_LETTER = /[\p{Script=Latin}@]/u;
/** Figures in groups, as a telephone number: after Arabic letters their groups would be laid out right to left. */
const GROUPED_FIGURES = /\d[\s.–-]+\d/;

/**
 * A text of a right-to-left page with its Latin-script fragments (Italian names, acronyms, e-mail
 * addresses, file names) and its grouped figures (telephone numbers) isolated, so that they read as written
 * and their punctuation stays in place; a lone number needs nothing. Other pages get the text as is.
 */
export function Isolated({ lang, text }: { lang: string; text: string }) {
  if (languageOf(lang).dir !== 'rtl') return <>{text}</>;
  const parts = text.split(LATIN_RUN);
  return (
    <>
      {parts.map((part, index) => {
        const key = `${index}`;
        if (index % 2 === 0) return part;
        if (!LATIN_LETTER.test(part))
          return GROUPED_FIGURES.test(part) ? (
            <bdi key={key} dir="ltr">
              {part}
            </bdi>
          ) : (
            part
          );
        return (
          <bdi key={key} dir="ltr" lang={MAIL_OR_ADDRESS.test(part) ? undefined : SOURCE_LANGUAGE}>
            {part}
          </bdi>
        );
      })}
    </>
  );
}

/** `lang` and `dir` for a text written in another language than the page's. */
export const textAttributes = (code: string) => ({ lang: code, dir: languageOf(code).dir });

/** An e-mail address, a telephone number or a file name: always read left to right, in any page. */
export const Ltr = ({ children }: { children: ReactNode }) => <bdi dir="ltr">{children}</bdi>;

function LanguageSwitcher({
  lang,
  place,
  path,
  t,
}: {
  lang: string;
  place: string;
  path?: string;
  t: Translate;
}) {
  // a page in one language only leads the other languages to their home
  const otherAddress = (code: string) =>
    !path ? portalPath(code, place) : code === lang ? path : portalPath(code);
  return (
    <details className="langs">
      <summary>
        {t('site.language')}: <span lang={lang}>{languageOf(lang).name}</span>
      </summary>
      <ul>
        {LANGUAGES.map((language) => (
          <li key={language.code}>
            <a
              href={otherAddress(language.code)}
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

function SlimHeader({ lang, t }: { lang: string; t: Translate }) {
  const { name, site } = portalInstitution();
  // Without a site of its own, the institution's name leads to the offices page, which lists it.
  return (
    <div className="slim">
      <div className="wrap">
        <a href={site ?? portalPath(lang, '/uffici')} lang="it" dir="ltr">
          {name}
        </a>
        <a className="reserved" href={STAFF_SIGN_IN}>
          {t('layout.reserved')}
        </a>
      </div>
    </div>
  );
}

function Breadcrumbs({ lang, t, crumbs }: { lang: string; t: Translate; crumbs: Crumb[] }) {
  return (
    <nav className="crumbs" aria-label={t('layout.breadcrumbs')}>
      <ol>
        <li>
          <a href={portalPath(lang)}>{t('layout.home')}</a>
        </li>
        {crumbs.map((crumb) => (
          <li key={crumb.label}>
            {crumb.href ? (
              <a href={crumb.href}>{crumb.label}</a>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Footer({ lang, t }: { lang: string; t: Translate }) {
  const { name, mail } = portalInstitution();
  return (
    <footer className="foot">
      <div className="wrap cols">
        <section aria-labelledby="piede-contatti">
          <h2 id="piede-contatti">{t('footer.contacts')}</h2>
          <p className="foot-text" lang="it" dir="ltr">
            {name}
          </p>
          {mail && (
            <p className="foot-text">
              <a href={`mailto:${mail}`}>
                <Ltr>{mail}</Ltr>
              </a>
            </p>
          )}
          <p className="foot-text">
            <a href={portalPath(lang, '/uffici')}>{t('footer.offices')}</a>
          </p>
        </section>
        <section aria-labelledby="piede-link">
          <h2 id="piede-link">{t('footer.about')}</h2>
          <ul className="foot-links">
            <li>
              <a href={portalPath(lang, '/privacy')}>{t('nav.privacy')}</a>
            </li>
            <li>
              <a href={portalPath(lang, '/accessibilita')}>{t('nav.accessibility')}</a>
            </li>
            <li>
              <a href={portalPath(lang, '/note-legali')}>{t('footer.legal')}</a>
            </li>
            <li>
              <a href={portalPath(lang, '/stampa')}>{t('nav.press')}</a>
            </li>
            <li>
              <a href={COUNCIL_PATH} hrefLang="it">
                {t('nav.council')}
              </a>
            </li>
            <li>
              <a href={TRAINING_PATH} hrefLang="it" {...textAttributes('it')}>
                Formazione per gli operatori
              </a>
            </li>
            <li>
              <a href={STAFF_SIGN_IN}>{t('layout.reserved')}</a>
            </li>
          </ul>
        </section>
      </div>
    </footer>
  );
}

function Head({ frame, t }: { frame: PageFrame; t: Translate }) {
  const { canonical, alternates } = addresses(frame);
  const listed = (frame.status ?? 200) === 200 && !frame.place.includes('?');
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{`${frame.title} – ${t('site.office')}`}</title>
      <meta name="description" content={frame.description ?? t('home.intro')} />
      {listed ? (
        <>
          <link rel="canonical" href={absolute(canonical)} />
          {alternates.map(([code, href]) => (
            <link key={code} rel="alternate" hrefLang={code} href={absolute(href)} />
          ))}
        </>
      ) : (
        <meta name="robots" content="noindex" />
      )}
      {frame.feed && (
        <link rel="alternate" type="application/atom+xml" title={frame.feed.title} href={frame.feed.href} />
      )}
      <link rel="icon" href={ICON} />
      <link rel="stylesheet" href={STYLESHEET_PATH} />
    </head>
  );
}

function Frame(frame: PageFrame) {
  const { lang, title, place, children } = frame;
  const t = translator(lang);
  const language = languageOf(lang);
  const crumbs = frame.breadcrumbs ?? (place === '' && !frame.path ? [] : [{ label: title }]);
  return (
    <html lang={language.code} dir={language.dir}>
      <Head frame={frame} t={t} />
      <body>
        <a className="skip" href="#contenuto">
          {t('site.skip')}
        </a>
        <header>
          <SlimHeader lang={lang} t={t} />
          <div className="bar">
            <a className="brand" href={portalPath(lang)}>
              <strong>
                <Isolated lang={lang} text={t('site.office')} />
              </strong>
              <span>
                <Isolated lang={lang} text={t('site.service')} />
              </span>
            </a>
            <LanguageSwitcher lang={lang} place={place} path={frame.path} t={t} />
            <SearchForm lang={lang} t={t} id="cerca-sito" />
          </div>
          <nav className="main" aria-label={t('site.menu')}>
            <ul>
              {MENU.map(([target, label]) => (
                <li key={target}>
                  <a
                    href={portalPath(lang, target)}
                    aria-current={!frame.path && target === place ? 'page' : undefined}
                  >
                    {t(label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {crumbs.length > 0 && <Breadcrumbs lang={lang} t={t} crumbs={crumbs} />}
        <main id="contenuto" tabIndex={-1}>
          <h1 {...(frame.titleLang && frame.titleLang !== lang ? textAttributes(frame.titleLang) : {})}>
            {title}
          </h1>
          {children}
        </main>
        <Footer lang={lang} t={t} />
      </body>
    </html>
  );
}

export function renderPage(frame: PageFrame): string {
  return `<!doctype html>${renderToStaticMarkup(<Frame {...frame} />)}`;
}

/** A date as people read it in the language, e.g. `3 marzo 2026`, `3 March 2026`, `٣ مارس ٢٠٢٦`. */
export function longDate(lang: string, day: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A date in figures, in the language's order: `03/03/2026` in Italian and English, `2026/3/3` in Chinese. */
export function shortDate(lang: string, day: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A number with the language's digits and separators: `1.234,5` in Italian, `١٬٢٣٤٫٥` in Arabic. */
export const formatNumber = (lang: string, value: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(intlLocale(lang), options).format(value);

/**
 * Items joined as the language writes a list: `a, b e c`, `a، وb، وc` in Arabic (ICU's Arabic conjunction
 * list drops the Arabic comma `،` its unit list keeps).
 */
export const listOf = (lang: string, items: string[]) =>
  new Intl.ListFormat(intlLocale(lang), { type: lang === 'ar' ? 'unit' : 'conjunction' }).format(items);

/** A line of a list of facts; `lang` marks a value left in the language it was written in. */
export function Fact({ label, lang, children }: { label: string; lang?: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd lang={lang} dir={lang ? languageOf(lang).dir : undefined}>
        {children}
      </dd>
    </>
  );
}

/** The label of a sheet listed (home, search) whose text no reviewer of the office has checked yet. */
export function DraftTag({ t, lang }: { t: Translate; lang?: string }) {
  return (
    <p className="meta" {...(lang ? textAttributes(lang) : {})}>
      <span className="tag">{t('provenance.draft')}</span>
    </p>
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
