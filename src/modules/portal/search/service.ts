/**
 * The portal's search: the published procedure sheets, the glossary and the offices, in the reader's language
 * (Italian where a text has no translation yet). Public texts only: nothing personal is read, nothing recorded.
 */
import type { Platform } from '../../../kernel/platform.ts';
import { SOURCE_LANGUAGE } from '../languages.ts';
import { listOffices } from '../offices.ts';
import { type SearchQuery, searchConfiguration, tsQuery } from './rules.ts';
import * as store from './store.ts';

/** The most results of each kind a page shows. */
const LIMIT = 10;

export type SearchResults = {
  /** `validated`: the text shown was checked by a reviewer; otherwise it is a draft, labelled as such. */
  sheets: { code: string; language: string; title: string; validated: boolean; snippet: string }[];
  terms: { termKey: string; language: string; term: string; validated: boolean; snippet: string }[];
  offices: { key: string; name: string; snippet: string }[];
};

export async function searchPortal(
  platform: Platform,
  language: string,
  query: Extract<SearchQuery, { kind: 'words' }>,
): Promise<SearchResults> {
  const { db } = platform.database;
  const expression = tsQuery(query.words);
  const own = { configuration: searchConfiguration(language), expression };
  const source = { configuration: searchConfiguration(SOURCE_LANGUAGE), expression };
  const offices = await listOffices(platform);
  const [sheets, terms, matchedOffices] = await Promise.all([
    store.matchingSheets(db, { language, own, source }, LIMIT),
    store.matchingTerms(db, { language, own, source }, LIMIT),
    store.matchingTexts(
      db,
      offices.map((office) => ({ key: office.key, text: [office.name, office.address].join('\n') })),
      source,
    ),
  ]);
  const names = new Map(offices.map((office) => [office.key, office.name]));
  return {
    sheets,
    terms,
    offices: matchedOffices.map((office) => ({ ...office, name: names.get(office.key) ?? '' })),
  };
}
