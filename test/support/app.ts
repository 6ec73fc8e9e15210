import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { jobDefinitions } from '../../src/boot.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Clock, SettableClock } from '../../src/kernel/clock.ts';
import type { LovitApp } from '../../src/kernel/http.ts';
import { startJobs } from '../../src/kernel/jobs.ts';
import { createMailer } from '../../src/kernel/mail.ts';
import type { Platform } from '../../src/kernel/platform.ts';
import { casesModule } from '../../src/modules/cases/index.ts';
import type { TestDatabase } from './database.ts';

export const TEST_NOW = '2026-03-02T09:00:00+01:00';

export type TestApp = { app: LovitApp; platform: Platform; clock: SettableClock };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/lovit-test-data',
    DEMO_DATA: '0',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...overrides,
  });
}

/**
 * Builds the real app on a test database, with a settable clock; jobs run only when asked. The case types
 * are loaded as `lovit` loads them at start; the portal's shipped content only by the tests that need it.
 */
export async function startTestApp(
  database: TestDatabase,
  options: { jobs?: boolean; clock?: Clock; config?: Record<string, string> } = {},
): Promise<TestApp> {
  const clock = options.clock instanceof SettableClock ? options.clock : new SettableClock(TEST_NOW);
  const config = testConfig(options.config);
  await casesModule.start?.({ database, clock });
  const mailer = createMailer(config.smtpUrl, pino({ level: 'silent' }));
  const jobs = options.jobs
    ? await startJobs(database, jobDefinitions({ config, database, clock, mailer }), {
        work: true,
        logger: pino({ level: 'silent' }),
        pollingIntervalSeconds: 0.5,
      })
    : undefined;
  const platform: Platform = { config, database, clock, jobs, mailer };
  const app = await buildApp(platform, { logger: false });
  return { app, platform, clock };
}

export async function stopTestApp({ app, platform }: TestApp): Promise<void> {
  await app.close();
  platform.mailer.close();
  await platform.jobs?.stop();
}
