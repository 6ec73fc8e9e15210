/** Opinions between the SUI, the Questura and the labour inspectorate, within one node and between nodes. */
import type { LovitModule } from '../../kernel/module.ts';
import { attachedFiles } from './answers.ts';
import { inboxHousekeepingJob, opinionClockJob } from './jobs.ts';
import { registerExchangeRoutes } from './routes.ts';

export const exchangeModule: LovitModule = {
  name: 'exchange',
  routes: registerExchangeRoutes,
  jobs: (platform) => [opinionClockJob(platform), inboxHousekeepingJob(platform)],
  storedFiles: attachedFiles,
};
