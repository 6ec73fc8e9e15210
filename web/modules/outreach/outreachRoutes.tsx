import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { ArticlePage } from './ArticlePage.tsx';
import { DoorPage } from './DoorPage.tsx';
import { EventPage } from './EventPage.tsx';
import { NewArticlePage } from './NewArticlePage.tsx';
import { EditEventPage, NewEventPage } from './NewEventPage.tsx';

/**
 * The pages of events under `/comunicazione/eventi/…` and of news under `/comunicazione/notizie/…` (their lists
 * are on the module's page).
 */
export function outreachRoutes() {
  const pages = [
    { path: '/comunicazione/eventi/nuovo', Page: NewEventPage, anyOf: ['outreach.events.manage'] as const },
    { path: '/comunicazione/eventi/:id', Page: EventPage, anyOf: ['outreach.access'] as const },
    {
      path: '/comunicazione/eventi/:id/modifica',
      Page: EditEventPage,
      anyOf: ['outreach.events.manage'] as const,
    },
    { path: '/comunicazione/eventi/:id/porta', Page: DoorPage, anyOf: ['outreach.checkin'] as const },
    {
      path: '/comunicazione/notizie/nuova',
      Page: NewArticlePage,
      anyOf: ['outreach.articles.manage'] as const,
    },
    { path: '/comunicazione/notizie/:id', Page: ArticlePage, anyOf: ['outreach.articles.review'] as const },
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
