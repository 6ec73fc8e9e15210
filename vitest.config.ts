import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI shows every test by name, so the log says which backend each integration test ran on.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          // The property tests walk thousands of cases: 2 s alone, over 5 s beside two integration workers on 2 cores.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          isolate: false,
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Mail leaves through a background job: a busy 2-core machine needs more than a second for it.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
          // One after the other in one worker: the app's modules are loaded once for all the files, each of which
          // starts its own app, database and browser.
          isolate: false,
          // After the other projects: Chromium beside two integration workers slowed the whole run twofold.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
