import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { loadDemoData } from './cli/demo.ts';
import { loadDemoCases } from './cli/demo-cases.ts';
import { loadDemoCouncil } from './cli/demo-council.ts';
import { loadDemoEventFollowUp } from './cli/demo-event-follow-up.ts';
import { loadDemoEventInterpreters } from './cli/demo-event-interpreters.ts';
import { loadDemoEvents } from './cli/demo-events.ts';
import { loadDemoNews } from './cli/demo-news.ts';
import { loadDemoProject } from './cli/demo-project.ts';
import { loadDemoProjectClaims } from './cli/demo-project-claims.ts';
import { loadDemoProjectFinance } from './cli/demo-project-finance.ts';
import { loadDemoProjectIndicators } from './cli/demo-project-indicators.ts';
import { loadDemoProjectProcurement } from './cli/demo-project-procurement.ts';
import { loadDemoProjectReports } from './cli/demo-project-reports.ts';
import { loadDemoProjectTime } from './cli/demo-project-time.ts';
import { loadDemoTraining } from './cli/demo-training.ts';
import { loadDemoTrainingFeedback } from './cli/demo-training-feedback.ts';
import { loadDemoTrainingRecord } from './cli/demo-training-record.ts';
import { loadDemoUpdates } from './cli/demo-updates.ts';
import type { Config } from './config.ts';
import {
  demoFolder,
  demoFolderKey,
  forgetInstallationKeys,
  keepDemoFolder,
  renewCheckInSecrets,
  spareDemoFolder,
  takeDemoFolder,
} from './demo-folder.ts';
import { sealAuditTrail } from './kernel/audit.ts';
import { type Clock, systemClock } from './kernel/clock.ts';
import type { DatabaseHandle } from './kernel/db.ts';
import { openDatabaseFromTemplate } from './kernel/db-template.ts';
import { setInstitution, setProvinceName } from './kernel/institution.ts';
import { heartbeatJob, type JobDefinition, startJobs } from './kernel/jobs.ts';
import { createMailer } from './kernel/mail.ts';
import { mailJob } from './kernel/mail-outbox.ts';
import { mailRetentionJob } from './kernel/mail-retention.ts';
import { migrateToLatest } from './kernel/migrate.ts';
import { orphanFilesJob } from './kernel/orphan-files.ts';
import type { Platform } from './kernel/platform.ts';
import { requestCountSweepJob } from './kernel/rate-limits.ts';
import { LODI, serveProvince } from './kernel/territory/province.ts';
import { MODULES } from './modules/index.ts';

/** Seals new audit entries into the hash chain, off the request path, every minute. */
function auditSealJob(database: DatabaseHandle): JobDefinition {
  return {
    queue: 'audit.seal',
    cron: '* * * * *',
    async handle() {
      await sealAuditTrail(database.db, { all: true });
    },
  };
}

/** Every background job of every module. */
export function jobDefinitions(platform: Platform): JobDefinition[] {
  return [
    heartbeatJob(platform.database, platform.clock),
    auditSealJob(platform.database),
    orphanFilesJob(
      platform,
      MODULES.flatMap((module) => module.storedFiles ?? []),
    ),
    mailJob(platform.database.db, platform.clock, platform.mailer, platform.config.mail),
    mailRetentionJob(platform.database.db, platform.clock),
    requestCountSweepJob(platform.database.db),
    ...MODULES.flatMap((module) => module.jobs?.(platform) ?? []),
  ];
}

export type Started = Platform & { migrationsApplied: string[]; demoLoaded: boolean };

const DEMO_LOADERS = [
  loadDemoCases,
  loadDemoCouncil,
  loadDemoTraining,
  loadDemoUpdates,
  loadDemoTrainingFeedback,
  loadDemoTrainingRecord,
  loadDemoEvents,
  loadDemoEventInterpreters,
  loadDemoEventFollowUp,
  loadDemoNews,
  loadDemoProject,
  loadDemoProjectFinance,
  loadDemoProjectIndicators,
  loadDemoProjectProcurement,
  loadDemoProjectTime,
  loadDemoProjectClaims,
  loadDemoProjectReports,
];

/** Loads every demo loader in turn (each builds on the ones before); false when there was data already. */
async function loadDemo(platform: Pick<Platform, 'database' | 'clock' | 'config'>): Promise<boolean> {
  if (!(await loadDemoData(platform))) return false;
  for (const load of DEMO_LOADERS) await load(platform);
  return true;
}

/**
 * Opens the database, brings its schema up to date, loads demo data if asked, starts the jobs. A fresh embedded
 * database with demo data is copied from today's demo folder when there is one (`demo-folder.ts`); otherwise the
 * demo data are loaded and the folder is kept for the next fresh start. `demoFolders`: where the demo folders are
 * kept, `.cache/` at the project's root by default.
 */
export async function openPlatform(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  options: { demoFolders?: string } = {},
): Promise<Started> {
  serveProvince(config.office.province.istatCode);
  // Processes that only work jobs (the command line) send mail too: they sign it as the app does.
  setProvinceName(config.office.province.name);
  setInstitution(config.office);
  // The demo data describe Lodi's offices, municipalities and cases: another province starts without them.
  const demo = config.demoData && config.office.province.istatCode === LODI;
  if (config.demoData && !demo)
    logger.warn(`The demo data describe the province of Lodi: not loaded for ${config.office.province.name}`);
  const databaseDir = path.join(config.dataDir, 'pglite');
  const fresh = demo && !config.databaseUrl && !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const folder = fresh
    ? demoFolder(clock.today().toString(), await demoFolderKey(config), options.demoFolders)
    : undefined;
  const copied = folder ? await takeDemoFolder(folder, databaseDir) : false;
  // Before the database grows the process: the copy's process is forked from this one.
  if (folder && copied) spareDemoFolder(folder);
  let database = await openDatabaseFromTemplate(config);
  try {
    const migrationsApplied = await migrateToLatest(database.db);
    for (const module of MODULES) await module.start?.({ database, clock });
    const demoLoaded = copied || (demo && (await loadDemo({ database, clock, config })));
    if (folder && !copied && demoLoaded) {
      await forgetInstallationKeys(database.db);
      await database.close();
      await keepDemoFolder(databaseDir, folder);
      database = await openDatabaseFromTemplate(config);
      spareDemoFolder(folder);
    }
    if (folder) await renewCheckInSecrets(database.db);
    const mailer = createMailer(config.smtpUrl, logger);
    const jobs = config.jobs
      ? await startJobs(database, jobDefinitions({ config, database, clock, mailer }), { work: true, logger })
      : undefined;
    return { config, database, clock, jobs, mailer, migrationsApplied, demoLoaded };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function closePlatform(platform: Platform): Promise<void> {
  platform.mailer.close();
  await platform.jobs?.stop();
  await platform.database.close();
}
