/**
 * The SUI's case files: intake, the legal clock, documents, appointments, the team, outcomes, the public
 * pages of a case, and the process figures.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { registerAppointmentRoutes } from './appointments/routes.ts';
import { registerCaseDocumentRoutes } from './documents/routes.ts';
import { documentFiles } from './documents/service.ts';
import { registerFigureRoutes } from './figures/routes.ts';
import { registerImputationRoutes } from './intake/routes.ts';
import { intakeWriterAlive } from './intake/service.ts';
import { caseTypes } from './law/registry.ts';
import { registerNoticeReceiptRoutes } from './outcomes/routes.ts';
import { registerCasePrivacyRoutes } from './privacy/routes.ts';
import { registerCasePages } from './public/pages.tsx';
import { registerCaseRoutes, registerIntakeArrivals } from './routes.ts';
import { registerCaseReach } from './team/reach.ts';
import { registerTeamRoutes } from './team/routes.ts';

export { opinionChanged } from './opinions.ts';
export { verifyCaseDocument } from './outcomes/receipts.ts';
export { mediatorLanguages } from './team/service.ts';

export const casesModule: LovitModule = {
  name: 'cases',
  beforeAccessControl: registerIntakeArrivals,
  start: ({ database, clock }) => caseTypes(database, clock),
  readiness: (platform) => ({ intake: intakeWriterAlive(platform) }),
  storedFiles: documentFiles,
  async routes(app, platform) {
    registerCaseReach(app, platform);
    registerCaseRoutes(app, platform);
    registerAppointmentRoutes(app, platform);
    registerTeamRoutes(app, platform);
    registerCaseDocumentRoutes(app, platform);
    registerNoticeReceiptRoutes(app, platform);
    registerImputationRoutes(app, platform);
    registerFigureRoutes(app, platform);
    registerCasePrivacyRoutes(app, platform);
    await registerCasePages(app, platform);
  },
};
