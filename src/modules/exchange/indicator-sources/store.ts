/** The queries behind the opinions' indicators (WP2): opinions answered in a period and how long they took. */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage } from '../../../kernel/indicators.ts';
import type { RequestScope } from '../store.ts';

type Span = { start: Date; end: Date };

// The days from the request to the answer, counted on the calendar of Europe/Rome.
const DAYS = sql`((closed_at at time zone 'Europe/Rome')::date - requested_on)`;

export async function answeredFigures(db: Db, span: Span) {
  const { rows } = await sql<{ answered: number; meanDays: number | null }>`
    select count(*)::int as answered, avg(${DAYS})::float8 as "meanDays" from opinion_request
    where state = 'ANSWERED' and closed_at >= ${span.start} and closed_at < ${span.end}`.execute(db);
  return rows[0] ?? { answered: 0, meanDays: null };
}

export async function answeredPage(db: Db, span: Span, scope: RequestScope, page: IndicatorPage) {
  const side =
    scope.side === 'BODY'
      ? sql`organisation_id = ${scope.organisationId}`
      : sql`requester_organisation_id = ${scope.organisationId}`;
  const where = sql`${side} and state = 'ANSWERED' and closed_at >= ${span.start} and closed_at < ${span.end}`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`select count(*)::int as count from opinion_request where ${where}`.execute(db),
    sql<{
      caseNumber: string;
      body: string;
      caseTypeName: string;
      requestedOn: string;
      answeredOn: string;
      days: number;
      outcome: string | null;
    }>`
      select case_number as "caseNumber", body, case_type_name as "caseTypeName",
        requested_on::text as "requestedOn", (closed_at at time zone 'Europe/Rome')::date::text as "answeredOn",
        ${DAYS} as days, outcome
      from opinion_request where ${where}
      order by closed_at, id offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}
