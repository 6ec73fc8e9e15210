/**
 * A snapshot of all the project's indicators on PostgreSQL with 1,000,000 cases, 300,000 opinions, 20,000
 * trainees and 50,000 registrations: every registered source counted over the year, frozen in one snapshot.
 * Target: ≤ 5 s for the snapshot. The time of each source alone is reported too, to find a slow one.
 */
import pg from 'pg';
import { memberCaller } from '../src/cli/sui-caller.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { indicatorSources } from '../src/kernel/indicators.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import type { Platform } from '../src/kernel/platform.ts';
import '../src/modules/index.ts';
import { createIndicator, takeSnapshot } from '../src/modules/project/indicators/service.ts';
import { createProject } from '../src/modules/project/service.ts';
import { seedCases } from './cases-seed.ts';
import { seedIndicatorData } from './indicators-seed.ts';
import { writeResult } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const OPINIONS = Number(process.env.BENCH_OPINIONS ?? 300_000);
const TRAINEES = Number(process.env.BENCH_TRAINEES ?? 20_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 50_000);
const ROUNDS = 3;
const TARGET_MS = 5000;
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'lovit_bench_indicators';

/** BENCH_REUSE=1 measures again on the data seeded by the previous run. */
const REUSE = process.env.BENCH_REUSE === '1';

const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
if (!REUSE) {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

const database = await openServerDatabase(url.toString());
const platform: Platform = {
  database,
  clock: systemClock,
  config: {} as never,
  mailer: { send: async () => undefined, close: () => undefined },
};
try {
  const seedStarted = performance.now();
  await migrateToLatest(database.db);
  if (!REUSE) {
    await seedCases(database, CASES);
    await seedIndicatorData(database, {
      opinions: OPINIONS,
      trainees: TRAINEES,
      registrations: REGISTRATIONS,
    });
  }
  const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  if (!manager) throw new Error('the demo project manager is missing');

  const today = systemClock.today();
  const period = { from: today.subtract({ days: 365 }).toString(), to: today.toString() };
  const code = `BENCH-${Date.now()}`;
  const project = await createProject(platform, manager, {
    code,
    acronym: 'BENCH',
    title: 'Progetto di prova delle prestazioni',
    programme: 'FAMI_2021_2027',
    objective: 'Misura',
    cup: null,
    startsOn: today.subtract({ days: 400 }).toString(),
    endsOn: today.add({ days: 300 }).toString(),
  });
  const sources = indicatorSources();
  for (const [index, source] of sources.entries())
    await createIndicator(platform, manager, project.id, {
      code: `I${index + 1}`,
      name: source.name,
      kind: 'OUTPUT',
      unit: source.unit,
      baseline: 0,
      target: 100,
      workPackageId: null,
      source: source.key,
    });

  const perSource: Record<string, { ms: number; value: number }> = {};
  for (const source of sources) {
    const started = performance.now();
    const value = await source.compute(platform, period);
    perSource[source.key] = { ms: Math.round(performance.now() - started), value };
  }
  const snapshots: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    await takeSnapshot(platform, manager, project.id, { label: `Prova ${round}`, ...period });
    snapshots.push(Math.round(performance.now() - started));
  }
  const slowest = Math.max(...snapshots);
  const file = await writeResult('indicators', {
    database: 'postgres',
    volumes: {
      cases: CASES,
      opinions: OPINIONS,
      trainees: TRAINEES,
      registrations: REGISTRATIONS,
    },
    period,
    indicators: sources.length,
    seed_seconds: REUSE ? null : seedSeconds,
    reused_seed: REUSE,
    snapshot_ms: snapshots,
    target_ms: TARGET_MS,
    passed: slowest <= TARGET_MS,
    per_source: perSource,
  });
  console.log(JSON.stringify({ snapshot_ms: snapshots, per_source: perSource }, null, 2));
  console.log(`written to ${file}`);
} finally {
  await database.close();
}
