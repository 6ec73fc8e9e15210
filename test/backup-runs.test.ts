import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import type { Backend } from '../src/kernel/db.ts';
import { runBackup } from '../src/modules/ops/runs.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const METRICS_TOKEN = 'prometheus-of-the-prefecture-0123456789';

describe.each(BACKENDS)('the daily backup on %s', (backend: Backend) => {
  let database: TestDatabase;
  let t: TestApp;
  let folder: string;
  let adminEmail: string;
  let manager: Session;
  /** Signed in afresh: the tests move the clock past a session's life. */
  const admin = () => signIn(t.app, adminEmail);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lovit-backup-runs-'));
    database = await openTestDatabase(backend);
    // With the job queue at work, as in a running LOVIT: the dump is taken while it writes.
    t = await startTestApp(database, {
      jobs: true,
      config: {
        DATA_DIR: path.join(folder, 'data'),
        BACKUP_DIR: path.join(folder, 'backups'),
        BACKUP_KEEP: '1',
        BACKUP_AT: '03:15',
        METRICS_TOKEN,
      },
    });
    const organisation = await makeOrganisation(t.platform);
    const adminUser = await makeUser(t.platform, [{ organisationId: organisation.id, role: 'admin' }]);
    const managerUser = await makeUser(t.platform, [
      { organisationId: organisation.id, role: 'sui_manager' },
    ]);
    adminEmail = adminUser.email;
    manager = await signIn(t.app, managerUser.email);
  });

  afterAll(async () => {
    await stopTestApp(t);
    await database.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  const status = async (session: Session) =>
    t.app.inject({ method: 'GET', url: '/api/ops/backup', headers: session.headers });
  const metrics = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).body;

  it('shows the administrator the schedule and no backup yet; nobody else sees it', async () => {
    const answer = await status(await admin());
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      lastSuccess: null,
      lastFailure: null,
      schedule: { time: '03:15', keep: 1, folder: path.join(folder, 'backups') },
      canRunNow: true,
    });
    expect((await status(manager)).statusCode).toBe(403);
    expect(await metrics()).toMatch(/^lovit_backup_last_success_timestamp_seconds 0$/m);
  });

  it('keeps the newest archives, records each run with its audit entry and shows it on /metrics', async () => {
    for (const minute of ['01', '02']) {
      t.clock.set(`2026-03-03T02:${minute}:00+01:00`);
      await runBackup(t.platform, SYSTEM_CALLER, 'SCHEDULE');
    }
    expect(await readdir(path.join(folder, 'backups'))).toEqual(['lovit-backup-2026-03-03T0202.tar.gz']);
    const { lastSuccess, lastFailure } = (await status(await admin())).json();
    expect(lastSuccess).toMatchObject({
      at: '2026-03-03T01:02:00.000Z',
      archive: 'lovit-backup-2026-03-03T0202.tar.gz',
    });
    expect(lastSuccess.sizeBytes).toBeGreaterThan(0);
    expect(lastFailure).toBeNull();
    const text = await metrics();
    expect(text).toMatch(/^lovit_backup_last_success_timestamp_seconds 1772499720$/m);
    expect(text).toMatch(new RegExp(`^lovit_backup_last_size_bytes ${lastSuccess.sizeBytes}$`, 'm'));
    const audit = await database.db
      .selectFrom('auditEntry')
      .select('action')
      .where('entityType', '=', 'ops.backup')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['ops.backup.write', 'ops.backup.write']);
  });

  it('records a failure in words the administrator can act on, after the last success', async () => {
    const blocked = path.join(folder, 'not-a-folder');
    await writeFile(blocked, 'a file where the folder should be');
    const platform = {
      ...t.platform,
      config: { ...t.platform.config, backup: { ...t.platform.config.backup, dir: blocked } },
    };
    t.clock.set('2026-03-04T02:30:00+01:00');
    await runBackup(platform, SYSTEM_CALLER, 'SCHEDULE');
    const { lastSuccess, lastFailure } = (await status(await admin())).json();
    expect(lastSuccess.at).toBe('2026-03-03T01:02:00.000Z');
    expect(lastFailure).toEqual({
      at: '2026-03-04T01:30:00.000Z',
      message: `Il percorso dei backup (${blocked}) non è una cartella.`,
    });
  });

  it('takes a backup when the administrator presses "Esegui ora", through the job queue', async () => {
    t.clock.set('2026-03-05T10:00:00+01:00');
    const session = await admin();
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/ops/backup/run',
      headers: session.headers,
    });
    expect(answer.statusCode).toBe(202);
    await expect
      .poll(async () => (await status(session)).json().lastSuccess?.archive, { timeout: 20_000 })
      .toBe('lovit-backup-2026-03-05T1000.tar.gz');
    const requested = await database.db
      .selectFrom('auditEntry')
      .select('actorUserId')
      .where('action', '=', 'ops.backup.request')
      .executeTakeFirstOrThrow();
    expect(requested.actorUserId).toBe(session.view.user.id);
  });
});
