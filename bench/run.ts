import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** Runs every benchmark under bench/ (files named *.bench.ts), one after the other. */
const benchmarks = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const name of benchmarks) {
  process.stdout.write(`== ${name}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}`], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
