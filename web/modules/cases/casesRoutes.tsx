import { lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { LazyPage } from '../../ui/LazyPage.tsx';

/**
 * The pages of Pratiche SUI load on first use: the legal-time rules they share with the server (and the
 * Temporal polyfill under them) would otherwise weigh on every page of the back-office.
 */
const pages = {
  worklist: lazy(async () => ({ default: (await import('./WorklistPage.tsx')).WorklistPage })),
  case: lazy(async () => ({ default: (await import('./CasePage.tsx')).CasePage })),
  newCase: lazy(async () => ({ default: (await import('./NewCasePage.tsx')).NewCasePage })),
  types: lazy(async () => ({ default: (await import('./CaseTypesPage.tsx')).CaseTypesPage })),
  type: lazy(async () => ({ default: (await import('./CaseTypePage.tsx')).CaseTypePage })),
  quotas: lazy(async () => ({ default: (await import('./QuotasPage.tsx')).QuotasPage })),
  legalQuestions: lazy(async () => ({
    default: (await import('./LegalQuestionsPage.tsx')).LegalQuestionsPage,
  })),
  desks: lazy(async () => ({ default: (await import('./DesksPage.tsx')).DesksPage })),
  convocations: lazy(async () => ({ default: (await import('./ConvocationsPage.tsx')).ConvocationsPage })),
  mediators: lazy(async () => ({ default: (await import('./MediatorProfilePage.tsx')).MediatorsPage })),
  mediatorProfile: lazy(async () => ({
    default: (await import('./MediatorProfilePage.tsx')).MediatorProfilePage,
  })),
};

/** The module's own page, the worklist (see `modules.ts`). */
export function WorklistPage() {
  return <LazyPage page={pages.worklist} />;
}

/** The pages of Pratiche SUI under `/pratiche/…` (the worklist itself is the module's page), each behind its permission. */
export function casesRoutes() {
  return (
    <>
      <Route
        path="/pratiche/nuova"
        element={
          <RequirePermission anyOf={['cases.submit']}>
            <LazyPage page={pages.newCase} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/tipi"
        element={
          <RequirePermission anyOf={['cases.types.read']}>
            <LazyPage page={pages.types} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/tipi/:code"
        element={
          <RequirePermission anyOf={['cases.types.read']}>
            <LazyPage page={pages.type} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/quote"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.quotas} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/quesiti"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.legalQuestions} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/sportelli"
        element={
          <RequirePermission anyOf={['cases.desks.manage']}>
            <LazyPage page={pages.desks} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/convocazioni"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.convocations} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/mediatori"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.mediators} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/mediatori/:id"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.mediatorProfile} />
          </RequirePermission>
        }
      />
      <Route
        path="/pratiche/:id"
        element={
          <RequirePermission anyOf={['cases.access']}>
            <LazyPage page={pages.case} />
          </RequirePermission>
        }
      />
    </>
  );
}
