/**
 * Project management for the funder: the funded projects under their programme's rulebook, their partners and
 * plan (work packages, activities, deliverables, milestones with planned and actual dates), the timeline and
 * the WP supervisor's monthly progress notes.
 */
import type { LovitApp } from '../../kernel/http.ts';
import type { LovitModule } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { registerClaimRoutes } from './claims/routes.ts';
import { verbaleFiles } from './claims/verification.ts';
import { registerProjectFinanceRoutes } from './finance/routes.ts';
import { expenseFiles } from './finance/service.ts';
import { evidenceFiles } from './indicators/evidence.ts';
import { registerIndicatorRoutes } from './indicators/routes.ts';
import { registerProcurementRoutes } from './procurement/routes.ts';
import { procurementFiles } from './procurement/service.ts';
import { registerProjectReportRoutes } from './report/routes.ts';
import { registerProjectRoutes } from './routes.ts';
import { noteFiles } from './service.ts';
import { registerProjectTimeRoutes } from './time/routes.ts';

function routes(app: LovitApp, platform: Platform): void {
  registerProjectRoutes(app, platform);
  registerProjectTimeRoutes(app, platform);
  registerProjectFinanceRoutes(app, platform);
  registerIndicatorRoutes(app, platform);
  registerClaimRoutes(app, platform);
  registerProcurementRoutes(app, platform);
  registerProjectReportRoutes(app, platform);
}

export const projectModule: LovitModule = {
  name: 'project',
  routes,
  storedFiles: async (db, sha256s) => [
    ...(await noteFiles(db, sha256s)),
    ...(await expenseFiles(db, sha256s)),
    ...(await verbaleFiles(db, sha256s)),
    ...(await procurementFiles(db, sha256s)),
    ...(await evidenceFiles(db, sha256s)),
  ],
};
