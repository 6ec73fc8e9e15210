/**
 * The queries behind the council's indicators (WP1): meetings held in a period, the organisations present at
 * them, and the initiatives the tables started.
 */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage, IndicatorPeriod } from '../../../kernel/indicators.ts';

type Span = { start: Date; end: Date };

const held = (span: Span) =>
  sql`m.status = 'HELD' and m.starts_at >= ${span.start} and m.starts_at < ${span.end}`;

export async function meetingsHeldCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from council_meeting m where ${held(span)}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function meetingsHeldPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    meetingsHeldCount(db, span),
    sql<{ title: string; tableName: string; kind: string; heldOn: string; present: number }>`
      select m.title, t.name as "tableName", t.kind, (m.starts_at at time zone 'Europe/Rome')::date::text as "heldOn",
        (select count(*)::int from council_attendance a where a.meeting_id = m.id and a.attended) as present
      from council_meeting m join council_table t on t.id = m.table_id
      where ${held(span)}
      order by m.starts_at, m.id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total, rows };
}

const present = (span: Span) => sql`
  select a.organisation_id, count(*)::int as meetings
  from council_attendance a join council_meeting m on m.id = a.meeting_id
  where a.attended and ${held(span)}
  group by a.organisation_id`;

export async function organisationsPresentCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from (${present(span)}) p`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function organisationsPresentPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    organisationsPresentCount(db, span),
    sql<{ name: string; type: string; meetings: number }>`
      select o.name, o.type, p.meetings from (${present(span)}) p join organisation o on o.id = p.organisation_id
      order by p.meetings desc, o.name offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total, rows };
}

const started = (period: IndicatorPeriod) =>
  sql`i.starts_on between ${period.from}::date and ${period.to}::date`;

export async function initiativesStartedCount(db: Db, period: IndicatorPeriod): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from council_initiative i where ${started(period)}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function initiativesStartedPage(db: Db, period: IndicatorPeriod, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    initiativesStartedCount(db, period),
    sql<{
      title: string;
      tableName: string;
      startsOn: string;
      endsOn: string;
      status: string;
      progress: number;
    }>`
      select i.title, t.name as "tableName", i.starts_on::text as "startsOn", i.ends_on::text as "endsOn",
        i.status, i.progress
      from council_initiative i join council_table t on t.id = i.table_id
      where ${started(period)}
      order by i.starts_on, i.id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total, rows };
}
