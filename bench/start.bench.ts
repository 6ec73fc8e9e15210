/**
 * How long a new user waits: from starting LOVIT (as `npm start` does) on a fresh data folder to `/readyz`
 * answering 200, with the demo data (median of 5), and a restart on the same folder (median of 5). Once more
 * without a database template in the cache, as the first start after a change of migrations does.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { embeddedTemplate, TEMPLATE_CACHE, templateKey } from '../src/kernel/db-template.ts';
import { type RunningServer, startServer, writeResult } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (values: number[]) => {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function timed(env: Record<string, string> = {}): Promise<{ ms: number; dataDir: string }> {
  const server: RunningServer = await startServer(env);
  const dataDir = server.dataDir;
  await server.stop();
  return { ms: server.readyAfterMs, dataDir };
}

// As `npm install` leaves it: the template of the current migrations in the cache.
await embeddedTemplate();
const template = path.join(TEMPLATE_CACHE, `pglite-template-${await templateKey()}.tar`);
const templateBytes = (await stat(template)).size;

const fresh: number[] = [];
const folders: string[] = [];
for (let run = 0; run < RUNS; run++) {
  const { ms, dataDir } = await timed();
  fresh.push(ms);
  folders.push(dataDir);
}
const restart: number[] = [];
for (let run = 0; run < RUNS; run++) restart.push((await timed({ DATA_DIR: folders[0] as string })).ms);

await rm(template);
const withoutTemplate = await timed();
folders.push(withoutTemplate.dataDir);

for (const folder of folders) await rm(folder, { recursive: true, force: true });

const file = await writeResult('start', {
  target: 'start to /readyz 200, demo data on the embedded database',
  runs: RUNS,
  fresh_start_ms: { median: median(fresh), runs: fresh },
  restart_ms: { median: median(restart), runs: restart },
  fresh_start_without_template_ms: withoutTemplate.ms,
  template_bytes: templateBytes,
});
process.stdout.write(
  `start: fresh ${median(fresh)} ms (median of ${RUNS}), restart ${median(restart)} ms, ` +
    `fresh without template ${withoutTemplate.ms} ms → ${file}\n`,
);
