import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePlatform, openPlatform, type Started } from '../src/boot.ts';
import { sealAuditTrail, verifyAuditTrail } from '../src/kernel/audit.ts';
import { SettableClock } from '../src/kernel/clock.ts';
import { signLink } from '../src/kernel/signed-links.ts';
import { testConfig } from './support/app.ts';

const SCRATCH = path.resolve('.scratch');
const DAY = '2027-03-09';
const NEXT_DAY = '2027-03-10';

type Seen = {
  userIds: string[];
  sessionDays: string[];
  checkInSecrets: string[];
  linkKeys: number;
  linkKey: string;
};

/** What a fresh start left: the demo users, the days of the training sessions, the secrets. */
async function look(platform: Started): Promise<Seen> {
  const { db } = platform.database;
  const userIds = (await db.selectFrom('appUser').select('id').orderBy('id').execute()).map((row) => row.id);
  const sessions = await db.selectFrom('trainingSession').select(['startsAt', 'checkInSecret']).execute();
  const linkKeys = (await sql<{ n: number }>`select count(*)::int as n from link_signing_key`.execute(db))
    .rows[0]?.n as number;
  await signLink(platform, 'first-start', 'subject', platform.clock.now());
  const { rows } = await sql<{ secret: string }>`select secret from link_signing_key`.execute(db);
  return {
    userIds,
    sessionDays: sessions
      .map((row) => new Date(row.startsAt).toLocaleDateString('sv', { timeZone: 'Europe/Rome' }))
      .sort(),
    checkInSecrets: sessions.map((row) => row.checkInSecret),
    linkKeys,
    linkKey: rows[0]?.secret as string,
  };
}

async function expectVerifiableTrail(platform: Started): Promise<void> {
  await sealAuditTrail(platform.database.db, { all: true });
  const verification = await verifyAuditTrail(platform.database.db);
  expect(verification.broken).toBeNull();
  expect(verification.sealed).toBeGreaterThan(100);
}

// Each fresh start without a demo folder runs every demo loader: slow on a busy machine.
describe('the first start of a new data folder with the demo data', { timeout: 600_000 }, () => {
  let work: string;
  let cache: string;
  const started: Started[] = [];

  async function freshStart(day: string, name: string): Promise<Started> {
    const config = { ...testConfig({ DEMO_DATA: '1' }), dataDir: path.join(work, name), jobs: false };
    const platform = await openPlatform(
      config,
      pino({ level: 'silent' }),
      new SettableClock(`${day}T08:00:00Z`),
      {
        demoFolders: cache,
      },
    );
    started.push(platform);
    return platform;
  }

  const demoFolders = async () =>
    (await readdir(cache)).filter((name) => !name.includes('.spare') && !name.includes('.partial'));

  beforeAll(async () => {
    await mkdir(SCRATCH, { recursive: true });
    work = await mkdtemp(path.join(SCRATCH, 'first-start-'));
    cache = path.join(work, 'cache');
    await mkdir(cache);
  });

  afterAll(async () => {
    for (const platform of started) await closePlatform(platform).catch(() => undefined);
    // The spare copies are made by processes of their own, a little after each start: not under their feet.
    const copying = async () => (await readdir(cache)).some((name) => name.endsWith('.partial'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (let waited = 0; (await copying()) && waited < 120; waited++)
      await new Promise((resolve) => setTimeout(resolve, 500));
    await rm(work, { recursive: true, force: true, maxRetries: 5 });
  }, 120_000);

  let first: Seen;

  it('loads the demo data when no folder was prepared for the day, and keeps one without its keys', async () => {
    const platform = await freshStart(DAY, 'first');
    expect(platform.demoLoaded).toBe(true);
    first = await look(platform);
    expect(first.userIds.length).toBeGreaterThan(20);
    expect(first.sessionDays).toContain(DAY);
    // The key the demo letters were signed with went with the folder kept: this folder makes its own.
    expect(first.linkKeys).toBe(0);
    await expectVerifiableTrail(platform);
    const [kept] = await demoFolders();
    expect(kept).toMatch(new RegExp(`^prepared-demo-${DAY}-`));
    expect(existsSync(path.join(cache, kept as string, 'PG_VERSION'))).toBe(true);
  });

  it('copies the day’s folder into another new data folder: the same data, secrets of its own', async () => {
    const platform = await freshStart(DAY, 'second');
    expect(platform.demoLoaded).toBe(true);
    expect(platform.migrationsApplied).toEqual([]);
    const second = await look(platform);
    // The same rows (the loaders would have made new identifiers), dated for the same day.
    expect(second.userIds).toEqual(first.userIds);
    expect(second.sessionDays).toEqual(first.sessionDays);
    expect(second.linkKeys).toBe(0);
    expect(second.linkKey).not.toBe(first.linkKey);
    expect(second.checkInSecrets).toHaveLength(first.checkInSecrets.length);
    for (const secret of second.checkInSecrets) expect(first.checkInSecrets).not.toContain(secret);
    await expectVerifiableTrail(platform);
  });

  it('never uses the folder of another day: the demo data are loaded for the new day and its folder kept', async () => {
    const platform = await freshStart(NEXT_DAY, 'next-day');
    expect(platform.demoLoaded).toBe(true);
    const next = await look(platform);
    expect(next.userIds).toHaveLength(first.userIds.length);
    expect(next.userIds.filter((id) => first.userIds.includes(id))).toEqual([]);
    // Every session a day later than the day before's, as the loaders date them from the clock.
    const shifted = first.sessionDays.map((day) => {
      const date = new Date(`${day}T12:00:00Z`);
      date.setUTCDate(date.getUTCDate() + 1);
      return date.toISOString().slice(0, 10);
    });
    expect(next.sessionDays).toEqual(shifted);
    await expectVerifiableTrail(platform);
    const folders = await demoFolders();
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(new RegExp(`^prepared-demo-${NEXT_DAY}-`));
  });

  it('starts an existing data folder as it is, without the demo folder', async () => {
    const [platform] = started.splice(0, 1);
    await closePlatform(platform as Started);
    const again = await freshStart(NEXT_DAY, 'first');
    expect(again.demoLoaded).toBe(false);
    expect((await look(again)).userIds).toEqual(first.userIds);
  });
});
