/**
 * The public portal for a reader on a cheap phone: the weight of a procedure sheet (HTML + CSS, no fonts,
 * no images), the server's time to answer 50 concurrent readers, and Lighthouse's mobile scores of the home,
 * a sheet and the status page. Targets: sheet ≤ 100 KB, server p95 ≤ 20 ms, performance ≥ 95, a11y 100.
 */
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const PAGES = {
  home: '/portale/it',
  sheet: '/portale/ar/schede/ricongiungimento-familiare',
  status: '/portale/uk/stato',
};

const METRICS_TOKEN = 'portal-benchmark-reads-the-metrics-0123';
const server = await startServer({ JOBS: '0', DEMO_DATA: '0', METRICS_TOKEN });

async function weightOf(path: string) {
  const html = await (await fetch(`${server.url}${path}`)).text();
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  const stylesheet = css ? await (await fetch(`${server.url}${css}`)).text() : '';
  const bytes = Buffer.byteLength(html) + Buffer.byteLength(stylesheet);
  const gzipped = gzipSync(html).byteLength + gzipSync(stylesheet).byteLength;
  return {
    html_bytes: Buffer.byteLength(html),
    css_bytes: Buffer.byteLength(stylesheet),
    total_bytes: bytes,
    gzip_bytes: gzipped,
  };
}

/** The share of answers of a route within each bucket of the server's own duration histogram. */
async function serverTimes(route: string) {
  const metrics = await (
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const buckets = [
    ...metrics.matchAll(
      /lovit_http_request_duration_seconds_bucket\{le="([^"]+)",method="GET",route="([^"]+)",status="200"\} (\d+)/g,
    ),
  ]
    .filter((match) => match[2] === route)
    .map((match) => ({ le: Number(match[1]), count: Number(match[3]) }));
  const total = buckets.find((bucket) => !Number.isFinite(bucket.le))?.count ?? buckets.at(-1)?.count ?? 0;
  const p95 = buckets.find((bucket) => bucket.count >= 0.95 * total);
  return {
    requests: total,
    share_within_ms: Object.fromEntries(
      buckets
        .filter((b) => Number.isFinite(b.le) && b.le <= 0.05)
        .map((b) => [b.le * 1000, Math.round((b.count / total) * 1000) / 1000]),
    ),
    p95_at_most_ms: p95 ? p95.le * 1000 : null,
  };
}

const audit = (port: number, path: string) =>
  lighthouse(`${server.url}${path}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });

async function lighthouseScores() {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const scores: Record<string, { performance: number; accessibility: number; best_practices: number }> = {};
    for (const [name, path] of Object.entries(PAGES)) {
      let result = await audit(chrome.port, path);
      // A trace that Chromium failed to record (NO_NAVSTART, NO_FCP) is retried, not scored as zero.
      for (let retry = 0; result?.lhr.runtimeError && retry < 2; retry++) {
        process.stdout.write(`lighthouse ${name}: ${result.lhr.runtimeError.message}, again\n`);
        result = await audit(chrome.port, path);
      }
      const categories = result?.lhr.categories;
      const score = (key: string) => Math.round((categories?.[key]?.score ?? 0) * 100);
      scores[name] = {
        performance: score('performance'),
        accessibility: score('accessibility'),
        best_practices: score('best-practices'),
      };
      process.stdout.write(`lighthouse ${name}: ${JSON.stringify(scores[name])}\n`);
    }
    return scores;
  } finally {
    chrome.kill();
  }
}

try {
  const weights = Object.fromEntries(
    await Promise.all(
      Object.entries(PAGES).map(async ([name, path]) => [name, await weightOf(path)] as const),
    ),
  );
  process.stdout.write(`weights: ${JSON.stringify(weights)}\n`);
  const load = await autocannon({
    url: `${server.url}${PAGES.sheet}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  const server_time = await serverTimes('/portale/:lang/schede/:code');
  process.stdout.write(
    `sheet at ${CONNECTIONS} readers: ${Math.round(load.requests.average)} req/s, client p50 ${load.latency.p50} ms, ` +
      `p97.5 ${load.latency.p97_5} ms; server time p95 ≤ ${server_time.p95_at_most_ms} ms\n`,
  );
  const scores = await lighthouseScores();
  const file = await writeResult('portal', {
    target: 'public portal pages (PGlite, one process)',
    pages: PAGES,
    page_weight: weights,
    sheet_load: {
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      requests_per_s: Math.round(load.requests.average),
      client_latency_ms: {
        p50: load.latency.p50,
        p90: load.latency.p90,
        p97_5: load.latency.p97_5,
        p99: load.latency.p99,
      },
      errors: load.errors,
      non_2xx: load.non2xx,
      server_time,
    },
    lighthouse_mobile: scores,
  });
  process.stdout.write(`portal → ${file}\n`);
} finally {
  await server.stop();
}
