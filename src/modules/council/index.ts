/** The territorial council: tables, meetings, minutes, actions, initiatives, and the needs and resources map. */
import type { LovitModule } from '../../kernel/module.ts';
import { provinceMap } from '../../kernel/territory/map.ts';
import { actionReminderJob } from './actions/jobs.ts';
import { meetingFiles } from './documents/service.ts';
import { registerCouncilRoutes } from './routes.ts';

export { territorySection } from './needs/territory.tsx';

export const councilModule: LovitModule = {
  name: 'council',
  routes: registerCouncilRoutes,
  jobs: (platform) => [actionReminderJob(platform)],
  storedFiles: meetingFiles,
  // the needs map, drawn before the first member asks for it
  start: async () => provinceMap('full'),
};
