import type { LovitApp } from './http.ts';
import type { JobDefinition } from './jobs.ts';
import type { FileReferences } from './orphan-files.ts';
import type { Platform } from './platform.ts';

/** A figure a module shows on /metrics, read when it is scraped. */
export type Gauge = { name: string; help: string; read(): Promise<number> };

/**
 * A module as the app and the platform see it: its one entry, `modules/<module>/index.ts`. The app registers
 * every module's routes as a Fastify plugin of its own; every process that works the job queue starts every
 * module's jobs (a process that serves no HTTP, such as the CLI, runs jobs too, so jobs are not a route
 * plugin's business).
 */
export type LovitModule = {
  name: string;
  /** The module's routes and their hooks, registered in a Fastify scope of the module's own. */
  routes(app: LovitApp, platform: Platform): void | Promise<void>;
  /** Hooks that must see every request before access control does (the arrival order of submissions). */
  beforeAccessControl?(app: LovitApp, platform: Platform): void;
  /** The module's background jobs. */
  jobs?(platform: Platform): JobDefinition[];
  /** What `/readyz` checks of the module besides the database: each name is ready or not. */
  readiness?(platform: Platform): Record<string, boolean>;
  /** The module's figures on /metrics. */
  gauges?(platform: Platform): Gauge[];
  /** Among some stored files, those the module's records refer to: the orphan sweeper keeps them. */
  storedFiles?: FileReferences;
  /** Work at every start, after the migrations: content shipped with LOVIT. */
  start?(platform: Pick<Platform, 'database' | 'clock'>): Promise<unknown>;
};
