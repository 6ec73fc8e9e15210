/**
 * The SUI worklist and the case page at 1,000,000 cases on PostgreSQL: 8 users at once, each query measured
 * for BENCH_QUERY_S seconds. Target: p95 ≤ 30 ms for every query.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_PASSWORD, loadDemoData } from '../src/cli/demo.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { BUILT_IN_CASE_TYPES } from '../src/modules/cases/catalogue.ts';
import { startServer, writeResult } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const USERS = 8;
const QUERY_S = Number(process.env.BENCH_QUERY_S ?? 10);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'lovit_bench_worklist';

/** BENCH_REUSE=1 measures again on the cases seeded by the previous run. */
const REUSE = process.env.BENCH_REUSE === '1';

const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
if (!REUSE) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

const seedStarted = performance.now();
const database = await openServerDatabase(url.toString());
await migrateToLatest(database.db);
const { db } = database;
if (!REUSE) await seed();
async function seed() {
  await loadDemoData({ database, clock: systemClock });
  const prefecture = await db
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', 'PREF-LO')
    .executeTakeFirstOrThrow();
  const operators = await db
    .selectFrom('appUser')
    .select('id')
    .where('email', 'in', ['operatore.sui@lovit.example', 'responsabile.sui@lovit.example'])
    .execute();
  const workClearance = BUILT_IN_CASE_TYPES.find((type) => type.code === 'WORK_CLEARANCE');
  const states = [
    'QUOTA_ASSIGNED',
    'UNDER_REVIEW',
    'INTEGRATION_REQUESTED',
    'AWAITING_OPINIONS',
    'CONVOKED',
    'ISSUED',
    'REJECTED',
  ];
  // One case in ten is closed; the open ones are due over the next 120 days and the last 30; assignees, languages
  // and states spread evenly.
  await sql`
  insert into person (id, organisation_id, surname, given_name, sex, birth_date, birth_place, citizenship,
    passport_number, passport_expiry, created_at, updated_at)
  select gen_random_uuid(), ${prefecture.id}, 'COGNOME' || n, 'Nome', 'M', date '1990-01-01' + (n % 5000),
    'Dhaka', 'BD', 'P' || lpad(n::text, 9, '0'), date '2031-01-01', now(), now()
  from generate_series(1, ${CASES / 10}) as n`.execute(db);
  await sql`
  insert into case_file (id, organisation_id, number, year, sequence, type_code, type_valid_from, state, closed,
    awaiting_opinions, channel, received_at, submitted_on, due_on, clock_suspended, title, language,
    assignee_id, receipt_code, updated_at)
  select gen_random_uuid(), ${prefecture.id}, 'LO-2026-' || lpad(n::text, 7, '0'), 2026, n,
    'WORK_CLEARANCE', ${workClearance?.validFrom}::date, (${sql.val(states)}::text[])[1 + n % 7],
    n % 10 = 0, n % 20 = 3, 'API', now() - make_interval(secs => n), current_date - (n % 60),
    case when n % 10 = 0 then null else current_date - 30 + (n % 150) end, n % 50 = 7,
    'AZIENDA ' || (n % 5000) || ' – COGNOME' || n, (array['en','ar','fr','uk','ur','bn','hi','es','zh','sq'])[1 + n % 10],
    case when n % 3 = 0 then null else (${sql.val(operators.map((o) => o.id))}::uuid[])[1 + n % 2] end,
    'R' || lpad(n::text, 15, '0'), now()
  from generate_series(1, ${CASES}) as n`.execute(db);
  await sql`
  insert into case_party (case_id, role, person_id)
  select c.id, 'WORKER', p.id from case_file c
  join lateral (select id from person where passport_number = 'P' || lpad((1 + c.sequence % ${CASES / 10})::text, 9, '0')) p on true`.execute(
    db,
  );
  await sql`
  insert into case_event (id, case_id, at, on_day, kind, to_state, actor_label)
  select gen_random_uuid(), id, received_at, submitted_on, 'SUBMITTED', state, 'sistema:bench' from case_file`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}
const caseIds = (
  await sql<{ id: string }>`select id from case_file tablesample system (1) limit 2000`.execute(db)
).rows.map((row) => row.id);
await database.close();
const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);

const server = await startServer({
  DATABASE_URL: url.toString(),
  DEMO_DATA: '0',
  JOBS: '0',
  LOGIN_RATE_PER_MINUTE: '1000',
});
try {
  const sessions = await Promise.all(
    Array.from({ length: USERS }, async () => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'operatore.sui@lovit.example', password: DEMO_PASSWORD }),
      });
      const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
      return { cookie };
    }),
  );
  const firstPage = await fetch(`${server.url}/api/cases?pageSize=25`, {
    headers: { cookie: sessions[0]?.cookie ?? '' },
  });
  let cursor = ((await firstPage.json()) as { next: string | null }).next;
  for (let page = 2; page < 10 && cursor; page++) {
    const next = await fetch(`${server.url}/api/cases?pageSize=25&after=${cursor}`, {
      headers: { cookie: sessions[0]?.cookie ?? '' },
    });
    cursor = ((await next.json()) as { next: string | null }).next;
  }
  const queries: [string, () => string][] = [
    ['open cases by due date', () => '/api/cases'],
    ['by type', () => '/api/cases?type=WORK_CLEARANCE'],
    ['by state', () => '/api/cases?state=AWAITING_OPINIONS'],
    ['assigned to me', () => '/api/cases?assignee=me'],
    ['unassigned', () => '/api/cases?assignee=none'],
    ['due within 7 days', () => '/api/cases?deadline=DUE_SOON'],
    ['overdue', () => '/api/cases?deadline=OVERDUE'],
    ['waiting for opinions', () => '/api/cases?awaitingOpinions=true'],
    ['language', () => '/api/cases?language=ur'],
    ['by arrival, newest first', () => '/api/cases?sort=-receivedAt'],
    ['10th page', () => `/api/cases?after=${cursor}`],
    ['case page', () => `/api/cases/${caseIds[Math.floor(Math.random() * caseIds.length)]}`],
  ];
  const results: Record<
    string,
    { requests: number; errors: number; p50_ms: number; p95_ms: number; p99_ms: number }
  > = {};
  for (const [name, path] of queries) {
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + QUERY_S * 1000;
    await Promise.all(
      sessions.map(async ({ cookie }) => {
        while (performance.now() < until) {
          const started = performance.now();
          const response = await fetch(`${server.url}${path()}`, { headers: { cookie } });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          if (response.status !== 200) errors += 1;
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) /
      10;
    results[name] = {
      requests: latencies.length,
      errors,
      p50_ms: at(0.5),
      p95_ms: at(0.95),
      p99_ms: at(0.99),
    };
    process.stdout.write(
      `${name}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, ${latencies.length} requests, ${errors} errors\n`,
    );
  }
  const worst = Math.max(...Object.values(results).map((r) => r.p95_ms));
  const file = await writeResult('worklist', {
    target: 'GET /api/cases (worklist) and GET /api/cases/:id on PostgreSQL',
    cases: CASES,
    seed_s: seedSeconds,
    users: USERS,
    seconds_per_query: QUERY_S,
    worst_p95_ms: worst,
    queries: results,
  });
  process.stdout.write(`worklist: worst p95 ${worst} ms → ${file}\n`);
  if (Object.values(results).some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  await server.stop();
}
