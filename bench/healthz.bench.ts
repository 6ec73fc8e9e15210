import autocannon from 'autocannon';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = 50;

const server = await startServer({ JOBS: '0', DEMO_DATA: '0' });
try {
  const result = await autocannon({
    url: `${server.url}/healthz`,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  const file = await writeResult('healthz', {
    target: 'GET /healthz',
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    requests_per_s: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors,
    non_2xx: result.non2xx,
    cold_start_to_ready_ms: server.readyAfterMs,
  });
  process.stdout.write(
    `healthz: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `errors ${result.errors} (cold start to ready on a fresh PGlite: ${server.readyAfterMs} ms) → ${file}\n`,
  );
} finally {
  await server.stop();
}
