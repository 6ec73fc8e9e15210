import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseUnavailable, openDatabase } from '../kernel/db.ts';
import { MigrationFailed, migrateToLatest } from '../kernel/migrate.ts';
import { loadDemoData } from './demo.ts';

const EXPLAINED = [ConfigError, DatabaseUnavailable, MigrationFailed];

/** Runs a command against the configured database, closing it afterwards; known failures are one line. */
async function withDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<string>) {
  try {
    const config = loadConfig(process.env);
    const database = await openDatabase(config);
    try {
      process.stdout.write(`${await work(database)}\n`);
    } finally {
      await database.close();
    }
  } catch (error) {
    const known = EXPLAINED.some((kind) => error instanceof kind);
    process.stderr.write(
      `lovit: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
    );
    process.exitCode = 1;
  }
}

const program = new Command()
  .name('lovit')
  .description(
    'LOVIT – governance of immigration services in the Province of Lodi. Reads the same environment variables as the server (see README).',
  )
  .showHelpAfterError();

program
  .command('migrate')
  .description('bring the database schema to the latest version')
  .action(() =>
    withDatabase(async ({ db }) => {
      const applied = await migrateToLatest(db);
      return applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'Schema already up to date.';
    }),
  );

program
  .command('seed')
  .description(
    'load the demo data (organisations of the province, one demo user per role) into an empty database',
  )
  .action(() =>
    withDatabase(async ({ db }) => {
      await migrateToLatest(db);
      return (await loadDemoData(db))
        ? 'Demo data loaded.'
        : 'The database already holds data: nothing loaded.';
    }),
  );

await program.parseAsync(process.argv);
