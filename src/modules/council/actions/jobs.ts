/** The council's background job: the daily reminders of action items coming due. */
import type { JobDefinition } from '../../../kernel/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { remindActions } from './service.ts';

export function actionReminderJob(platform: Platform): JobDefinition {
  return {
    queue: 'council.action-reminders',
    // Every morning at 7, before the offices open.
    cron: '0 7 * * *',
    async handle() {
      await remindActions(platform);
    },
  };
}
