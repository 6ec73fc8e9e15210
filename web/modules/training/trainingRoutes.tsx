import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { CheckInPage } from './CheckInPage.tsx';
import { CoursePage } from './CoursePage.tsx';
import { EditionPage } from './EditionPage.tsx';
import { MentoringPage } from './MentoringPage.tsx';
import { NeedsResultsPage } from './NeedsResultsPage.tsx';
import { NeedsSurveyPage } from './NeedsSurveyPage.tsx';
import { NewCoursePage } from './NewCoursePage.tsx';
import { RecordPage } from './RecordPage.tsx';
import { RegisterPage } from './RegisterPage.tsx';
import { TrainerEvaluationsPage } from './TrainerEvaluationsPage.tsx';

/** The pages of training under `/formazione/…` (the list of courses is the module's page). */
export function trainingRoutes() {
  const pages = [
    { path: '/formazione/corsi/nuovo', Page: NewCoursePage, anyOf: ['training.manage'] as const },
    { path: '/formazione/corsi/:id', Page: CoursePage, anyOf: ['training.access'] as const },
    { path: '/formazione/edizioni/:id', Page: EditionPage, anyOf: ['training.access'] as const },
    { path: '/formazione/sessioni/:id', Page: RegisterPage, anyOf: ['training.attendance'] as const },
    { path: '/formazione/presenza', Page: CheckInPage, anyOf: ['training.enrol'] as const },
    { path: '/formazione/fabbisogni', Page: NeedsSurveyPage, anyOf: ['training.manage'] as const },
    { path: '/formazione/fabbisogni/:id', Page: NeedsResultsPage, anyOf: ['training.manage'] as const },
    {
      path: '/formazione/formatori/:id/valutazioni',
      Page: TrainerEvaluationsPage,
      anyOf: ['training.manage'] as const,
    },
    { path: '/formazione/affiancamento', Page: MentoringPage, anyOf: ['training.mentoring'] as const },
  ];
  const ownRecord = <Route key="/formazione/percorso" path="/formazione/percorso" element={<RecordPage />} />;
  const guarded = pages.map(({ path, Page, anyOf }) => (
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
  return [...guarded, ownRecord];
}
