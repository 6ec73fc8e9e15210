import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { ActionsPage } from './ActionsPage.tsx';
import { InitiativesPage } from './InitiativesPage.tsx';
import { MapPage } from './MapPage.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { QuestionnairePage } from './QuestionnairePage.tsx';
import { QuestionnairesPage } from './QuestionnairesPage.tsx';
import { ServicesPage } from './ServicesPage.tsx';
import { TablePage } from './TablePage.tsx';

/** The pages of the council under `/cti/…` (the list of tables is the module's page). */
export function councilRoutes() {
  const pages = [
    { path: '/cti/tavoli/:id', Page: TablePage },
    { path: '/cti/sedute/:id', Page: MeetingPage },
    { path: '/cti/azioni', Page: ActionsPage },
    { path: '/cti/iniziative', Page: InitiativesPage },
    { path: '/cti/mappa', Page: MapPage },
    { path: '/cti/servizi', Page: ServicesPage },
    { path: '/cti/questionari', Page: QuestionnairesPage },
    { path: '/cti/questionari/:id', Page: QuestionnairePage },
  ];
  return pages.map(({ path, Page }) => (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission anyOf={['council.access']}>
          <Page />
        </RequirePermission>
      }
    />
  ));
}
