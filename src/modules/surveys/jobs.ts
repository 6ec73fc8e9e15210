/** The background job of questionnaires: the daily reminders to the invited who have not answered. */
import type { JobDefinition } from '../../kernel/jobs.ts';
import type { Platform } from '../../kernel/platform.ts';
import { remindInvitees } from './service.ts';

export function surveyReminderJob(platform: Platform): JobDefinition {
  return {
    queue: 'surveys.reminders',
    // Every morning at 8, when the offices open.
    cron: '0 8 * * *',
    async handle() {
      await remindInvitees(platform);
    },
  };
}
