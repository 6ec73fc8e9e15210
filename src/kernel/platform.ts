import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { DatabaseHandle } from './db.ts';
import type { Jobs } from './jobs.ts';
import type { Mailer } from './mail.ts';

/** What every module receives: configuration, database, clock, job queue and mailer. */
export type Platform = {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  jobs?: Jobs;
  mailer: Mailer;
};
