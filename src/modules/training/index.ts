/** Training (WP3): courses of the two tracks, editions with sessions, enrolment with a waitlist, attendance. */
import type { LovitModule } from '../../kernel/module.ts';
import { evaluationJob, sessionReminderJob } from './jobs.ts';
import { courseFiles } from './materials.ts';
import { registerTrainingRoutes } from './routes.ts';

export const trainingModule: LovitModule = {
  name: 'training',
  routes: registerTrainingRoutes,
  jobs: (platform) => [sessionReminderJob(platform), evaluationJob(platform)],
  storedFiles: courseFiles,
};
