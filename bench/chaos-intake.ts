/**
 * `npm run chaos:intake`: four systems submit cases continuously to a LOVIT process on PostgreSQL while the
 * PostgreSQL server itself is restarted (`pg_ctlcluster`, so run it as a user allowed to, and never while
 * others use that server). It reports whether LOVIT stayed up, how every submission was answered, how long
 * until submissions were written again, and whether every acknowledged case is in the database exactly once.
 * Environment: BENCH_DATABASE_URL (the server), PG_CLUSTER ("15 main"). Writes bench/results/chaos-intake.json.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { workPermitApplication } from '../test/support/cases.ts';
import { prepareIntakeDatabase, urlOf } from './intake-database.ts';
import { startServer, writeResult } from './support.ts';

const DATABASE = 'lovit_chaos_intake';
const CLIENTS = 4;
const BEFORE_S = 5;
const AFTER_S = 15;
/** An answer slower than this counts as hung. */
const HUNG_S = 60;
const CLUSTER = (process.env.PG_CLUSTER ?? '15 main').split(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const token = await prepareIntakeDatabase(DATABASE);
const server = await startServer({ DATABASE_URL: urlOf(DATABASE), DEMO_DATA: '0', JOBS: '1' });
let exitCode: number | null = null;
server.child.once('exit', (code) => {
  exitCode = code ?? -1;
});

const acknowledged: string[] = [];
const answers: Record<string, number> = {};
let next = 0;
let stop = false;
let restartStarted = 0;
let restartEnded = 0;
let firstWrittenAfter = 0;
let slowest = 0;

async function client(): Promise<void> {
  while (!stop && exitCode === null) {
    const n = next++;
    const sent = performance.now();
    const status = await fetch(`${server.url}/api/cases`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `chaos-intake-${n}`,
      },
      body: JSON.stringify(workPermitApplication(n)),
      signal: AbortSignal.timeout(HUNG_S * 1000),
    }).then(
      async (answer) => {
        const body = (await answer.json()) as { id?: string };
        if (answer.status === 201 && body.id) acknowledged.push(body.id);
        return String(answer.status);
      },
      (error: Error) => (error.name === 'TimeoutError' ? 'hung' : 'no answer'),
    );
    slowest = Math.max(slowest, performance.now() - sent);
    answers[status] = (answers[status] ?? 0) + 1;
    if (status === '201' && restartEnded && !firstWrittenAfter && sent > restartEnded)
      firstWrittenAfter = performance.now();
    if (status !== '201') await sleep(100);
  }
}

const clients = Array.from({ length: CLIENTS }, client);
await sleep(BEFORE_S * 1000);
const beforeRestart = acknowledged.length;
restartStarted = performance.now();
await promisify(execFile)('pg_ctlcluster', [...CLUSTER, 'restart']);
restartEnded = performance.now();
await sleep(AFTER_S * 1000);
stop = true;
await Promise.all(clients);

// Read before LOVIT is stopped below, which ends the process on purpose.
const stayedUp = exitCode === null;
const ready = await fetch(`${server.url}/readyz`).then(
  (answer) => answer.status,
  () => 0,
);
const check = new pg.Client({ connectionString: urlOf(DATABASE) });
await check.connect();
const { rows } = await check.query<{ id: string; copies: number }>(
  'select id, count(*)::int as copies from case_file where id = any($1) group by id',
  [acknowledged],
);
const { rows: total } = await check.query<{ n: number }>('select count(*)::int as n from case_file');
await check.end();
await server.stop();

const result = {
  clients: CLIENTS,
  lovit_stayed_up: stayedUp,
  restart_seconds: Number(((restartEnded - restartStarted) / 1000).toFixed(2)),
  acknowledged_before_restart: beforeRestart,
  acknowledged: acknowledged.length,
  found: rows.length,
  duplicated: rows.filter((row) => row.copies > 1).length,
  cases_in_database: total[0]?.n ?? 0,
  answers,
  slowest_answer_seconds: Number((slowest / 1000).toFixed(2)),
  submissions_flow_again_seconds_after_restart_began: firstWrittenAfter
    ? Number(((firstWrittenAfter - restartStarted) / 1000).toFixed(2))
    : null,
  readyz_after: ready,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await writeResult('chaos-intake', result);
