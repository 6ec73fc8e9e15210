/**
 * The public site for a reader on a cheap phone, in Italian, Arabic and Ukrainian: for the home, a procedure
 * sheet, search results, the offices map and the council's page, the weight (HTML + CSS as sent and as
 * compressed), the requests a first visit makes, the server's time to answer 50 concurrent readers and
 * Lighthouse's mobile scores in its four categories. Targets: ≤ 30 KB of HTML + CSS (the map page ≤ 80 KB),
 * Lighthouse 100 everywhere. A page that does not exist yet is recorded with its status, not skipped.
 */
import { createServer } from 'node:net';
import { brotliCompressSync, constants } from 'node:zlib';
import autocannon from 'autocannon';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer, writeResult } from './support.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const KB = 1024;

const SEARCH = { it: 'permesso', ar: 'تصريح', uk: 'дозвіл' } as const;
type Lang = keyof typeof SEARCH;

/** Each page: its address in a language, the route the server's metrics name it by, and its weight budget. */
const PAGES = {
  home: { path: (lang: Lang) => `/portale/${lang}`, route: '/portale/:lang', budget: 30 * KB },
  sheet: {
    path: (lang: Lang) => `/portale/${lang}/schede/ricongiungimento-familiare`,
    route: '/portale/:lang/schede/:code',
    budget: 30 * KB,
  },
  search: {
    path: (lang: Lang) => `/portale/${lang}/cerca?q=${encodeURIComponent(SEARCH[lang])}`,
    route: '/portale/:lang/cerca',
    budget: 30 * KB,
  },
  offices_map: {
    path: (lang: Lang) => `/portale/${lang}/uffici`,
    route: '/portale/:lang/uffici',
    budget: 80 * KB,
  },
  // written in Italian only: the same page for every reader
  council: { path: () => '/consiglio-territoriale', route: '/consiglio-territoriale', budget: 30 * KB },
} as const;
type PageName = keyof typeof PAGES;
const LANGS = Object.keys(SEARCH) as Lang[];

const METRICS_TOKEN = 'portal-benchmark-reads-the-metrics-0123';

/** A free port, so that the server's public address (its canonical links) is the one the browser reads. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const port = await freePort();
const server = await startServer({
  JOBS: '0',
  DEMO_DATA: '0',
  METRICS_TOKEN,
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
});

/** What a first visit downloads: the page, its stylesheet, and any other file it names (none expected). */
async function weightOf(path: string, budget: number) {
  const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
  const html = await response.text();
  const files = [...html.matchAll(/<(?:link rel="stylesheet"|script|img)[^>]*(?:href|src)="([^"]+)"/g)]
    .map((match) => match[1] ?? '')
    .filter((href) => !href.startsWith('data:'));
  const sent = await Promise.all(
    files.map(async (file) => (await fetch(`${server.url}${file}`)).arrayBuffer().then((b) => b.byteLength)),
  );
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  const stylesheet = css ? await (await fetch(`${server.url}${css}`)).text() : '';
  const compressed = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
  const brotli = (text: string) =>
    brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).byteLength;
  const total = Buffer.byteLength(html) + Buffer.byteLength(stylesheet);
  return {
    status: response.status,
    html_bytes: Buffer.byteLength(html),
    css_bytes: Buffer.byteLength(stylesheet),
    total_bytes: total,
    within_budget: total <= budget,
    budget_bytes: budget,
    content_encoding: compressed.headers.get('content-encoding'),
    vary: compressed.headers.get('vary'),
    brotli_bytes: brotli(html) + brotli(stylesheet),
    requests: 1 + files.length,
    other_files_bytes: sent.reduce((sum, bytes) => sum + bytes, 0),
  };
}

type Bucket = { le: number; count: number };

async function buckets(route: string, status: number): Promise<Bucket[]> {
  const metrics = await (
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  return [
    ...metrics.matchAll(
      /lovit_http_request_duration_seconds_bucket\{le="([^"]+)",method="GET",route="([^"]+)",status="(\d+)"\} (\d+)/g,
    ),
  ]
    .filter((match) => match[2] === route && Number(match[3]) === status)
    .map((match) => ({
      le: match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]),
      count: Number(match[4]),
    }));
}

/** The server's own durations of the answers given between two readings of its histogram. */
function serverTime(before: Bucket[], after: Bucket[]) {
  const counts = after.map((bucket) => ({
    le: bucket.le,
    count: bucket.count - (before.find((b) => b.le === bucket.le)?.count ?? 0),
  }));
  const total = counts.find((bucket) => !Number.isFinite(bucket.le))?.count ?? counts.at(-1)?.count ?? 0;
  const percentile = (share: number) => counts.find((bucket) => bucket.count >= share * total)?.le;
  const ms = (seconds: number | undefined) => (seconds === undefined ? null : seconds * 1000);
  return { answers: total, p50_at_most_ms: ms(percentile(0.5)), p95_at_most_ms: ms(percentile(0.95)) };
}

/** 50 readers asking for the page at once for a while, as browsers do (compressed answers). */
async function underLoad(path: string, route: string, status: number) {
  const before = await buckets(route, status);
  const load = await autocannon({
    url: `${server.url}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'accept-encoding': 'br, gzip' },
  });
  const after = await buckets(route, status);
  return {
    requests_per_s: Math.round(load.requests.average),
    client_latency_ms: { p50: load.latency.p50, p97_5: load.latency.p97_5, p99: load.latency.p99 },
    errors: load.errors,
    other_statuses: load.non2xx,
    server_time: serverTime(before, after),
  };
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function scoresOf(port: number, path: string) {
  const audit = () =>
    lighthouse(`${server.url}${path}`, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
  let result = await audit();
  // A trace that Chromium failed to record (NO_NAVSTART, NO_FCP) is retried, not scored as zero.
  for (let retry = 0; result?.lhr.runtimeError && retry < 2; retry++) result = await audit();
  // a page that is not there yet (404) is not scored: its error is recorded
  if (result?.lhr.runtimeError) return { not_scored: result.lhr.runtimeError.code };
  const categories = result?.lhr.categories;
  const failed = Object.values(result?.lhr.audits ?? {})
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
    .map((audit) => audit.id);
  return {
    ...Object.fromEntries(
      CATEGORIES.map((key) => [key.replace('-', '_'), Math.round((categories?.[key]?.score ?? 0) * 100)]),
    ),
    failed_audits: failed,
  };
}

type PageResult = Record<string, unknown>;

try {
  const results: Record<string, Record<string, PageResult>> = {};
  for (const lang of LANGS) {
    results[lang] = {};
    for (const [name, page] of Object.entries(PAGES) as [PageName, (typeof PAGES)[PageName]][]) {
      if (name === 'council' && lang !== 'it') continue;
      const path = page.path(lang);
      const weight = await weightOf(path, page.budget);
      const route = weight.status === 404 ? '/portale/*' : page.route;
      const load = await underLoad(path, route, weight.status);
      (results[lang] as Record<string, PageResult>)[name] = { path, weight, load_50_readers: load };
      process.stdout.write(
        `${lang} ${name}: ${weight.status}, ${weight.total_bytes} B (${weight.brotli_bytes} B br), ` +
          `${weight.requests} requests; ${load.requests_per_s} req/s, server p95 ≤ ${load.server_time.p95_at_most_ms} ms\n`,
      );
    }
  }
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const [lang, pages] of Object.entries(results))
      for (const [name, result] of Object.entries(pages)) {
        result.lighthouse_mobile = await scoresOf(chrome.port, result.path as string);
        process.stdout.write(`lighthouse ${lang} ${name}: ${JSON.stringify(result.lighthouse_mobile)}\n`);
      }
  } finally {
    chrome.kill();
  }
  const file = await writeResult('portal', {
    target: 'public site pages in it/ar/uk (PGlite, one process); the council page exists in Italian only',
    connections: CONNECTIONS,
    duration_s_per_page: DURATION_S,
    pages: results,
  });
  process.stdout.write(`portal → ${file}\n`);
} finally {
  await server.stop();
}
