import { pino } from 'pino';
import { errorForLog, type JobDefinition } from '../../../kernel/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { DISPOSAL_TIME, disposalCron } from './rules.ts';
import { DISPOSAL_QUEUE, disposeDueRecords } from './service.ts';

/**
 * The daily disposal of records past their retention, and the runs an administrator asks for. One run at a
 * time in the whole installation: two runs at once would count and dispose of the same batches side by side;
 * "Esegui ora" during the nightly run waits for it, and asked again while it waits is the same run.
 */
export function disposalJob(platform: Platform): JobDefinition {
  const logger = pino({ level: platform.config.logLevel });
  return {
    queue: DISPOSAL_QUEUE,
    cron: disposalCron(DISPOSAL_TIME),
    policy: 'stately',
    async handle(data) {
      const trigger = (data as { trigger?: unknown } | null)?.trigger === 'ADMIN' ? 'ADMIN' : 'SCHEDULE';
      await disposeDueRecords(platform, trigger, {
        onFailure: (category, error) =>
          logger.error({ err: errorForLog(error), category }, 'retention disposal failed for a category'),
      });
    },
  };
}
