import autocannon from 'autocannon';
import { ARGON2_OPTIONS } from '../src/modules/identity/passwords.ts';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = 8;

/** Sign-ins per second with e-mail and password: bounded by argon2id, on purpose. */
const server = await startServer({ JOBS: '0', DEMO_DATA: '1', LOGIN_RATE_PER_MINUTE: '100000000' });
try {
  const result = await autocannon({
    url: `${server.url}/api/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operatore.sui@lovit.example', password: 'lovit-demo-2026' }),
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  const file = await writeResult('login', {
    target: 'POST /api/auth/login (embedded database)',
    argon2: {
      algorithm: 'argon2id',
      memory_kib: ARGON2_OPTIONS.memoryCost,
      passes: ARGON2_OPTIONS.timeCost,
      lanes: ARGON2_OPTIONS.parallelism,
    },
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    logins_per_s: Math.round(result.requests.average * 10) / 10,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
  });
  process.stdout.write(
    `login: ${result.requests.average.toFixed(1)} logins/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `non-2xx ${result.non2xx} → ${file}\n`,
  );
} finally {
  await server.stop();
}
