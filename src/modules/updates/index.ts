/** The legal updates (WP3): the legal expert's notes on new law, shown to the SUI and inside the cases they concern. */
import type { LovitModule } from '../../kernel/module.ts';
import { updateFiles } from './attachment.ts';
import { registerUpdateRoutes } from './routes.ts';

export const updatesModule: LovitModule = {
  name: 'updates',
  routes: registerUpdateRoutes,
  storedFiles: updateFiles,
};
