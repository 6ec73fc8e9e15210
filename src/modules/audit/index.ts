/** The audit trail as the administrator and the supervisor read it: search, export, verification. */
import type { LovitModule } from '../../kernel/module.ts';
import { registerAuditRoutes } from './routes.ts';

export const auditModule: LovitModule = { name: 'audit', routes: registerAuditRoutes };
