/** The training module's background job: the reminders of the next day's sessions. */
import type { JobDefinition } from '../../kernel/jobs.ts';
import type { Platform } from '../../kernel/platform.ts';
import { remindSessions } from './enrolments.ts';
import { runEvaluations } from './evaluations.ts';

export function sessionReminderJob(platform: Platform): JobDefinition {
  return {
    queue: 'training.session-reminders',
    // Every day at 9, so that the participants have the day to arrange the next one.
    cron: '0 9 * * *',
    async handle() {
      await remindSessions(platform);
    },
  };
}

export function evaluationJob(platform: Platform): JobDefinition {
  return {
    queue: 'training.evaluations',
    // Every hour: the evaluation reaches the participants soon after the last session, while it is fresh.
    cron: '20 * * * *',
    async handle() {
      const run = await runEvaluations(platform);
      // The others went on; the job is marked failed, with the reasons in its log, and the next hour tries again.
      if (run.failed > 0) throw new AggregateError(run.errors, `Valutazioni non gestite: ${run.failed}`);
    },
  };
}
