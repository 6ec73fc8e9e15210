import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { ProjectPlanPage } from './ProjectPlanPage.tsx';

/** The pages of project management under `/progetto/…` (the list is the module's page). */
export function projectRoutes() {
  return (
    <Route
      path="/progetto/:id"
      element={
        <RequirePermission anyOf={['project.access']}>
          <ProjectPlanPage />
        </RequirePermission>
      }
    />
  );
}
