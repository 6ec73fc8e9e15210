/**
 * Click-day intake on one PostgreSQL database through one LOVIT process, then through two, in the same run:
 * after a warm-up of both, CLIENTS concurrent systems submit distinct applications for BENCH_DURATION_S seconds
 * in each phase (to the one process, then alternately to both). Reports accepted submissions per second and
 * latency per phase, and checks that the database holds one case per 201 answer, numbered without gaps.
 */
import { openServerDatabase } from '../src/kernel/db.ts';
import { workPermitApplication } from '../test/support/cases.ts';
import { prepareIntakeDatabase, urlOf } from './intake-database.ts';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CLIENTS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WARM_UP_S = 5;
const DATABASE = 'lovit_bench_intake_processes';

const token = await prepareIntakeDatabase(DATABASE);
const env = { DATABASE_URL: urlOf(DATABASE), DEMO_DATA: '0', JOBS: '1' };
const servers = await Promise.all([startServer(env), startServer(env)]);
let next = 0;

/** Submits from CLIENTS loops for the duration, each to the next of `targets`; answers the phase's figures. */
async function phase(targets: string[], seconds = DURATION_S) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const ends = performance.now() + seconds * 1000;
  const client = async (index: number) => {
    let sent = 0;
    while (performance.now() < ends) {
      const n = next++;
      const started = performance.now();
      const answer = await fetch(`${targets[(index + sent++) % targets.length]}/api/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `processes-${n}`,
        },
        body: JSON.stringify(workPermitApplication(n)),
      });
      await answer.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Math.round(latencies[Math.floor(share * (latencies.length - 1))] ?? 0);
  return {
    processes: targets.length,
    accepted_per_second: Math.round((statuses.get(201) ?? 0) / seconds),
    latency_ms: { p50: at(0.5), p99: at(0.99) },
    statuses: Object.fromEntries(statuses),
  };
}

try {
  // Both processes warmed up first (compiled code, database connections, the writers' threads), uncounted.
  const warmUp = await phase(
    servers.map((server) => server.url),
    WARM_UP_S,
  );
  const one = await phase([servers[0]?.url as string]);
  const two = await phase(servers.map((server) => server.url));
  const database = await openServerDatabase(urlOf(DATABASE));
  try {
    const cases = await database.db
      .selectFrom('caseFile')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('number').as('last')])
      .executeTakeFirstOrThrow();
    const accepted = [warmUp, one, two].reduce((sum, figures) => sum + (figures.statuses[201] ?? 0), 0);
    const check = {
      cases_stored: Number(cases.count),
      accepted_answers: accepted,
      last_number: cases.last,
      one_case_per_201_and_no_gaps:
        Number(cases.count) === accepted && Number(String(cases.last).split('-').at(-1)) === accepted,
    };
    const file = await writeResult('intake-processes', {
      duration_s: DURATION_S,
      clients: CLIENTS,
      one_process: one,
      two_processes: two,
      check,
    });
    process.stdout.write(`${JSON.stringify({ one, two, check })}\nwritten to ${file}\n`);
    if (!check.one_case_per_201_and_no_gaps) process.exitCode = 1;
  } finally {
    await database.close();
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
