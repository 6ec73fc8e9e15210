import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { OpinionPage } from './OpinionPage.tsx';

/** The pages of Pareri under `/pareri/…` (the inbox itself is the module's page, see `modules.ts`). */
export function exchangeRoutes() {
  return (
    <Route
      path="/pareri/:id"
      element={
        <RequirePermission anyOf={['exchange.access']}>
          <OpinionPage />
        </RequirePermission>
      }
    />
  );
}
