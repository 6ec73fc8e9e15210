/**
 * The queries behind the SUI's indicators (WP2): case files received in a period, those the team supported
 * (an appointment with a mediator, a question to the legal expert) and the people they concern.
 */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage } from '../../../kernel/indicators.ts';

type Span = { start: Date; end: Date };

export async function receivedCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from case_file
    where received_at >= ${span.start} and received_at < ${span.end}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function receivedPage(db: Db, span: Span, organisationId: string, page: IndicatorPage) {
  const where = sql`organisation_id = ${organisationId} and received_at >= ${span.start}
    and received_at < ${span.end}`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`select count(*)::int as count from case_file where ${where}`.execute(db),
    sql<{ id: string; number: string; title: string; receivedOn: string; closed: boolean }>`
      select id, number, title, (received_at at time zone 'Europe/Rome')::date::text as "receivedOn", closed
      from case_file where ${where}
      order by received_at, id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}

// The team's support: a mediator booked for the case (not cancelled nor moved), or a question to the legal expert.
const supported = (span: Span) => sql`
  select a.case_id, 'Mediazione linguistico-culturale' as support, a.starts_at as at from appointment a
  where a.mediator_id is not null and a.case_id is not null and a.status not in ('CANCELLED', 'RESCHEDULED')
    and a.starts_at >= ${span.start} and a.starts_at < ${span.end}
  union all
  select q.case_id, 'Consulenza legale' as support, q.asked_at as at from legal_question q
  where q.asked_at >= ${span.start} and q.asked_at < ${span.end}`;

export async function supportedCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(distinct case_id)::int as count from (${supported(span)}) s`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function supportedPage(db: Db, span: Span, organisationId: string, page: IndicatorPage) {
  const grouped = sql`
    select s.case_id, string_agg(distinct s.support, ', ') as supports, min(s.at) as first_at
    from (${supported(span)}) s join case_file c on c.id = s.case_id
    where c.organisation_id = ${organisationId}
    group by s.case_id`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`select count(*)::int as count from (${grouped}) g`.execute(db),
    sql<{ id: string; number: string; title: string; supports: string; firstOn: string }>`
      select c.id, c.number, c.title, g.supports, (g.first_at at time zone 'Europe/Rome')::date::text as "firstOn"
      from (${grouped}) g join case_file c on c.id = g.case_id
      order by g.first_at, c.id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}

export async function assistedCount(db: Db, span: Span): Promise<number> {
  // distinct in a subquery is hashed; count(distinct …) sorts, twice as slow over a million case files
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from (
      select distinct p.person_id
      from case_file c join case_party p on p.case_id = c.id
      where p.person_id is not null and c.received_at >= ${span.start} and c.received_at < ${span.end}) people`.execute(
    db,
  );
  return rows[0]?.count ?? 0;
}

/** The people of the case files received, counted by citizenship and language: no one is named. */
export async function assistedPage(db: Db, span: Span, organisationId: string, page: IndicatorPage) {
  const grouped = sql`
    select pe.citizenship, coalesce(pe.preferred_language, c.language) as language,
      count(distinct pe.id)::int as people
    from case_file c join case_party p on p.case_id = c.id join person pe on pe.id = p.person_id
    where c.organisation_id = ${organisationId} and c.received_at >= ${span.start} and c.received_at < ${span.end}
    group by 1, 2`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`select count(*)::int as count from (${grouped}) g`.execute(db),
    sql<{ citizenship: string; language: string | null; people: number }>`
      select * from (${grouped}) g order by g.people desc, g.citizenship, g.language
      offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}
