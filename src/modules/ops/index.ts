/**
 * Operations: the backups LOVIT takes of itself (the daily job, "Esegui ora", their status and figures) and
 * the archive format that `lovit backup` and `lovit restore` share.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { backupJob } from './jobs.ts';
import { registerOpsRoutes } from './routes.ts';
import { backupGauges } from './runs.ts';

export const opsModule: LovitModule = {
  name: 'ops',
  routes: registerOpsRoutes,
  jobs: (platform) => [backupJob(platform)],
  gauges: backupGauges,
};
