/**
 * Click-day intake on PostgreSQL: concurrent systems submit distinct work-permit applications (~1.4 KB each)
 * for BENCH_DURATION_S seconds. Reports accepted submissions per second and latency, checks that the
 * database holds exactly one case per 201 answer, and compares the rate with pgbench TPC-B on the same server.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openServerDatabase } from '../src/kernel/db.ts';
import { workPermitApplication } from '../test/support/cases.ts';
import { prepareIntakeDatabase, recreate, urlOf } from './intake-database.ts';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
// With 64 clients the server sat a quarter idle, waiting for the next requests (each client waits for its
// answer); 128 keep it busy with p99 under 100 ms. A click day brings far more clients than either.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 128);
const WARM_UP_S = 3;
const DATABASE = 'lovit_bench_intake';
const PGBENCH_DATABASE = 'lovit_bench_pgbench';

/** TPC-B like pgbench, scale 10, 8 clients: what this server does with a classic small-transaction load. */
function pgbenchTps(): number {
  const url = new URL(urlOf(PGBENCH_DATABASE));
  const args = [
    '-h',
    url.searchParams.get('host') ?? url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    url.username || 'postgres',
  ];
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

const token = await prepareIntakeDatabase(DATABASE);

// The clients' bodies, written before the clock starts: wrk only reads them (bench/intake.lua).
const WRK_THREADS = 2;
const work = await mkdtemp(path.join(tmpdir(), 'lovit-intake-'));
const bodiesPerThread = DURATION_S * 3_000;
for (let thread = 0; thread < WRK_THREADS; thread++) {
  const lines: string[] = [];
  for (let i = 0; i < bodiesPerThread; i++)
    lines.push(JSON.stringify(workPermitApplication(thread * bodiesPerThread + i)));
  await writeFile(path.join(work, `bodies.${thread}`), `${lines.join('\n')}\n`);
}
const idsFile = path.join(work, 'ids');
const figuresFile = path.join(work, 'figures.json');

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

/**
 * wrk (C, a Lua script per request) rather than a Node client: on two cores the load generator's own CPU is
 * taken from the server it measures. The shell's `times` prints the CPU that wrk used.
 */
type Figures = {
  requests: number;
  acks_201: number;
  non_2xx: number;
  socket_errors: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
};

/** Runs wrk with the clients' script; answers its figures, the ids of the 201 answers and its CPU seconds. */
async function runClients(seconds: number, keys: string, firstLine: number) {
  const printed = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      'sh',
      [
        '-c',
        'wrk "$@" >/dev/null && times',
        'wrk',
        `-t${WRK_THREADS}`,
        `-c${CONNECTIONS}`,
        `-d${seconds}s`,
        '--timeout',
        '10s',
        '-s',
        path.resolve('bench/intake.lua'),
        server.url,
        '--',
        path.join(work, 'bodies'),
        token,
        keys,
        String(firstLine),
      ],
      {
        env: { ...process.env, INTAKE_IDS_FILE: idsFile, INTAKE_FIGURES_FILE: figuresFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}`))));
  });
  // `times`: the shell's own user and system time, then its children's
  const children = printed.trim().split('\n').at(-1) ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, m, sec]) => sum + Number(m) * 60 + Number(sec),
    0,
  );
  return {
    figures: JSON.parse(await readFile(figuresFile, 'utf8')) as Figures,
    ids: (await readFile(idsFile, 'utf8')).split('\n').filter(Boolean),
    cpu,
  };
}

/** The case ids of the 201 answers, warm-up included: each must be in the database, once. */
const acknowledged: string[] = [];
let measured: Awaited<ReturnType<typeof runClients>>;
let cpuBefore: { lovit: number; postgres: number };
let cpuAfter: { lovit: number; postgres: number };
try {
  // A short warm-up first (JIT, connections, the writer's thread), on other applications than the measured run.
  const warmUp = await runClients(WARM_UP_S, 'warm-up', Math.floor(bodiesPerThread / 2));
  acknowledged.push(...warmUp.ids);
  cpuBefore = { lovit: cpuSeconds(server.child.pid ?? 0), postgres: postgresCpu() };
  measured = await runClients(DURATION_S, 'bench', 0);
  acknowledged.push(...measured.ids);
} finally {
  cpuAfter = { lovit: cpuSeconds(server.child.pid ?? 0), postgres: postgresCpu() };
  await server.stop();
}
const { figures } = measured;
const loadGeneratorCpu = measured.cpu;
await rm(work, { recursive: true, force: true });

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
const acceptedPerS = Math.round(figures.acks_201 / DURATION_S);
const file = await writeResult('intake', {
  target: 'POST /api/cases on PostgreSQL (one LOVIT process)',
  payload_bytes: JSON.stringify(workPermitApplication(1)).length,
  connections: CONNECTIONS,
  duration_s: DURATION_S,
  accepted_per_s: acceptedPerS,
  load_generator: 'wrk',
  p50_ms: Math.round(figures.p50_us / 100) / 10,
  p90_ms: Math.round(figures.p90_us / 100) / 10,
  p99_ms: Math.round(figures.p99_us / 100) / 10,
  max_ms: Math.round(figures.max_us / 100) / 10,
  errors: figures.non_2xx + figures.socket_errors,
  warm_up_s: WARM_UP_S,
  acks_201: figures.acks_201,
  acks_201_with_warm_up: acks201,
  cases_in_db: casesInDb,
  acks_201_found_in_db: acknowledgedInDb.size,
  // submissions committed while the client was stopping: written, their answers never read
  committed_after_client_stop: casesInDb - acks201,
  protocol_numbers_gap_free: maxSequence === casesInDb,
  // where the machine's two cores went, in CPU milliseconds per accepted submission
  cpu_ms_per_case: {
    lovit:
      Math.round(((cpuAfter.lovit - cpuBefore.lovit) * 1000 * 100) / Math.max(1, figures.acks_201)) / 100,
    postgres:
      Math.round(((cpuAfter.postgres - cpuBefore.postgres) * 1000 * 100) / Math.max(1, figures.acks_201)) /
      100,
    load_generator: Math.round(((loadGeneratorCpu * 1000) / Math.max(1, figures.acks_201)) * 100) / 100,
  },
  pgbench_tps: Math.round(tps),
  ratio: Math.round((acceptedPerS / tps) * 100) / 100,
});
process.stdout.write(
  `intake: ${acceptedPerS}/s accepted, p50 ${figures.p50_us / 1000} ms, p99 ${figures.p99_us / 1000} ms, errors ${figures.non_2xx + figures.socket_errors}, ` +
    `201 ${acks201} / cases ${casesInDb}, pgbench ${Math.round(tps)} tps → ${file}\n`,
);
const consistent =
  acknowledgedInDb.size === acks201 &&
  new Set(acknowledged).size === acks201 &&
  // each of the two runs may leave up to one submission per connection written but unanswered
  casesInDb - acks201 <= 2 * CONNECTIONS;
if (!consistent || maxSequence !== casesInDb) process.exitCode = 1;
