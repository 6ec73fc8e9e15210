import type { Logger } from 'pino';
import { loadDemoData } from './cli/demo.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './kernel/clock.ts';
import { type DatabaseHandle, openDatabase } from './kernel/db.ts';
import { heartbeatJob, type JobDefinition, startJobs } from './kernel/jobs.ts';
import { migrateToLatest } from './kernel/migrate.ts';
import type { Platform } from './kernel/platform.ts';

/** Every background job of every module. */
export function jobDefinitions(database: DatabaseHandle, clock: Clock): JobDefinition[] {
  return [heartbeatJob(database, clock)];
}

export type Started = Platform & { migrationsApplied: string[]; demoLoaded: boolean };

/** Opens the database, brings its schema up to date, loads demo data if asked, starts the jobs. */
export async function openPlatform(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<Started> {
  const database = await openDatabase(config);
  try {
    const migrationsApplied = await migrateToLatest(database.db);
    const demoLoaded = config.demoData ? await loadDemoData(database.db) : false;
    const jobs = config.jobs
      ? await startJobs(database, jobDefinitions(database, clock), { work: true, logger })
      : undefined;
    return { config, database, clock, jobs, migrationsApplied, demoLoaded };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.jobs?.stop();
  await platform.database.close();
}
