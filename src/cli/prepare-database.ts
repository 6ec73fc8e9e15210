/**
 * Run by `npm install` (the `prepare` script): makes the embedded database's template for the current migrations
 * (see `kernel/db-template.ts`), so that the first `npm start` skips creating and migrating a database, and
 * today's demo folder (see `demo-folder.ts`), so that a fresh start today skips loading the demo data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { closePlatform, openPlatform } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { embeddedTemplate, TEMPLATE_CACHE } from '../kernel/db-template.ts';

await embeddedTemplate();
// Settings that do not load now are reported by `npm start`; the install only skips the demo folder.
const config = (() => {
  try {
    return loadConfig(process.env);
  } catch {
    return undefined;
  }
})();
if (config?.demoData && !config.databaseUrl) {
  // A data folder of its own, thrown away: the demo folder is what its first start keeps.
  const dataDir = await mkdtemp(path.join(TEMPLATE_CACHE, 'prepare-'));
  try {
    await closePlatform(await openPlatform({ ...config, dataDir, jobs: false }, pino({ level: 'warn' })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
