import type { Permission, SessionView } from '../../../src/modules/identity/contract.ts';
import { hasAnyPermission } from '../../app/session.ts';
import type { Crumb } from '../../ui/Breadcrumb.tsx';

export type AdministrationSection = {
  path: string;
  key:
    | 'organisations'
    | 'users'
    | 'permissions'
    | 'audit'
    | 'backup'
    | 'caseTypes'
    | 'retention'
    | 'subjects'
    | 'register';
  permission: Permission;
};

/** The parts of Amministrazione, each open to the holders of one permission. */
export const ADMINISTRATION_SECTIONS: readonly AdministrationSection[] = [
  { path: '/amministrazione/enti', key: 'organisations', permission: 'identity.organisations.read' },
  { path: '/amministrazione/utenti', key: 'users', permission: 'identity.users.read' },
  { path: '/amministrazione/permessi', key: 'permissions', permission: 'identity.permissions.read' },
  { path: '/amministrazione/registro', key: 'audit', permission: 'audit.read' },
  { path: '/amministrazione/backup', key: 'backup', permission: 'ops.backup.manage' },
  { path: '/amministrazione/conservazione', key: 'retention', permission: 'privacy.retention.manage' },
  { path: '/amministrazione/accesso-dati', key: 'subjects', permission: 'privacy.subjects.manage' },
  { path: '/amministrazione/registro-trattamenti', key: 'register', permission: 'privacy.register.read' },
  // The definitions of the SUI procedures live with the case files; an administrator reads them there.
  { path: '/pratiche/tipi', key: 'caseTypes', permission: 'cases.types.read' },
];

/**
 * Who sees Amministrazione in the menu. Everyone may read the list of organisations, so that permission
 * alone does not make someone an administrator.
 */
export const ADMINISTRATION_PERMISSIONS: readonly Permission[] = [
  'identity.users.read',
  'identity.organisations.manage',
  'identity.permissions.read',
  'audit.read',
  'privacy.subjects.manage',
  'privacy.register.read',
];

/** The breadcrumb of a page of Amministrazione: the entry page, when the user may open it, then `above`. */
export function administrationTrail(
  session: SessionView,
  administrationTitle: string,
  above: readonly Crumb[] = [],
): Crumb[] {
  const entry = hasAnyPermission(session, ADMINISTRATION_PERMISSIONS)
    ? [{ label: administrationTitle, to: '/amministrazione' }]
    : [];
  return [...entry, ...above];
}
