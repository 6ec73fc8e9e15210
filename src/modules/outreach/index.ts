/**
 * Dissemination (WP4): news published in the portal's languages, the library of publications with their print
 * run and distribution, the press office (contacts, releases sent through the outbox, the public press area
 * and kit) with the coverage log, events with public registration, a waitlist in arrival order
 * and check-in at the door.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { registerFollowUpPages } from './events/after/pages.tsx';
import { registerFollowUpRoutes } from './events/after/routes.ts';
import { registerInterpreterRoutes } from './events/interpreters/routes.ts';
import { registerEventPages } from './events/pages.tsx';
import { registerEventRoutes } from './events/routes.ts';
import { offerLapseJob } from './events/seats.ts';
import { registerArticlePages } from './news/pages.tsx';
import { registerArticleRoutes } from './news/routes.ts';
import { articleFiles, articlePublicationJob } from './news/service.ts';
import { registerPressPages } from './press/pages.tsx';
import { registerPressRoutes } from './press/routes.ts';
import { clippingFiles } from './press/service.ts';
import { registerPublicationPages } from './publications/pages.tsx';
import { registerPublicationRoutes } from './publications/routes.ts';
import { publicationFiles } from './publications/service.ts';

export { verifyEventCertificate } from './events/after/service.ts';
export { outreachPlaces } from './places.ts';

export const outreachModule: LovitModule = {
  name: 'outreach',
  storedFiles: async (db, sha256s) => [
    ...(await articleFiles(db, sha256s)),
    ...(await publicationFiles(db, sha256s)),
    ...(await clippingFiles(db, sha256s)),
  ],
  async routes(app, platform) {
    registerEventRoutes(app, platform);
    registerFollowUpRoutes(app, platform);
    registerInterpreterRoutes(app, platform);
    registerArticleRoutes(app, platform);
    registerPublicationRoutes(app, platform);
    registerPressRoutes(app, platform);
    await registerEventPages(app, platform);
    await registerFollowUpPages(app, platform);
    await registerArticlePages(app, platform);
    await registerPublicationPages(app, platform);
    await registerPressPages(app, platform);
  },
  jobs: (platform) => [offerLapseJob(platform), articlePublicationJob(platform)],
};
