import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { EditUpdatePage, NewUpdatePage } from './UpdateForm.tsx';
import { UpdatePage } from './UpdatePage.tsx';

/** The pages of the legal updates under `/novita-normative/…` (the list is the module's page). */
export function updatesRoutes() {
  const pages = [
    { path: '/novita-normative/nuova', Page: NewUpdatePage, anyOf: ['updates.write'] as const },
    { path: '/novita-normative/:id', Page: UpdatePage, anyOf: ['updates.read'] as const },
    { path: '/novita-normative/:id/modifica', Page: EditUpdatePage, anyOf: ['updates.write'] as const },
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
