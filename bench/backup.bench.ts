/**
 * Backup and restore of a large office on PostgreSQL: BENCH_CASES (1,000,000) cases seeded by SQL, then
 * `lovit backup` (pg_dump in custom format, the files and the manifest in one archive) and `lovit restore` into an
 * empty database, each as a process, as an administrator runs them. Reports their times and the archive's size, and
 * checks that the restored database holds every case.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { seedCases } from './cases-seed.ts';
import { recreate, urlOf } from './intake-database.ts';
import { writeResult } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SOURCE = 'lovit_bench_backup';
const TARGET = 'lovit_bench_restore';

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** Runs the `lovit` command line on a database, as its own process; answers its wall time in seconds. */
function lovit(args: string[], database: string, dataDir: string, backupDir: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: urlOf(database),
      DATA_DIR: dataDir,
      BACKUP_DIR: backupDir,
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return seconds(started);
}

await recreate(SOURCE);
await recreate(TARGET);
const seedStarted = performance.now();
const source = await openServerDatabase(urlOf(SOURCE));
await migrateToLatest(source.db);
await seedCases(source, CASES);
await source.close();
const seedSeconds = seconds(seedStarted);

const work = await mkdtemp(path.join(tmpdir(), 'lovit-bench-backup-'));
try {
  const backupDir = path.join(work, 'backups');
  const backupSeconds = lovit(['backup'], SOURCE, path.join(work, 'data'), backupDir);
  const [archive] = await readdir(backupDir);
  if (!archive) throw new Error('no archive written');
  const archivePath = path.join(backupDir, archive);
  const archiveBytes = (await stat(archivePath)).size;
  const restoreSeconds = lovit(['restore', archivePath], TARGET, path.join(work, 'restored'), backupDir);

  const restored = await openServerDatabase(urlOf(TARGET));
  const count = await restored.db
    .selectFrom('caseFile')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  await restored.close();

  const result = {
    target: 'lovit backup / lovit restore, PostgreSQL',
    cases: CASES,
    seed_s: seedSeconds,
    backup_s: backupSeconds,
    archive_mb: Math.round(archiveBytes / 1e5) / 10,
    restore_s: restoreSeconds,
    restored_cases: Number(count.n),
    every_case_restored: Number(count.n) === CASES,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(await writeResult('backup', result));
} finally {
  await rm(work, { recursive: true, force: true });
}
