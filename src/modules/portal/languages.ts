/**
 * The languages of the public portal. A language is a message catalogue, `locales/<code>.json`, plus its
 * content in the database (procedure sheets, glossary): adding one needs no code. Italian is the source and
 * the language of last resort.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createInstance } from 'i18next';

export const SOURCE_LANGUAGE = 'it';
export const LANGUAGE_COOKIE = 'lovit_lingua';

/** `locale`: the tag `Intl` formats dates and numbers with (`en-GB`: day, month, year on English pages). */
export type Language = { code: string; name: string; dir: 'ltr' | 'rtl'; locale: string };

/**
 * `provinceNames`: the province as the language writes it, by its Italian name (`Lodi` → `لودي`); a province
 * the catalogue does not name is written in Italian, as proper names are.
 */
type Catalogue = {
  meta: { name: string; dir: 'ltr' | 'rtl'; locale: string };
  provinceNames: Record<string, string>;
} & Record<string, unknown>;

const LOCALES = new URL('./locales/', import.meta.url);

function readCatalogues(): Map<string, Catalogue> {
  const catalogues = new Map<string, Catalogue>();
  for (const file of readdirSync(LOCALES)
    .filter((name) => /^[a-z]{2,3}\.json$/.test(name))
    .sort())
    catalogues.set(file.slice(0, -5), JSON.parse(readFileSync(new URL(file, LOCALES), 'utf8')) as Catalogue);
  return catalogues;
}

const catalogues = readCatalogues();

/** Every portal language, Italian first, then by code. */
export const LANGUAGES: readonly Language[] = [...catalogues]
  .map(([code, catalogue]) => ({ code, ...catalogue.meta }))
  .sort((a, b) =>
    a.code === SOURCE_LANGUAGE ? -1 : b.code === SOURCE_LANGUAGE ? 1 : a.code.localeCompare(b.code),
  );
const byCode = new Map(LANGUAGES.map((language) => [language.code, language]));

/** The province served, by its Italian name. */
let province = 'Lodi';

const i18n = createInstance();
i18n.init({
  initAsync: false,
  resources: Object.fromEntries(
    [...catalogues].map(([code, catalogue]) => [code, { translation: catalogue }]),
  ),
  lng: SOURCE_LANGUAGE,
  fallbackLng: SOURCE_LANGUAGE,
  // React escapes what it renders. `{{province}}` is the province served, in any message.
  interpolation: { escapeValue: false, defaultVariables: { province } },
  returnNull: false,
});

export const isLanguage = (code: string | undefined): code is string =>
  code !== undefined && byCode.has(code);

export function languageOf(code: string): Language {
  return byCode.get(code) ?? (byCode.get(SOURCE_LANGUAGE) as Language);
}

/** The tag to format dates and numbers with for a page in the language. */
export const intlLocale = (code: string): string => languageOf(code).locale;

/** The province the portal serves, by its Italian name: the installation's, set once as the application is built. */
export function setPortalProvince(name: string): void {
  province = name;
  if (i18n.options.interpolation) i18n.options.interpolation.defaultVariables = { province: name };
}

/** A message of the catalogue by key, with `{{name}}` values (the back-office types its own keys, not these). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;
export const translator = (code: string): Translate => {
  const language = languageOf(code).code;
  const t = i18n.getFixedT(language) as unknown as Translate;
  return (key, values) => {
    const ownName = catalogues.get(language)?.provinceNames[province];
    return t(key, ownName === undefined ? values : { province: ownName, ...values });
  };
};

/** The language to show a visitor who has not chosen one in the address: the cookie, then the browser's list. */
export function preferredLanguage(cookie: string | undefined, acceptLanguage: string | undefined): string {
  if (isLanguage(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { code: tag.toLowerCase().split('-')[0] ?? '', q: Number.isNaN(q) ? 0 : q };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return wanted.find((entry) => isLanguage(entry.code))?.code ?? SOURCE_LANGUAGE;
}

/** Every key of a catalogue, as `a.b.c`: each language must have the same ones as Italian. */
export function catalogueKeys(code: string): string[] {
  const walk = (value: unknown, prefix: string): string[] =>
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, inner]) => walk(inner, prefix ? `${prefix}.${key}` : key))
      : [prefix];
  return walk(catalogues.get(code), '').sort();
}
