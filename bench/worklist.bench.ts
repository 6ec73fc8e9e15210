/**
 * The SUI worklist and the case page at 1,000,000 cases on PostgreSQL: 8 users at once, each query measured
 * for BENCH_QUERY_S seconds. Target: p95 ≤ 30 ms for every query.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/cli/demo.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { seedCases } from './cases-seed.ts';
import { startServer, writeResult } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const USERS = 8;
const QUERY_S = Number(process.env.BENCH_QUERY_S ?? 10);
const WARM_UP_S = 3;
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
if (!REUSE) await seedCases(database, CASES);
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
  const queries: [string, string[]][] = [
    ['open cases by due date', ['/api/cases']],
    ['by type', ['/api/cases?type=WORK_CLEARANCE']],
    ['by state', ['/api/cases?state=AWAITING_OPINIONS']],
    ['assigned to me', ['/api/cases?assignee=me']],
    ['unassigned', ['/api/cases?assignee=none']],
    ['due within 7 days', ['/api/cases?deadline=DUE_SOON']],
    ['overdue', ['/api/cases?deadline=OVERDUE']],
    ['waiting for opinions', ['/api/cases?awaitingOpinions=true']],
    ['language', ['/api/cases?language=ur']],
    ['by arrival, newest first', ['/api/cases?sort=-receivedAt']],
    ['10th page', [`/api/cases?after=${cursor}`]],
    ['case page', caseIds.map((id) => `/api/cases/${id}`)],
  ];
  // The users' cookies and each query's paths, for wrk (bench/worklist.lua): a C client, so that on two
  // cores the load generator takes little from the server it measures.
  const work = await mkdtemp(path.join(tmpdir(), 'lovit-worklist-'));
  const cookiesFile = path.join(work, 'cookies');
  const figuresFile = path.join(work, 'figures.json');
  await writeFile(cookiesFile, `${sessions.map((session) => session.cookie).join('\n')}\n`);
  const read = async (paths: string[], seconds: number) => {
    const pathsFile = path.join(work, 'paths');
    await writeFile(pathsFile, `${paths.join('\n')}\n`);
    execFileSync(
      'wrk',
      [
        '-t1',
        `-c${USERS}`,
        `-d${seconds}s`,
        '--timeout',
        '10s',
        '-s',
        path.resolve('bench/worklist.lua'),
        server.url,
        '--',
        pathsFile,
        cookiesFile,
      ],
      { env: { ...process.env, WORKLIST_FIGURES_FILE: figuresFile }, stdio: 'ignore' },
    );
    return JSON.parse(await readFile(figuresFile, 'utf8')) as {
      requests: number;
      non_2xx: number;
      socket_errors: number;
      p50_us: number;
      p95_us: number;
      p99_us: number;
    };
  };
  // Warm-up, not measured: the server's connections and caches as they are after a few seconds of work.
  await read(
    queries.map(([, paths]) => paths[0] ?? '/api/cases'),
    WARM_UP_S,
  );
  const ms = (us: number) => Math.round(us / 100) / 10;
  const results: Record<
    string,
    { requests: number; errors: number; p50_ms: number; p95_ms: number; p99_ms: number }
  > = {};
  for (const [name, paths] of queries) {
    const figures = await read(paths, QUERY_S);
    results[name] = {
      requests: figures.requests,
      errors: figures.non_2xx + figures.socket_errors,
      p50_ms: ms(figures.p50_us),
      p95_ms: ms(figures.p95_us),
      p99_ms: ms(figures.p99_us),
    };
    process.stdout.write(
      `${name}: p50 ${ms(figures.p50_us)} ms, p95 ${ms(figures.p95_us)} ms, ${figures.requests} requests, ` +
        `${results[name].errors} errors\n`,
    );
  }
  await rm(work, { recursive: true, force: true });
  const worst = Math.max(...Object.values(results).map((r) => r.p95_ms));
  const file = await writeResult('worklist', {
    target: 'GET /api/cases (worklist) and GET /api/cases/:id on PostgreSQL',
    cases: CASES,
    seed_s: seedSeconds,
    users: USERS,
    seconds_per_query: QUERY_S,
    warm_up_s: WARM_UP_S,
    load_generator: 'wrk',
    worst_p95_ms: worst,
    queries: results,
  });
  process.stdout.write(`worklist: worst p95 ${worst} ms → ${file}\n`);
  if (Object.values(results).some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  await server.stop();
}
