/** The queries behind the legal updates' indicator (WP3): updates published in a period. */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage } from '../../../kernel/indicators.ts';

type Span = { start: Date; end: Date };

const published = (span: Span) =>
  sql`status = 'PUBLISHED' and published_at >= ${span.start} and published_at < ${span.end}`;

export async function publishedCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from legal_update where ${published(span)}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function publishedPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    publishedCount(db, span),
    sql<{ title: string; kind: string; authority: string; number: string; publishedOn: string }>`
      select title, kind, authority, number,
        (published_at at time zone 'Europe/Rome')::date::text as "publishedOn"
      from legal_update where ${published(span)}
      order by published_at, id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total, rows };
}
