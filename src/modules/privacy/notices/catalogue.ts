/**
 * The notices' words, one catalogue per portal language (`locales/<code>.json`), Italian the source. They
 * are the privacy module's own: a notice changes with the law and the forms, not with the portal's texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SOURCE_LANGUAGE } from '../../portal/languages.ts';

type Entry = string | { [key: string]: Entry };

const LOCALES = new URL('./locales/', import.meta.url);

const catalogues = new Map<string, Entry>(
  readdirSync(LOCALES)
    .filter((name) => /^[a-z]{2,3}\.json$/.test(name))
    .map((name) => [name.slice(0, -5), JSON.parse(readFileSync(new URL(name, LOCALES), 'utf8')) as Entry]),
);

export const noticeLanguages = (): string[] => [...catalogues.keys()].sort();

function lookUp(entry: Entry | undefined, path: string): string | undefined {
  let at = entry;
  for (const part of path.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

/** A text of the notices by its path (`forms.eventi.data`), with `{{name}}` values; Italian when missing. */
export type NoticeText = (path: string, values?: Record<string, string>) => string;

export const noticeText =
  (lang: string): NoticeText =>
  (path, values = {}) => {
    const text = lookUp(catalogues.get(lang), path) ?? lookUp(catalogues.get(SOURCE_LANGUAGE), path) ?? path;
    return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  };

/** Every path of a catalogue, as `a.b.c`: each language must have the same ones as Italian. */
export function noticeKeys(lang: string): string[] {
  const walk = (entry: Entry | undefined, prefix: string): string[] =>
    typeof entry === 'object'
      ? Object.entries(entry).flatMap(([key, inner]) => walk(inner, prefix ? `${prefix}.${key}` : key))
      : entry === undefined
        ? []
        : [prefix];
  return walk(catalogues.get(lang), '').sort();
}
