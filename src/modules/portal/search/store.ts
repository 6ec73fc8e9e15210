/** The search's queries: published sheets and glossary terms by their text-search documents, offices on the fly. */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import { SOURCE_LANGUAGE } from '../languages.ts';
import { SHEET_SECTIONS } from '../sheets/contract.ts';
import { MATCH_END, MATCH_START } from './rules.ts';

/** A query in a language: its text-search configuration and `to_tsquery` expression. */
export type TextQuery = { configuration: string; expression: string };

const tsquery = ({ configuration, expression }: TextQuery) =>
  sql`to_tsquery(${configuration}::regconfig, ${expression})`;

const headline = (configuration: string, text: RawBuilder<unknown>, query: RawBuilder<unknown>) =>
  sql<string>`ts_headline(${configuration}::regconfig, ${text}, ${query}, ${`MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MATCH_START}, StopSel=${MATCH_END}`})`;

/** What a sheet's snippet is cut from: its summary and sections, as the page shows them. */
const SHEET_TEXT = sql`concat_ws(' ', ${sql.join(
  ['summary', ...SHEET_SECTIONS].map((field) => sql`r.published_content ->> ${sql.lit(field)}`),
)})`;

/** The queries of one search: in the reader's language, and in Italian for the texts not translated. */
export type Queries = { language: string; own: TextQuery; source: TextQuery };

/**
 * The published rows of `table` matching: in the reader's language by `own`, in Italian by `source` where the
 * reader's language has no published row of the same `key` (what the public page would show). Best first.
 */
function matching<Row>(
  db: Db,
  { language, own, source }: Queries,
  table: {
    name: string;
    key: string;
    published: string;
    columns: RawBuilder<unknown>;
    text: RawBuilder<unknown>;
  },
  limit: number,
) {
  const [name, key, published] = [table.name, table.key, table.published].map((id) => sql.ref(id));
  const inOwn = sql`r.language = ${language}`;
  return sql<Row>`
    with q as (select ${tsquery(own)} as own, ${tsquery(source)} as source)
    select ${table.columns}, r.language, case when ${inOwn}
        then ${headline(own.configuration, table.text, sql`q.own`)}
        else ${headline(source.configuration, table.text, sql`q.source`)} end as snippet
    from ${name} r cross join q
    where r.${published} is not null and (
      (${inOwn} and r.search_document @@ q.own) or
      (r.language = ${SOURCE_LANGUAGE} and r.search_document @@ q.source and not exists (
        select 1 from ${name} o where o.${key} = r.${key} and o.language = ${language} and o.${published} is not null)))
    order by ts_rank(r.search_document, case when ${inOwn} then q.own else q.source end) desc, r.${key}
    limit ${limit}`
    .execute(db)
    .then((result) => result.rows);
}

export const matchingSheets = (db: Db, queries: Queries, limit: number) =>
  matching<{ code: string; language: string; title: string; validated: boolean; snippet: string }>(
    db,
    queries,
    {
      name: 'procedure_sheet_text',
      key: 'sheet_code',
      published: 'published_at',
      // validated as the sheet's page says it: a published copy with its reviewer and the review's date
      columns: sql`r.sheet_code as code, r.published_content ->> 'title' as title,
        (r.published_reviewed_by is not null and r.published_reviewed_at is not null) as validated`,
      text: SHEET_TEXT,
    },
    limit,
  );

export const matchingTerms = (db: Db, queries: Queries, limit: number) =>
  matching<{ termKey: string; language: string; term: string; validated: boolean; snippet: string }>(
    db,
    queries,
    {
      name: 'glossary_term',
      key: 'term_key',
      published: 'published_term',
      columns: sql`r.term_key as "termKey", r.published_term as term,
        (r.published_reviewed_by is not null) as validated`,
      text: sql`r.published_definition`,
    },
    limit,
  );

/** Which of the given texts (the offices, written in Italian) match, with a snippet of each, in their order. */
export async function matchingTexts(db: Db, texts: { key: string; text: string }[], query: TextQuery) {
  if (texts.length === 0) return [];
  const { rows } = await sql<{ key: string; snippet: string }>`
    select o.key, ${headline(query.configuration, sql`o.text`, sql`q.query`)} as snippet
    from unnest(${texts.map((t) => t.key)}::text[], ${texts.map((t) => t.text)}::text[])
      with ordinality as o(key, text, position)
    cross join (select ${tsquery(query)} as query) q
    where to_tsvector(${query.configuration}::regconfig, o.text) @@ q.query
    order by o.position`.execute(db);
  return rows;
}
