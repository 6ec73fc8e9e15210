import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/boot.ts';
import type { MailStatus } from '../src/db/tables/kernel.ts';
import { verifyAuditTrail } from '../src/kernel/audit.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { Conflict } from '../src/kernel/errors.ts';
import { newId } from '../src/kernel/ids.ts';
import { INSTANCE_NAME } from '../src/kernel/jobs.ts';
import { writeTransaction } from '../src/kernel/transaction.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation } from './support/identity.ts';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const backend of BACKENDS) {
  describe(`background jobs on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('runs a queued job on the same database and records its effect', async () => {
      t.clock.set('2026-03-02T10:15:00Z');
      await t.platform.jobs?.send('system.heartbeat', {});
      const beat = await waitFor(() =>
        database.db
          .selectFrom('systemHeartbeat')
          .selectAll()
          .where('instance', '=', INSTANCE_NAME)
          .executeTakeFirst(),
      );
      expect(beat.beatAt.toISOString()).toBe('2026-03-02T10:15:00.000Z');
      expect(beat.beats).toBe(1);

      t.clock.set('2026-03-02T10:16:00Z');
      await t.platform.jobs?.send('system.heartbeat', {});
      const second = await waitFor(async () => {
        const row = await database.db.selectFrom('systemHeartbeat').selectAll().executeTakeFirst();
        return row && row.beats === 2 ? row : undefined;
      });
      expect(second.beatAt.toISOString()).toBe('2026-03-02T10:16:00.000Z');
    });

    it('seals new audit entries into the hash chain in the background', async () => {
      await makeOrganisation(t.platform);
      expect((await verifyAuditTrail(database.db)).unsealed).toBeGreaterThan(0);
      await t.platform.jobs?.send('audit.seal', {});
      const verification = await waitFor(async () => {
        const result = await verifyAuditTrail(database.db);
        return result.unsealed === 0 ? result : undefined;
      });
      expect(verification).toMatchObject({ broken: null });
      expect(verification.sealed).toBeGreaterThan(0);
    });

    it('reports the job queue as running in readiness', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.json().checks.jobs).toBe('ok');
    });

    it('leaves no mail behind when the change that queued it rolls back', async () => {
      const refused = writeTransaction(database.db, t.clock, SYSTEM_CALLER, async ({ audit, mail }) => {
        await audit({ kind: 'change', action: 'test.rollback', entityType: 'test', entityId: null });
        await mail(
          { to: 'annullata@lovit.example', subject: 'Mai partita', text: 'La modifica è stata annullata.' },
          { topic: 'test.rollback', entityId: null },
        );
        throw new Conflict('La modifica non si può fare.');
      });
      await expect(refused).rejects.toThrow(Conflict);
      const left = await database.db
        .selectFrom('mailOutbox')
        .selectAll()
        .where('recipient', '=', 'annullata@lovit.example')
        .execute();
      expect(left).toEqual([]);
    });

    it('forgets sent mail and empties undeliverable mail thirty days on, every night', async () => {
      const written = (day: string, status: MailStatus, recipient: string) => ({
        id: newId(),
        topic: 'test.retention',
        entityId: null,
        recipient,
        subject: 'Convocazione pratica LO-2026-000001',
        body: status === 'SENT' ? null : JSON.stringify({ text: 'Gentile Mario Rossi, via Roma 1, Lodi' }),
        status,
        attempts: 1,
        nextAttemptAt: new Date(day),
        createdAt: new Date(day),
        sentAt: status === 'SENT' ? new Date(day) : null,
      });
      await database.db
        .insertInto('mailOutbox')
        .values([
          written('2026-01-31T09:00:00Z', 'SENT', 'vecchia@lovit.example'),
          written('2026-02-02T09:00:00Z', 'SENT', 'recente@lovit.example'),
          written('2026-01-31T09:00:00Z', 'UNDELIVERABLE', 'respinta@lovit.example'),
          written('2026-02-02T09:00:00Z', 'UNDELIVERABLE', 'respinta-ieri@lovit.example'),
        ])
        .execute();
      t.clock.set('2026-03-03T03:50:00Z');
      expect(jobDefinitions(t.platform).find((job) => job.queue === 'kernel.mail.retention')?.cron).toBe(
        '50 3 * * *',
      );
      await t.platform.jobs?.send('kernel.mail.retention', {});
      const kept = await waitFor(async () => {
        const rows = await database.db
          .selectFrom('mailOutbox')
          .select(['recipient', 'status', 'body'])
          .where('topic', '=', 'test.retention')
          .orderBy('recipient')
          .execute();
        return rows.length === 3 ? rows : undefined;
      });
      expect(kept).toEqual([
        { recipient: 'recente@lovit.example', status: 'SENT', body: null },
        { recipient: 'respinta-ieri@lovit.example', status: 'UNDELIVERABLE', body: expect.anything() },
        { recipient: 'respinta@lovit.example', status: 'UNDELIVERABLE', body: null },
      ]);
    });
  });
}
