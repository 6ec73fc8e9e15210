import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARRIVAL_WAIT_MS, fingerprint } from '../src/modules/cases/intake/service.ts';
import { stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import type { Session } from './support/identity.ts';
import { openIntakeDesk, setQuota } from './support/intake.ts';

/** Many submissions at once: they are written in several batches, the next prepared while one commits. */
for (const backend of BACKENDS) {
  describe(`intake in batches on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let bearer: Record<string, string>;
    let allowBroken: () => Promise<unknown>;

    const submit = (n: number, externalReference?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { ...bearer, 'idempotency-key': `click-day-batch-${n}` },
        payload: workPermitApplication(n, externalReference ? { externalReference } : {}) as object,
      });

    /**
     * Makes the database refuse the case with this external reference, as it is inserted or only when its
     * transaction commits. Answers how to take the fault away.
     */
    const refuseCase = async (reference: string, when: 'insert' | 'commit') => {
      const name = sql.raw(`refuse_at_${when}`);
      await sql`
        create function ${name}() returns trigger language plpgsql as $$
        begin
          if new.external_reference = ${sql.lit(reference)} then
            raise exception 'refused for the test' using errcode = '23505';
          end if;
          return new;
        end $$`.execute(database.db);
      await (when === 'insert'
        ? sql`create trigger ${name} before insert on case_file for each row execute function ${name}()`
        : sql`create constraint trigger ${name} after insert on case_file
              deferrable initially deferred for each row execute function ${name}()`
      ).execute(database.db);
      return () => sql`drop trigger ${name} on case_file`.execute(database.db);
    };

    const count = async (table: 'caseFile' | 'person' | 'intakeRequest') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      ({ database, t, manager, bearer } = await openIntakeDesk(backend, 150));
      // A fault the database raises for one submission only, in the middle of its batch's multi-table write,
      // as a race on a unique key would.
      allowBroken = await refuseCase('ALI-BROKEN', 'insert');
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('keeps arrival order, the quota and gap-free numbers across batches; a refused submission sinks no other and leaves nothing', async () => {
      const total = 300;
      const broken = 137;
      const answers = await Promise.all(
        Array.from({ length: total }, (_, n) => submit(n, n === broken ? 'ALI-BROKEN' : undefined)),
      );
      const refused = answers[broken];
      expect(refused?.statusCode).toBe(409);
      expect(refused?.headers['content-type']).toContain('application/problem+json');

      const written = answers.filter((_, n) => n !== broken);
      expect(written.map((a) => a.statusCode)).toEqual(Array(total - 1).fill(201));
      const results = written.map((a) => a.json());
      // Protocol numbers follow the arrival order without a gap, the refused one taking none.
      expect(results.map((r) => r.number)).toEqual(
        Array.from({ length: total - 1 }, (_, i) => `LO-2026-${String(i + 1).padStart(6, '0')}`),
      );
      // The first 150 arrivals have the quota places, in order; the rest are closed as quota esaurita.
      expect(results.map((r) => r.quotaRank)).toEqual([
        ...Array.from({ length: 150 }, (_, i) => i + 1),
        ...Array(total - 1 - 150).fill(null),
      ]);
      expect(results.slice(150).every((r) => r.state === 'QUOTA_EXHAUSTED')).toBe(true);

      // Nothing of the refused submission is in the archive: no case, no person, no key, no audit entry.
      expect(await count('caseFile')).toBe(total - 1);
      expect(await count('person')).toBe(total - 1);
      expect(await count('intakeRequest')).toBe(total - 1);
      const audited = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'cases.case.submit')
        .execute();
      expect(audited).toHaveLength(total - 1);
      const quota = await t.app.inject({ url: '/api/quotas?year=2026', headers: manager.headers });
      expect(quota.json()).toEqual([expect.objectContaining({ total: 150, used: 150 })]);

      // The refused submission, sent again once the fault is gone, is written with the next number.
      await allowBroken();
      const again = await submit(broken, 'ALI-BROKEN');
      expect(again.statusCode).toBe(201);
      expect(again.json().number).toBe(`LO-2026-${String(total).padStart(6, '0')}`);
    });

    it('keeps arrival order when a batch is refused at its commit: the batches behind it wait and follow', async () => {
      // A fault raised only when the batch commits, while the next batches are already under way.
      const allowAtCommit = await refuseCase('ALI-COMMIT', 'commit');
      const before = await count('caseFile');
      const total = 200;
      const broken = 71;
      const answers = await Promise.all(
        Array.from({ length: total }, (_, n) => submit(1000 + n, n === broken ? 'ALI-COMMIT' : undefined)),
      );
      await allowAtCommit();

      expect(answers[broken]?.statusCode).toBe(409);
      const written = answers.filter((_, n) => n !== broken);
      expect(written.map((a) => a.statusCode)).toEqual(Array(total - 1).fill(201));
      expect(written.map((a) => a.json().number)).toEqual(
        Array.from({ length: total - 1 }, (_, i) => `LO-2026-${String(before + i + 1).padStart(6, '0')}`),
      );
      expect(await count('caseFile')).toBe(before + total - 1);
      expect(await count('intakeRequest')).toBe(before + total - 1);
    });

    it('lets a client that sends its body slowly lose its place, not the others', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = new URL(address);
      const body = JSON.stringify(workPermitApplication(900));
      // The server starts to read the slow client's body: from then on its place is timed.
      const reading = new Promise<void>((resolve) => {
        t.app.server.once('request', (request: IncomingMessage) => request.once('resume', resolve));
      });
      const slow = connect(Number(port), '127.0.0.1');
      const answered = new Promise<string>((resolve) => {
        let text = '';
        slow.on('data', (chunk) => {
          text += chunk;
          if (text.includes('"number"')) resolve(text);
        });
      });
      slow.write(
        `POST /api/cases HTTP/1.1\r\nHost: lovit\r\nAuthorization: ${bearer.authorization}\r\n` +
          `Idempotency-Key: click-day-slow-900\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 100)}`,
      );
      await reading;
      t.clock.advance(ARRIVAL_WAIT_MS + 1);
      // Sent after the slow one had started, complete at once: it does not wait for the slow client.
      const quick = await fetch(`${address}/api/cases`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json', 'idempotency-key': 'click-day-quick-901' },
        body: JSON.stringify(workPermitApplication(901)),
      });
      expect(quick.status).toBe(201);
      // The rest of the body, without closing the sending side: a half-closed socket gets no answer.
      slow.write(body.slice(100));
      const slowNumber = /"number":"([^"]+)"/.exec(await answered)?.[1] ?? '';
      slow.destroy();
      const quickNumber = ((await quick.json()) as { number: string }).number;
      expect(slowNumber > quickNumber).toBe(true);
    });

    it.skipIf(backend === 'pglite')(
      'answers the case stored by another process for a key it sent there too, even when that one commits later',
      async () => {
        const body = (n: number) => JSON.stringify(workPermitApplication(n));
        const earlier = await Promise.all(
          [3000, 3001].map((n) =>
            t.app.inject({
              method: 'POST',
              url: '/api/cases',
              headers: { ...bearer, 'content-type': 'application/json', 'idempotency-key': `elsewhere-${n}` },
              payload: body(n),
            }),
          ),
        );
        const office = await database.db
          .selectFrom('organisation')
          .select('id')
          .where('code', '=', 'PREF-LO')
          .executeTakeFirstOrThrow();
        // Another process holds both keys in transactions not yet committed, with the cases it stored.
        const elsewhere = await Promise.all(
          earlier.map(async (answer, index) => {
            const trx = await database.db.startTransaction().execute();
            await trx
              .insertInto('intakeRequest')
              .values({
                organisationId: office.id,
                idempotencyKey: `elsewhere-race-${index}`,
                bodyHash: fingerprint(body(4000 + index)),
                caseId: answer.json().id,
                response: JSON.stringify(answer.json()),
                createdAt: new Date(),
              })
              .execute();
            return trx;
          }),
        );
        const sent = [0, 1].map((index) =>
          t.app.inject({
            method: 'POST',
            url: '/api/cases',
            headers: {
              ...bearer,
              'content-type': 'application/json',
              'idempotency-key': `elsewhere-race-${index}`,
            },
            payload: body(4000 + index),
          }),
        );
        // The first commits while this process waits on its key; the second once this process has
        // looked its key up again and found nothing yet.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await elsewhere[0]?.commit().execute();
        await new Promise((resolve) => setTimeout(resolve, 500));
        await elsewhere[1]?.commit().execute();
        const answers = await Promise.all(sent);
        expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
        expect(answers.map((answer) => answer.json().id)).toEqual(earlier.map((answer) => answer.json().id));
      },
    );

    it('follows places and numbers moved under the writer: a quota raised by its manager, numbers taken elsewhere', async () => {
      const counter = sql<{
        last: number;
      }>`select last_number as last from protocol_counter where year = 2026`;
      const last = Number((await counter.execute(database.db)).rows[0]?.last);
      await setQuota(t.app, manager, 160, 'DPCM integrativo');
      // Another process (an import) takes two numbers.
      await sql`update protocol_counter set last_number = last_number + 2 where year = 2026`.execute(
        database.db,
      );

      const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => submit(2000 + n)));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
      const results = answers.map((a) => a.json());
      expect(results.map((r) => r.number)).toEqual(
        Array.from({ length: 20 }, (_, i) => `LO-2026-${String(last + 3 + i).padStart(6, '0')}`),
      );
      expect(results.map((r) => r.quotaRank)).toEqual([
        ...Array.from({ length: 10 }, (_, i) => 151 + i),
        ...Array(10).fill(null),
      ]);
      const quota = await t.app.inject({ url: '/api/quotas?year=2026', headers: manager.headers });
      expect(quota.json()).toEqual([expect.objectContaining({ total: 160, used: 160 })]);
    });
  });
}
