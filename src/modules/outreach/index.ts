/** Dissemination (WP4): events with public registration, a waitlist in arrival order and check-in at the door. */
import type { LovitModule } from '../../kernel/module.ts';
import { registerEventPages } from './events/pages.tsx';
import { registerEventRoutes } from './events/routes.ts';
import { offerLapseJob } from './events/seats.ts';

export { eventPlaces } from './events/public.ts';

export const outreachModule: LovitModule = {
  name: 'outreach',
  async routes(app, platform) {
    registerEventRoutes(app, platform);
    await registerEventPages(app, platform);
  },
  jobs: (platform) => [offerLapseJob(platform)],
};
