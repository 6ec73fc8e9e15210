import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { ClaimPage } from './claims/ClaimPage.tsx';
import { ClaimsPage } from './claims/ClaimsPage.tsx';
import { BudgetPage } from './finance/BudgetPage.tsx';
import { ExpensesPage } from './finance/ExpensesPage.tsx';
import { IndicatorsPage } from './indicators/IndicatorsPage.tsx';
import { ProjectPlanPage } from './ProjectPlanPage.tsx';
import { ProcurementPage } from './procurement/ProcurementPage.tsx';
import { ReportsPage } from './report/ReportsPage.tsx';
import { StaffPage } from './time/StaffPage.tsx';
import { TimesheetsPage } from './time/TimesheetsPage.tsx';

/** The pages of project management under `/progetto/…` (the list is the module's page). */
export function projectRoutes() {
  return (
    <>
      <Route
        path="/progetto/:id"
        element={
          <RequirePermission anyOf={['project.access']}>
            <ProjectPlanPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/budget"
        element={
          <RequirePermission anyOf={['project.finance.read']}>
            <BudgetPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/spese"
        element={
          <RequirePermission anyOf={['project.finance.read']}>
            <ExpensesPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/indicatori"
        element={
          <RequirePermission anyOf={['project.access']}>
            <IndicatorsPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/personale"
        element={
          <RequirePermission anyOf={['project.finance.read']}>
            <StaffPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/fogli-ore"
        element={
          <RequirePermission anyOf={['project.timesheets.own', 'project.timesheets.approve']}>
            <TimesheetsPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/acquisti"
        element={
          <RequirePermission anyOf={['project.procurement.read']}>
            <ProcurementPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/domande-di-rimborso"
        element={
          <RequirePermission anyOf={['project.claims.read']}>
            <ClaimsPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/domande-di-rimborso/:claimId"
        element={
          <RequirePermission anyOf={['project.claims.read']}>
            <ClaimPage />
          </RequirePermission>
        }
      />
      <Route
        path="/progetto/:id/relazioni"
        element={
          <RequirePermission anyOf={['project.access']}>
            <ReportsPage />
          </RequirePermission>
        }
      />
    </>
  );
}
