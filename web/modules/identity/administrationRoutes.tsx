import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { AuditPage } from './AuditPage.tsx';
import { BackupPage } from './BackupPage.tsx';
import { InviteUserPage } from './InviteUserPage.tsx';
import { NewOrganisationPage } from './NewOrganisationPage.tsx';
import { OrganisationPage } from './OrganisationPage.tsx';
import { OrganisationsPage } from './OrganisationsPage.tsx';
import { PermissionsPage } from './PermissionsPage.tsx';
import { UserPage } from './UserPage.tsx';
import { UsersPage } from './UsersPage.tsx';

/** The pages of Amministrazione under `/amministrazione/…`, each behind its permission. */
export function administrationRoutes() {
  return (
    <>
      <Route
        path="/amministrazione/enti"
        element={
          <RequirePermission anyOf={['identity.organisations.read']}>
            <OrganisationsPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/enti/nuovo"
        element={
          <RequirePermission anyOf={['identity.organisations.manage']}>
            <NewOrganisationPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/enti/:id"
        element={
          <RequirePermission anyOf={['identity.organisations.read']}>
            <OrganisationPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/utenti"
        element={
          <RequirePermission anyOf={['identity.users.read']}>
            <UsersPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/utenti/nuovo"
        element={
          <RequirePermission anyOf={['identity.users.manage']}>
            <InviteUserPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/utenti/:id"
        element={
          <RequirePermission anyOf={['identity.users.read']}>
            <UserPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/permessi"
        element={
          <RequirePermission anyOf={['identity.permissions.read']}>
            <PermissionsPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/registro"
        element={
          <RequirePermission anyOf={['audit.read']}>
            <AuditPage />
          </RequirePermission>
        }
      />
      <Route
        path="/amministrazione/backup"
        element={
          <RequirePermission anyOf={['ops.backup.manage']}>
            <BackupPage />
          </RequirePermission>
        }
      />
    </>
  );
}
