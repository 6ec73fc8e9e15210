import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { SYSTEM_CALLER } from '../kernel/auth.ts';
import { systemClock } from '../kernel/clock.ts';
import { DatabaseUnavailable, openDatabase } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { MigrationFailed, migrateToLatest } from '../kernel/migrate.ts';
import { importCaseTypes } from '../modules/cases/law/service.ts';
// The ways between modules (events, ports) are plugged in where the module list is: the demo cases need them.
import '../modules/index.ts';
import { createApiClient } from '../modules/identity/service.ts';
import { BackupRefused } from '../modules/ops/service.ts';
import { sealAuditCommand, verifyAuditCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { DEMO_PASSWORD, loadDemoData } from './demo.ts';
import { loadDemoCases } from './demo-cases.ts';
import { importCommand } from './import.ts';
import { createOrganisationCommand, createUserCommand } from './users.ts';

const EXPLAINED = [ConfigError, DatabaseUnavailable, MigrationFailed, BackupRefused];

function explain(error: unknown): string {
  if (error instanceof AppError) {
    const fields = (error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  if (EXPLAINED.some((kind) => error instanceof kind)) return (error as Error).message;
  return String((error as Error).stack ?? error);
}

/** Runs a command against the configured database, closing it afterwards; known failures are one line. */
async function withDatabase(
  work: (db: Awaited<ReturnType<typeof openDatabase>>, config: Config) => Promise<string>,
) {
  try {
    const config = loadConfig(process.env);
    const database = await openDatabase(config);
    try {
      process.stdout.write(`${await work(database, config)}\n`);
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`lovit: ${explain(error)}\n`);
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
  .command('organisation:create')
  .description('create an organisation, such as the Prefettura of a new installation before its first user')
  .requiredOption('--code <code>', 'short code, e.g. PREF-LO')
  .requiredOption('--name <name>', 'name, e.g. "Prefettura di Lodi"')
  .requiredOption(
    '--type <type>',
    'PREFECTURE, POLICE_HQ, LABOUR_INSPECTORATE, MUNICIPALITY, THIRD_SECTOR, COOPERATIVE, UNIVERSITY_SCHOOL or OTHER',
  )
  .action((options: { code: string; name: string; type: string }) =>
    withDatabase((database) => createOrganisationCommand(database, options)),
  );

program
  .command('user:create')
  .description('create a user with a role in an organisation; the password is read from standard input')
  .requiredOption('--email <email>', 'e-mail address, used to sign in')
  .requiredOption('--given-name <name>', 'given name')
  .requiredOption('--family-name <name>', 'family name')
  .requiredOption('--organisation <code>', 'code of the organisation (e.g. PREF-LO)')
  .requiredOption('--role <role>', 'role in that organisation (e.g. admin)')
  .option('--fiscal-code <code>', 'fiscal code, to sign in with SPID/CIE')
  .action((options) => withDatabase((database) => createUserCommand(database, options, process.stdin)));

program
  .command('api-client:create')
  .description(
    'register a system that submits case files (e.g. the national portal) and print its bearer token, once',
  )
  .requiredOption('--organisation <code>', 'code of the office the system submits to, e.g. PREF-LO')
  .requiredOption('--name <name>', 'name of the system')
  .action((options: { organisation: string; name: string }) =>
    withDatabase(async (database) => {
      const client = await createApiClient({ database, clock: systemClock }, SYSTEM_CALLER, {
        organisationCode: options.organisation,
        name: options.name,
      });
      return `API client ${client.id} created. Bearer token (shown only now): ${client.token}`;
    }),
  );

program
  .command('cases:import')
  .description('import a click-day export (CSV, one application per row, in arrival order) as submissions')
  .requiredOption('--file <path>', 'the CSV file (columns: see README, "Importing a click-day export")')
  .requiredOption('--as <email>', 'the SUI user who performs the import (their office receives the cases)')
  .action((options: { file: string; as: string }) =>
    withDatabase(async (database, config) => {
      const report = await importCommand({ database, clock: systemClock, config }, options);
      const refused = report.refused.map((r) => `  riga ${r.row} (${r.reference}): ${r.errors.join('; ')}`);
      return [
        `Righe: ${report.rows}; registrate: ${report.registered} (ammesse nella quota ${report.admitted}, quota esaurita ${report.quotaExhausted}); già registrate: ${report.alreadyRegistered}; rifiutate: ${report.refused.length}`,
        ...refused,
      ].join('\n');
    }),
  );

program
  .command('case-types:import')
  .description(
    'import case types, or new versions of them valid from a date, from a JSON array of definitions',
  )
  .requiredOption(
    '--file <path>',
    'the JSON file (the definitions of GET /api/case-types have the same shape)',
  )
  .action((options: { file: string }) =>
    withDatabase(async (database) => {
      let definitions: unknown;
      try {
        definitions = JSON.parse(await readFile(options.file, 'utf8'));
      } catch (error) {
        throw new AppError(
          400,
          'case-types-file',
          'File non leggibile',
          `${options.file}: ${(error as Error).message}`,
        );
      }
      const imported = await importCaseTypes({ database, clock: systemClock }, SYSTEM_CALLER, definitions);
      return `Imported ${imported.length} case-type version(s): ${imported.map((v) => `${v.code} from ${v.validFrom}`).join(', ')}.`;
    }),
  );

program
  .command('seed')
  .description(
    'load the demo data (organisations of the province, one demo user per role) into an empty database',
  )
  .action(() =>
    withDatabase(async (database, config) => {
      await migrateToLatest(database.db);
      if (!(await loadDemoData({ database, clock: systemClock })))
        return 'The database already holds data: nothing loaded.';
      await loadDemoCases({ database, clock: systemClock, config });
      return `Demo data loaded (password of every demo account: ${DEMO_PASSWORD}).`;
    }),
  );

program
  .command('audit:verify')
  .description("recompute the audit trail's hash chain and report the first break (exit code 2 if broken)")
  .action(() =>
    withDatabase(async ({ db }) => {
      const outcome = await verifyAuditCommand(db, process.stderr.isTTY ? process.stderr : undefined);
      if (!outcome.isIntact) process.exitCode = 2;
      return outcome.message;
    }),
  );

program
  .command('audit:seal')
  .description('seal every audit entry not yet in the hash chain')
  .action(() => withDatabase(({ db }) => sealAuditCommand(db)));

/** Runs a command that opens the database itself (or none); known failures are one line. */
async function withConfig(work: (config: Config) => Promise<{ message: string; ok: boolean }>) {
  try {
    const { message, ok } = await work(loadConfig(process.env));
    process.stdout.write(`${message}\n`);
    if (!ok) process.exitCode = 2;
  } catch (error) {
    process.stderr.write(`lovit: ${explain(error)}\n`);
    process.exitCode = 1;
  }
}

program
  .command('backup')
  .description(
    'write a compressed, checksummed archive of the database and the stored files to BACKUP_DIR (with the embedded database, only while LOVIT is stopped: a running LOVIT backs itself up)',
  )
  .option('--verify', 'then restore it into a scratch place and compare it with its manifest')
  .action((options: { verify?: boolean }) => withConfig((config) => backupCommand(config, options)));

program
  .command('restore')
  .description(
    'restore an archive into an empty data directory (DATA_DIR) or an empty database (DATABASE_URL)',
  )
  .argument('<archive>', 'the lovit-backup-….tar.gz file')
  .option('--verify', 'only restore it into a scratch place and compare it with its manifest')
  .action((archive: string, options: { verify?: boolean }) =>
    withConfig((config) => restoreCommand(config, archive, options)),
  );

await program.parseAsync(process.argv);
