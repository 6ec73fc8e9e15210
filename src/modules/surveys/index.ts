/** Questionnaires shared by the council, training and events: building, invitations, answers (anonymous too), results. */
import type { LovitModule } from '../../kernel/module.ts';
import { surveyReminderJob } from './jobs.ts';
import { registerSurveyRoutes } from './routes.ts';

export const surveysModule: LovitModule = {
  name: 'surveys',
  routes: registerSurveyRoutes,
  jobs: (platform) => [surveyReminderJob(platform)],
};
