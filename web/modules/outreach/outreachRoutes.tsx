import { lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from '../../app/access.tsx';
import { LazyPage } from '../../ui/LazyPage.tsx';

/**
 * The pages of Comunicazione load on first use: only the communications staff, mediators and the project
 * manager open them, and the events' door, the news editor and the publications would otherwise weigh on every
 * page of the back-office.
 */
const pages = {
  outreach: lazy(async () => ({ default: (await import('./OutreachPage.tsx')).OutreachPage })),
  newEvent: lazy(async () => ({ default: (await import('./NewEventPage.tsx')).NewEventPage })),
  event: lazy(async () => ({ default: (await import('./EventPage.tsx')).EventPage })),
  editEvent: lazy(async () => ({ default: (await import('./NewEventPage.tsx')).EditEventPage })),
  door: lazy(async () => ({ default: (await import('./DoorPage.tsx')).DoorPage })),
  newArticle: lazy(async () => ({ default: (await import('./NewArticlePage.tsx')).NewArticlePage })),
  article: lazy(async () => ({ default: (await import('./ArticlePage.tsx')).ArticlePage })),
  newPublication: lazy(async () => ({
    default: (await import('./NewPublicationPage.tsx')).NewPublicationPage,
  })),
  publication: lazy(async () => ({ default: (await import('./PublicationPage.tsx')).PublicationPage })),
  pressOffice: lazy(async () => ({ default: (await import('./PressOfficePage.tsx')).PressOfficePage })),
  release: lazy(async () => ({ default: (await import('./ReleasePage.tsx')).ReleasePage })),
  myInterpreting: lazy(async () => ({
    default: (await import('./MyInterpretingPage.tsx')).MyInterpretingPage,
  })),
};

/** The module's own page, with its lists (see `modules.ts`). */
export function OutreachPage() {
  return <LazyPage page={pages.outreach} />;
}

/**
 * The pages of events under `/comunicazione/eventi/…`, of news under `/comunicazione/notizie/…`, of
 * publications under `/comunicazione/pubblicazioni/…` (their lists, and the press coverage log, are on the
 * module's page) and of the press office under `/comunicazione/ufficio-stampa/…`.
 */
export function outreachRoutes() {
  const routes = [
    { path: '/comunicazione/eventi/nuovo', page: pages.newEvent, anyOf: ['outreach.events.manage'] as const },
    { path: '/comunicazione/eventi/:id', page: pages.event, anyOf: ['outreach.access'] as const },
    {
      path: '/comunicazione/eventi/:id/modifica',
      page: pages.editEvent,
      anyOf: ['outreach.events.manage'] as const,
    },
    { path: '/comunicazione/eventi/:id/porta', page: pages.door, anyOf: ['outreach.checkin'] as const },
    {
      path: '/comunicazione/interpretariato',
      page: pages.myInterpreting,
      anyOf: ['outreach.access'] as const,
    },
    {
      path: '/comunicazione/notizie/nuova',
      page: pages.newArticle,
      anyOf: ['outreach.articles.manage'] as const,
    },
    { path: '/comunicazione/notizie/:id', page: pages.article, anyOf: ['outreach.articles.review'] as const },
    {
      path: '/comunicazione/pubblicazioni/nuova',
      page: pages.newPublication,
      anyOf: ['outreach.publications.manage'] as const,
    },
    {
      path: '/comunicazione/pubblicazioni/:id',
      page: pages.publication,
      anyOf: ['outreach.access'] as const,
    },
    {
      path: '/comunicazione/ufficio-stampa',
      page: pages.pressOffice,
      anyOf: ['outreach.press.manage'] as const,
    },
    {
      path: '/comunicazione/ufficio-stampa/comunicati/:id',
      page: pages.release,
      anyOf: ['outreach.press.manage'] as const,
    },
  ];
  return routes.map(({ path, page, anyOf }) => (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission anyOf={anyOf}>
          <LazyPage page={page} />
        </RequirePermission>
      }
    />
  ));
}
