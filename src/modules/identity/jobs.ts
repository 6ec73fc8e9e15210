/** The identity module's housekeeping. */
import type { JobDefinition } from '../../kernel/jobs.ts';
import type { Platform } from '../../kernel/platform.ts';
import { sweepFailedAttempts } from './service.ts';

export function failedAttemptsSweepJob(platform: Platform): JobDefinition {
  return {
    queue: 'identity.failed-attempts.sweep',
    cron: '17 3 * * *',
    async handle() {
      await sweepFailedAttempts(platform);
    },
  };
}
