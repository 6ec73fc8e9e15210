/**
 * The queries behind the training indicators (WP3): operators who completed an edition that ended in a period,
 * by track, and the certificates issued in it.
 */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage, IndicatorPeriod } from '../../../kernel/indicators.ts';

type Span = { start: Date; end: Date };
export type TrackFilter = readonly ('PUBLIC' | 'PRIVATE' | 'BOTH')[];
/** The trainer whose courses a list is limited to; null for whoever oversees every course. */
export type TrainerScope = string | null;

const taughtBy = (column: string, trainerId: TrainerScope) =>
  trainerId === null
    ? sql`true`
    : sql`${sql.raw(column)} in (select course_id from training_course_trainer where user_id = ${trainerId})`;

/**
 * The places completed in editions whose last session ended in the span (and before `now`): attended hours at
 * least the course's completion share of the edition's hours, the rule of `isComplete`.
 */
const completed = (span: Span, now: Date, tracks: TrackFilter, trainerId: TrainerScope = null) => sql`
  with finished as (
    select e.id as edition_id, e.name as edition_name, c.title as course_title, c.track, c.completion_percent,
      sum(extract(epoch from s.ends_at - s.starts_at)) as total_seconds
    from training_edition e
    join training_course c on c.id = e.course_id
    join training_session s on s.edition_id = e.id
    where c.track in (${sql.join(tracks)}) and ${taughtBy('c.id', trainerId)}
    group by e.id, c.id
    having max(s.ends_at) >= ${span.start} and max(s.ends_at) < ${span.end} and max(s.ends_at) <= ${now}
  )
  select n.user_id, n.organisation_id, f.edition_name, f.course_title, f.track
  from finished f
  join training_enrolment n on n.edition_id = f.edition_id and n.status = 'ENROLLED'
  where f.total_seconds > 0 and f.total_seconds * f.completion_percent <= 100 * (
    select coalesce(sum(extract(epoch from s.ends_at - s.starts_at)), 0)
    from training_session s join training_attendance a on a.session_id = s.id and a.user_id = n.user_id
    where s.edition_id = f.edition_id)`;

export async function trainedCount(db: Db, span: Span, now: Date, tracks: TrackFilter): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(distinct user_id)::int as count from (${completed(span, now, tracks)}) t`.execute(db);
  return rows[0]?.count ?? 0;
}

/** One row per person and edition completed: a person who completed two editions is listed twice. */
export async function trainedPage(
  db: Db,
  span: Span,
  now: Date,
  tracks: TrackFilter,
  trainerId: TrainerScope,
  page: IndicatorPage,
) {
  const places = completed(span, now, tracks, trainerId);
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`select count(*)::int as count from (${places}) t`.execute(db),
    sql<{ name: string; organisation: string; course: string; edition: string; track: string }>`
      select u.family_name || ' ' || u.given_name as name, o.name as organisation, t.course_title as course,
        t.edition_name as edition, t.track
      from (${places}) t
      join app_user u on u.id = t.user_id join organisation o on o.id = t.organisation_id
      order by u.family_name, u.given_name, u.id, t.course_title
      offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}

const issued = (period: IndicatorPeriod) =>
  sql`revoked_at is null and issued_on between ${period.from}::date and ${period.to}::date`;

export async function certificatesCount(db: Db, period: IndicatorPeriod): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from training_certificate where ${issued(period)}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function certificatesPage(
  db: Db,
  period: IndicatorPeriod,
  trainerId: TrainerScope,
  page: IndicatorPage,
) {
  const shown = sql`${issued(period)} and ${taughtBy('course_id', trainerId)}`;
  const [{ rows: counted }, { rows }] = await Promise.all([
    sql<{ count: number }>`
      select count(*)::int as count from training_certificate where ${shown}`.execute(db),
    sql<{
      number: string;
      holderName: string;
      organisationName: string;
      courseTitle: string;
      issuedOn: string;
    }>`
      select number, holder_name as "holderName", organisation_name as "organisationName",
        course_title as "courseTitle", issued_on::text as "issuedOn"
      from training_certificate where ${shown}
      order by issued_on, number offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total: counted[0]?.count ?? 0, rows };
}
