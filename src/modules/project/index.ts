/**
 * Project management for the funder: the funded projects under their programme's rulebook, their partners and
 * plan (work packages, activities, deliverables, milestones with planned and actual dates), the timeline and
 * the WP supervisor's monthly progress notes.
 */
import type { LovitModule } from '../../kernel/module.ts';
import { registerProjectRoutes } from './routes.ts';

export const projectModule: LovitModule = { name: 'project', routes: registerProjectRoutes };
