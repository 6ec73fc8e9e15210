/** Organisations, users, memberships, sessions and sign-in (password and OpenID Connect). */
import type { LovitModule } from '../../kernel/module.ts';
import { failedAttemptsSweepJob } from './jobs.ts';
import { registerIdentityRoutes } from './routes.ts';

export const identityModule: LovitModule = {
  name: 'identity',
  routes: registerIdentityRoutes,
  jobs: (platform) => [failedAttemptsSweepJob(platform)],
};
