/** The public portal (procedure sheets, glossary, offices) and the back-office's editing of its texts. */
import type { LovitModule } from '../../kernel/module.ts';
import { provinceMap } from '../../kernel/territory/map.ts';
import { registerPortal } from './routes.tsx';
import { loadPortalContent } from './sheets/content.ts';
import { registerSheetRoutes } from './sheets/routes.ts';
import { registerTerritoryRoute } from './territory/routes.ts';

export const portalModule: LovitModule = {
  name: 'portal',
  async routes(app, platform) {
    await registerPortal(app, platform);
    registerSheetRoutes(app, platform);
    registerTerritoryRoute(app);
  },
  async start(platform) {
    // the offices page's map, drawn before the first visitor asks for it
    provinceMap('light');
    return loadPortalContent(platform);
  },
};
