/**
 * The queries behind the dissemination indicators (WP4): articles, publications and press releases that came
 * out in a period, media coverage, event sessions held, registrations and participants.
 */
import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';
import type { IndicatorPage, IndicatorPeriod } from '../../../kernel/indicators.ts';

type Span = { start: Date; end: Date };

async function countOf(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from (${query}) q`.execute(db);
  return rows[0]?.count ?? 0;
}

// ---- articles

const articles = (span: Span) => sql`
  select a.id, a.kind, a.published_at,
    (select coalesce(t.published_title, t.title) from outreach_article_text t
      where t.article_id = a.id order by t.language <> 'it', t.language limit 1) as title
  from outreach_article a
  where a.status in ('PUBLISHED', 'ARCHIVED') and a.published_at >= ${span.start} and a.published_at < ${span.end}`;

export const articlesCount = (db: Db, span: Span) => countOf(db, articles(span));

export async function articlesPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    articlesCount(db, span),
    sql<{ title: string | null; kind: string; publishedOn: string }>`
      select q.title, q.kind, (q.published_at at time zone 'Europe/Rome')::date::text as "publishedOn"
      from (${articles(span)}) q order by q.published_at, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

// ---- publications

const publications = (span: Span) => sql`
  select id, kind, title, copies_printed, published_at from outreach_publication
  where published_at >= ${span.start} and published_at < ${span.end}`;

export const publicationsCount = (db: Db, span: Span) => countOf(db, publications(span));

export async function publicationsPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    publicationsCount(db, span),
    sql<{ title: string; kind: string; copiesPrinted: number; publishedOn: string }>`
      select q.title, q.kind, q.copies_printed as "copiesPrinted",
        (q.published_at at time zone 'Europe/Rome')::date::text as "publishedOn"
      from (${publications(span)}) q order by q.published_at, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

// ---- press releases

const releases = (span: Span) => sql`
  select r.id, r.title, r.sent_at,
    (select count(*)::int from outreach_press_send p where p.release_id = r.id) as recipients
  from outreach_press_release r
  where r.status = 'SENT' and r.sent_at >= ${span.start} and r.sent_at < ${span.end}`;

export const releasesCount = (db: Db, span: Span) => countOf(db, releases(span));

export async function releasesPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    releasesCount(db, span),
    sql<{ title: string; recipients: number; sentOn: string }>`
      select q.title, q.recipients, (q.sent_at at time zone 'Europe/Rome')::date::text as "sentOn"
      from (${releases(span)}) q order by q.sent_at, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

// ---- coverage

const coverage = (period: IndicatorPeriod) => sql`
  select id, published_on, outlet, title, media, reach from outreach_coverage
  where published_on between ${period.from}::date and ${period.to}::date`;

export const coverageCount = (db: Db, period: IndicatorPeriod) => countOf(db, coverage(period));

export async function coveragePage(db: Db, period: IndicatorPeriod, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    coverageCount(db, period),
    sql<{ publishedOn: string; outlet: string; title: string; media: string; reach: number | null }>`
      select q.published_on::text as "publishedOn", q.outlet, q.title, q.media, q.reach
      from (${coverage(period)}) q order by q.published_on, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

// ---- event sessions held, their registrations and participants

const sessionsHeld = (span: Span, now: Date) => sql`
  select s.id, s.label, s.starts_at, s.venue, e.title,
    (select count(*)::int from outreach_registration r where r.session_id = s.id and r.status = 'CONFIRMED') as registered,
    (select count(*)::int from outreach_registration r where r.session_id = s.id and r.status = 'CONFIRMED'
      and exists (select 1 from outreach_check_in c where c.registration_id = r.id)) as present
  from outreach_session s join outreach_event e on e.id = s.event_id
  where e.published_at is not null and s.ends_at >= ${span.start} and s.ends_at < ${span.end}
    and s.ends_at <= ${now}`;

export const sessionsHeldCount = (db: Db, span: Span, now: Date) => countOf(db, sessionsHeld(span, now));

export async function sessionsHeldPage(db: Db, span: Span, now: Date, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    sessionsHeldCount(db, span, now),
    sql<{ title: string; label: string; heldOn: string; venue: string; registered: number; present: number }>`
      select q.title, q.label, (q.starts_at at time zone 'Europe/Rome')::date::text as "heldOn", q.venue,
        q.registered, q.present
      from (${sessionsHeld(span, now)}) q order by q.starts_at, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

const registrations = (span: Span) => sql`
  select r.id, r.name, r.organisation, r.organisation_type, r.created_at, s.label, e.title
  from outreach_registration r
  join outreach_session s on s.id = r.session_id join outreach_event e on e.id = s.event_id
  where r.status = 'CONFIRMED' and r.created_at >= ${span.start} and r.created_at < ${span.end}`;

export async function registrationsCount(db: Db, span: Span): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from outreach_registration
    where status = 'CONFIRMED' and created_at >= ${span.start} and created_at < ${span.end}`.execute(db);
  return rows[0]?.count ?? 0;
}

export async function registrationsPage(db: Db, span: Span, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    registrationsCount(db, span),
    sql<{ name: string; organisation: string | null; title: string; label: string; registeredOn: string }>`
      select q.name, q.organisation, q.title, q.label,
        (q.created_at at time zone 'Europe/Rome')::date::text as "registeredOn"
      from (${registrations(span)}) q order by q.created_at, q.id offset ${page.offset} limit ${page.limit}`.execute(
      db,
    ),
  ]);
  return { total, rows };
}

const participants = (span: Span, now: Date) => sql`
  select r.id, r.name, r.organisation, s.starts_at, s.label, e.title
  from outreach_registration r
  join outreach_session s on s.id = r.session_id join outreach_event e on e.id = s.event_id
  where r.status = 'CONFIRMED' and e.published_at is not null
    and s.ends_at >= ${span.start} and s.ends_at < ${span.end} and s.ends_at <= ${now}
    and exists (select 1 from outreach_check_in c where c.registration_id = r.id)`;

export const participantsCount = (db: Db, span: Span, now: Date) => countOf(db, participants(span, now));

export async function participantsPage(db: Db, span: Span, now: Date, page: IndicatorPage) {
  const [total, { rows }] = await Promise.all([
    participantsCount(db, span, now),
    sql<{ name: string; organisation: string | null; title: string; label: string; heldOn: string }>`
      select q.name, q.organisation, q.title, q.label, (q.starts_at at time zone 'Europe/Rome')::date::text as "heldOn"
      from (${participants(span, now)}) q order by q.starts_at, q.name, q.id
      offset ${page.offset} limit ${page.limit}`.execute(db),
  ]);
  return { total, rows };
}
