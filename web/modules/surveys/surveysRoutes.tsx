import { Route } from 'react-router';
import { ResultsPage } from './ResultsPage.tsx';
import { SurveyPage } from './SurveyPage.tsx';

/** The pages of questionnaires under `/questionari/…` (the list is the module's page): open to anyone signed in. */
export function surveysRoutes() {
  return [
    <Route key="/questionari/:id" path="/questionari/:id" element={<SurveyPage />} />,
    <Route key="/questionari/:id/risultati" path="/questionari/:id/risultati" element={<ResultsPage />} />,
  ];
}
