/**
 * Click-day intake on PostgreSQL: concurrent systems submit distinct work-permit applications (~1.4 KB each)
 * for BENCH_DURATION_S seconds. Reports accepted submissions per second and latency, checks that the
 * database holds exactly one case per 201 answer, and compares the rate with pgbench TPC-B on the same server.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadDemoData } from '../src/cli/demo.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { createApiClient } from '../src/modules/identity/service.ts';
import { workPermitApplication } from '../test/support/cases.ts';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'lovit_bench_intake';
const PGBENCH_DATABASE = 'lovit_bench_pgbench';

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function recreate(database: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}

/** TPC-B like pgbench, scale 10, 8 clients: what this server does with a classic small-transaction load. */
function pgbenchTps(): number {
  const url = new URL(urlOf(PGBENCH_DATABASE));
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  execFileSync('pgbench', [...args, '-i', '-q', '-s', '10', PGBENCH_DATABASE], { stdio: 'ignore' });
  const out = execFileSync(
    'pgbench',
    [...args, '-c', '8', '-j', '2', '-T', String(DURATION_S), PGBENCH_DATABASE],
    {
      encoding: 'utf8',
    },
  );
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
  return Number(match[1]);
}

await recreate(DATABASE);
const database = await openServerDatabase(urlOf(DATABASE));
let token: string;
try {
  await migrateToLatest(database.db);
  await loadDemoData({ database, clock: systemClock });
  ({ token } = await createApiClient({ database, clock: systemClock }, SYSTEM_CALLER, {
    organisationCode: 'PREF-LO',
    name: 'Portale ALI (benchmark)',
  }));
  const prefecture = await database.db
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', 'PREF-LO')
    .executeTakeFirstOrThrow();
  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Europe/Rome', year: 'numeric' }));
  await database.db
    .insertInto('quota')
    .values({
      organisationId: prefecture.id,
      year,
      sector: 'NON_SEASONAL',
      total: 400_000,
      legalBasis: 'benchmark',
    })
    .onConflict((oc) => oc.columns(['organisationId', 'year', 'sector']).doUpdateSet({ total: 400_000 }))
    .execute();
} finally {
  await database.close();
}

const server = await startServer({ DATABASE_URL: urlOf(DATABASE), DEMO_DATA: '0', JOBS: '1' });
/** CPU seconds used so far by a process (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const postgresCpu = () =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .reduce((sum, pid) => sum + cpuSeconds(Number(pid)), 0);
const cpuBefore = {
  lovit: cpuSeconds(server.child.pid ?? 0),
  postgres: postgresCpu(),
  client: process.cpuUsage(),
};

let sent = 0;
/** The case ids of the 201 answers: each must be in the database, once. */
const acknowledged: string[] = [];
let result: autocannon.Result;
let cpuAfter: { lovit: number; postgres: number; client: NodeJS.CpuUsage } | undefined;
try {
  result = await autocannon({
    url: `${server.url}/api/cases`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${process.pid}-${sent}` },
            body: JSON.stringify(workPermitApplication(sent)),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) acknowledged.push((JSON.parse(body) as { id: string }).id);
        },
      },
    ],
  });
} finally {
  cpuAfter = {
    lovit: cpuSeconds(server.child.pid ?? 0),
    postgres: postgresCpu(),
    client: process.cpuUsage(cpuBefore.client),
  };
  await server.stop();
}

const check = await openServerDatabase(urlOf(DATABASE));
const casesInDb = Number(
  (
    await check.db
      .selectFrom('caseFile')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const maxSequence = Number(
  (
    await check.db
      .selectFrom('caseFile')
      .select((eb) => eb.fn.max<number>('sequence').as('n'))
      .executeTakeFirstOrThrow()
  ).n ?? 0,
);
const acknowledgedInDb = new Set<string>();
for (let i = 0; i < acknowledged.length; i += 10_000) {
  const rows = await check.db
    .selectFrom('caseFile')
    .select('id')
    .where('id', 'in', acknowledged.slice(i, i + 10_000))
    .execute();
  for (const row of rows) acknowledgedInDb.add(row.id);
}
await check.close();

await recreate(PGBENCH_DATABASE);
const tps = pgbenchTps();

const acks201 = acknowledged.length;
const acceptedPerS = Math.round(acks201 / DURATION_S);
const file = await writeResult('intake', {
  target: 'POST /api/cases on PostgreSQL (one LOVIT process)',
  payload_bytes: JSON.stringify(workPermitApplication(1)).length,
  connections: CONNECTIONS,
  duration_s: DURATION_S,
  accepted_per_s: acceptedPerS,
  p50_ms: result.latency.p50,
  p99_ms: result.latency.p99,
  errors: result.errors + result.non2xx,
  acks_201: acks201,
  cases_in_db: casesInDb,
  acks_201_found_in_db: acknowledgedInDb.size,
  // submissions committed while the client was stopping: written, their answers never read
  committed_after_client_stop: casesInDb - acks201,
  protocol_numbers_gap_free: maxSequence === casesInDb,
  // where the machine's two cores went, in CPU milliseconds per accepted submission
  cpu_ms_per_case: cpuAfter && {
    lovit: Math.round(((cpuAfter.lovit - cpuBefore.lovit) * 1000 * 100) / Math.max(1, casesInDb)) / 100,
    postgres:
      Math.round(((cpuAfter.postgres - cpuBefore.postgres) * 1000 * 100) / Math.max(1, casesInDb)) / 100,
    load_generator:
      Math.round(((cpuAfter.client.user + cpuAfter.client.system) / 1000 / Math.max(1, casesInDb)) * 100) /
      100,
  },
  pgbench_tps: Math.round(tps),
  ratio: Math.round((acceptedPerS / tps) * 100) / 100,
});
process.stdout.write(
  `intake: ${acceptedPerS}/s accepted, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.non2xx}, ` +
    `201 ${acks201} / cases ${casesInDb}, pgbench ${Math.round(tps)} tps → ${file}\n`,
);
const consistent =
  acknowledgedInDb.size === acks201 &&
  new Set(acknowledged).size === acks201 &&
  casesInDb - acks201 <= CONNECTIONS;
if (!consistent || maxSequence !== casesInDb) process.exitCode = 1;
