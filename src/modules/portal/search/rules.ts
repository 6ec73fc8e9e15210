/**
 * What the portal's search looks for: the words of the reader's query, and the text-search configuration of
 * each language (the stemming ones that PostgreSQL 15 and PGlite both ship, `simple` for the others).
 */

/** The longest query the search takes, in characters, and the most words it looks for. */
export const MAX_QUERY_LENGTH = 100;
export const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** Must agree with the configurations of the search migration, which keeps the documents. */
const CONFIGURATIONS: Record<string, string> = {
  it: 'italian',
  en: 'english',
  fr: 'french',
  es: 'spanish',
  ro: 'romanian',
  ru: 'russian',
  ar: 'arabic',
  hi: 'hindi',
};

export const searchConfiguration = (language: string) => CONFIGURATIONS[language] ?? 'simple';

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'tooLong'; text: string }
  | { kind: 'words'; text: string; words: string[] };

/** The reader's query: its words (letters, their marks and digits), at most `MAX_WORDS`, without repeats. */
export function readQuery(raw: string | undefined): SearchQuery {
  const text = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'tooLong', text: text.slice(0, MAX_QUERY_LENGTH) };
  const words = [
    ...new Set(
      (text.toLocaleLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_WORD_LENGTH)),
    ),
  ].slice(0, MAX_WORDS);
  return words.length === 0 ? { kind: 'empty' } : { kind: 'words', text, words };
}

/**
 * The words as a `to_tsquery` expression: all of them, each also as the start of a longer word, so that
 * «ricongiung» finds «ricongiungimento». The words hold only letters and digits: nothing to escape.
 */
export const tsQuery = (words: readonly string[]) => words.map((word) => `'${word}':*`).join(' & ');

/** The marks the database puts around a matched word in a snippet: control characters no stored text has. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/**
 * A snippet cut into plain text and matched words, for the page to mark the latter; the list marks of the
 * sheets' text (`- `, `1. ` at the start of a line) and its line breaks become plain spaces.
 */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  return snippet
    .replace(/(^|\n)[ \t]*(?:-|\d+\.)[ \t]+/g, '$1')
    .replace(/\s+/g, ' ')
    .split(new RegExp(`${MATCH_START}(.*?)${MATCH_END}`, 'su'))
    .map((text, index) => ({ text, match: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}
