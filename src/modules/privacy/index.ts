/**
 * Data protection: how long each kind of record is kept and the job that disposes of what is due, every
 * record of a person found and exported for an access request, the register of processing activities and the
 * privacy notices of the portal's forms. What each module keeps comes from its own provider
 * (`kernel/personal-data.ts`); this module reads no other module's tables.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { registerNoticePages } from './notices/routes.tsx';
import { registerProcessingRoutes } from './processing/routes.ts';
import { disposalJob } from './retention/jobs.ts';
import { registerRetentionRoutes } from './retention/routes.ts';
import { retentionGauges, seedSchedules } from './retention/service.ts';
import { registerSubjectRoutes } from './subjects/routes.ts';

export const privacyModule: LovitModule = {
  name: 'privacy',
  routes: async (app, platform) => {
    registerRetentionRoutes(app, platform);
    registerSubjectRoutes(app, platform);
    registerProcessingRoutes(app, platform);
    await registerNoticePages(app, platform);
  },
  jobs: (platform) => [disposalJob(platform)],
  gauges: retentionGauges,
  start: ({ database, clock }) => seedSchedules(database.db, clock),
};
