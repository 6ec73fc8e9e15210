/**
 * Dissemination (WP4): news published in the portal's languages, events with public registration, a waitlist
 * in arrival order and check-in at the door.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { registerEventPages } from './events/pages.tsx';
import { registerEventRoutes } from './events/routes.ts';
import { offerLapseJob } from './events/seats.ts';
import { registerArticlePages } from './news/pages.tsx';
import { registerArticleRoutes } from './news/routes.ts';
import { articleFiles, articlePublicationJob } from './news/service.ts';

export { outreachPlaces } from './places.ts';

export const outreachModule: LovitModule = {
  name: 'outreach',
  storedFiles: articleFiles,
  async routes(app, platform) {
    registerEventRoutes(app, platform);
    registerArticleRoutes(app, platform);
    await registerEventPages(app, platform);
    await registerArticlePages(app, platform);
  },
  jobs: (platform) => [offerLapseJob(platform), articlePublicationJob(platform)],
};
