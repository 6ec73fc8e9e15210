/**
 * Project management for the funder: the funded projects under their programme's rulebook, their partners and
 * plan (work packages, activities, deliverables, milestones with planned and actual dates), the timeline and
 * the WP supervisor's monthly progress notes.
 */
import type { LovitApp } from '../../kernel/http.ts';
import type { LovitModule } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { registerProjectRoutes } from './routes.ts';
import { noteFiles } from './service.ts';

function routes(app: LovitApp, platform: Platform): void {
  registerProjectRoutes(app, platform);
}

export const projectModule: LovitModule = { name: 'project', routes, storedFiles: noteFiles };
