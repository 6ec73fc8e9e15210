import { Route } from 'react-router';
import type { Permission } from '../../../src/modules/identity/contract.ts';
import { RequirePermission } from '../../app/access.tsx';
import { ProcessingRegisterPage } from './ProcessingRegisterPage.tsx';
import { RetentionPage } from './RetentionPage.tsx';
import { SubjectRequestPage } from './SubjectRequestPage.tsx';

/** The data-protection pages of Amministrazione, each behind its permission. */
export function privacyRoutes() {
  const pages: { path: string; Page: () => React.JSX.Element; anyOf: Permission[] }[] = [
    { path: '/amministrazione/conservazione', Page: RetentionPage, anyOf: ['privacy.retention.manage'] },
    { path: '/amministrazione/accesso-dati', Page: SubjectRequestPage, anyOf: ['privacy.subjects.manage'] },
    {
      path: '/amministrazione/registro-trattamenti',
      Page: ProcessingRegisterPage,
      anyOf: ['privacy.register.read'],
    },
  ];
  return pages.map(({ path, Page, anyOf }) => (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission anyOf={anyOf}>
          <Page />
        </RequirePermission>
      }
    />
  ));
}
