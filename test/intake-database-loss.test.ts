/**
 * Case intake when PostgreSQL drops LOVIT's connections or cannot be reached: the process stays up, every
 * submission is answered (201, or 503 with Retry-After), submissions flow again without a restart, and every
 * acknowledged case is in the archive exactly once. Only on a PostgreSQL server: the embedded database has
 * no connections to lose.
 */
import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import type { TestDatabase } from './support/database.ts';
import { openIntakeDesk } from './support/intake.ts';

/**
 * A TCP relay to the PostgreSQL server that can refuse connections, as a server that is down does. The intake
 * writer's thread connects through it, so a test can keep the writer's thread from starting.
 */
async function relayTo(url: string) {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let refusing = false;
  const server = createServer((socket) => {
    if (refusing) return void socket.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => undefined);
      end.on('close', () => {
        socket.destroy();
        upstream.destroy();
        sockets.delete(end);
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(url);
  relayed.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: relayed.toString(),
    refuse(refuse: boolean) {
      refusing = refuse;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<unknown>((resolve) => server.close(resolve));
    },
  };
}

/** Ends every connection to the database but the caller's, as a server restart does. */
async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [new URL(url).pathname.slice(1)],
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.runIf(process.env.TEST_DATABASE_URL)('case intake when the database goes away', () => {
  let database: TestDatabase;
  let t: TestApp;
  let bearer: Record<string, string>;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let base: string;
  /** The database's own address, not through the relay. */
  let direct: string;
  let next = 0;

  /** One submission over HTTP, never waiting more than 15 s for its answer. */
  const submit = async () => {
    const n = next++;
    const answer = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json', 'idempotency-key': `database-loss-${n}` },
      body: JSON.stringify(workPermitApplication(n)),
      signal: AbortSignal.timeout(15_000),
    });
    return {
      status: answer.status,
      type: answer.headers.get('content-type'),
      retryAfter: answer.headers.get('retry-after'),
      body: (await answer.json()) as { id?: string; detail?: string },
    };
  };
  const ready = async () => (await fetch(`${base}/readyz`)).json() as Promise<{ checks: object }>;

  beforeAll(async () => {
    ({ database, t, bearer } = await openIntakeDesk('postgres', 1000, {
      jobs: true,
      config: { INTAKE_TIMEOUT_SECONDS: '2' },
    }));
    direct = database.url as string;
    relay = await relayTo(direct);
    // The writer's thread reaches the database through the relay; everything else directly.
    t.platform.database.url = relay.url;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await stopTestApp(t);
    await relay.close();
    await database.dispose();
  });

  it('answers 503 with Retry-After while the writer cannot start, reports not ready, and starts it again once the database answers', async () => {
    relay.refuse(true);
    await expect.poll(() => fetch(`${base}/readyz`).then((r) => r.status), { timeout: 10_000 }).toBe(503);
    expect((await ready()).checks).toMatchObject({ intake: 'error', database: 'ok' });
    const refused = await submit();
    expect(refused.status).toBe(503);
    expect(refused.type).toContain('application/problem+json');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    relay.refuse(false);
    await expect.poll(() => fetch(`${base}/readyz`).then((r) => r.status), { timeout: 10_000 }).toBe(200);
    expect((await submit()).status).toBe(201);
  });

  it('answers 503 to a submission the writer cannot finish in time, then writes the next ones', async () => {
    const locker = new pg.Client({ connectionString: direct });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table case_file in exclusive mode');
    const held = await submit();
    await locker.query('rollback');
    await locker.end();
    expect(held.status).toBe(503);
    expect(Number(held.retryAfter)).toBeGreaterThan(0);
    // The writer had it when the time ran out: it may be written, and the clerk is told so.
    expect(held.body.detail).toMatch(/^Non è certo che la domanda sia stata registrata\. Inviala di nuovo/);
    expect((await submit()).status).toBe(201);
  });

  it('survives its connections being ended in the middle of a burst: all answered, flowing again, each 201 written once', async () => {
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let ended = false;
    let afterEnd = 0;
    const client = async () => {
      const deadline = Date.now() + 20_000;
      while (afterEnd < 20 && Date.now() < deadline) {
        const answer = await submit();
        statuses.push(answer.status);
        if (answer.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        if (answer.status !== 201) continue;
        acknowledged.push(answer.body.id as string);
        if (ended) afterEnd++;
        else if (acknowledged.length >= 20) {
          ended = true;
          expect(await terminateBackends(direct)).toBeGreaterThan(0);
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);

    expect(afterEnd).toBeGreaterThanOrEqual(20);
    expect(new Set(statuses)).toEqual(new Set(statuses.filter((status) => status === 201 || status === 503)));
    const found = await database.db
      .selectFrom('caseFile')
      .select('id')
      .where('id', 'in', acknowledged)
      .execute();
    expect(found).toHaveLength(acknowledged.length);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
