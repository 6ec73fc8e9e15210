import { Route } from 'react-router';
import type { Permission } from '../../../src/modules/identity/contract.ts';
import { RequirePermission } from '../../app/access.tsx';
import { ActionsPage } from './ActionsPage.tsx';
import { ConcertationPage } from './ConcertationPage.tsx';
import { ConsultantPage } from './ConsultantPage.tsx';
import { InitiativesPage } from './InitiativesPage.tsx';
import { MapPage } from './MapPage.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { ProposalsPage } from './ProposalsPage.tsx';
import { QuestionnairePage } from './QuestionnairePage.tsx';
import { QuestionnaireProposalPage } from './QuestionnaireProposalPage.tsx';
import { QuestionnairesPage } from './QuestionnairesPage.tsx';
import { ServicesPage } from './ServicesPage.tsx';
import { TablePage } from './TablePage.tsx';
import { TableQuestionnairePage } from './TableQuestionnairePage.tsx';

/** The pages of the council under `/cti/…` (the list of tables is the module's page). */
export function councilRoutes() {
  const pages: { path: string; Page: () => React.JSX.Element; permissions?: Permission[] }[] = [
    { path: '/cti/tavoli/:id', Page: TablePage },
    { path: '/cti/sedute/:id', Page: MeetingPage },
    { path: '/cti/azioni', Page: ActionsPage },
    { path: '/cti/iniziative', Page: InitiativesPage },
    { path: '/cti/mappa', Page: MapPage },
    { path: '/cti/servizi', Page: ServicesPage },
    { path: '/cti/questionari', Page: QuestionnairesPage },
    { path: '/cti/questionari/:id', Page: QuestionnairePage },
    { path: '/cti/concertazione', Page: ConcertationPage },
    { path: '/cti/consulenza', Page: ConsultantPage, permissions: ['council.tables.facilitate'] },
    {
      path: '/cti/consulenza/tavoli/:id/questionario',
      Page: QuestionnaireProposalPage,
      permissions: ['council.tables.facilitate'],
    },
    { path: '/cti/proposte', Page: ProposalsPage, permissions: ['council.manage'] },
    {
      path: '/cti/questionari-dei-tavoli/:id',
      Page: TableQuestionnairePage,
      permissions: ['council.manage', 'council.tables.facilitate'],
    },
  ];
  return pages.map(({ path, Page, permissions = ['council.access'] }) => (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission anyOf={permissions}>
          <Page />
        </RequirePermission>
      }
    />
  ));
}
