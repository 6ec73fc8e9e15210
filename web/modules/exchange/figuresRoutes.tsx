import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { Loading } from '../../ui/Loading.tsx';

const FiguresPage = lazy(async () => ({ default: (await import('./FiguresPage.tsx')).FiguresPage }));
const ProblemsPage = lazy(async () => ({ default: (await import('./ProblemsPage.tsx')).ProblemsPage }));

/** The exchange's figures (`/pareri/tempi`) and its shared problem log (`/pareri/problemi`). */
export function figuresRoutes() {
  return (
    <>
      <Route
        path="/pareri/tempi"
        element={
          <RequirePermission anyOf={['exchange.dashboard']}>
            <Suspense fallback={<Loading />}>
              <FiguresPage />
            </Suspense>
          </RequirePermission>
        }
      />
      <Route
        path="/pareri/problemi"
        element={
          <RequirePermission anyOf={['exchange.problems']}>
            <Suspense fallback={<Loading />}>
              <ProblemsPage />
            </Suspense>
          </RequirePermission>
        }
      />
    </>
  );
}
