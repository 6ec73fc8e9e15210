/**
 * Two LOVIT processes on one PostgreSQL database, as behind a load balancer: they start together on an empty
 * database, take case submissions at the same time, and share the quota, the protocol numbers, the jobs, the
 * request limits and the waits after failed sign-ins.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationCommand } from '../src/cli/users.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { type DatabaseHandle, openServerDatabase } from '../src/kernel/db.ts';
import { createMailer } from '../src/kernel/mail.ts';
import { knownMigrations } from '../src/kernel/migrate.ts';
import type { Platform } from '../src/kernel/platform.ts';
import { SIGN_IN_ATTEMPTS } from '../src/modules/identity/rules.ts';
import { createApiClient } from '../src/modules/identity/service.ts';
import { testConfig } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { createServerDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, PASSWORD } from './support/identity.ts';
import { type ReceivedMail, startSmtpServer } from './support/smtp.ts';

type Lovit = { child: ChildProcess; stdout: string; stderr: string; exited: Promise<number | null> };

function startLovit(env: Record<string, string>): Lovit {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lovit: Lovit = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stdout?.on('data', (chunk) => {
    lovit.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    lovit.stderr += chunk;
  });
  return lovit;
}

async function readyAddress(lovit: Lovit): Promise<string> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const address = lovit.stdout.match(/LOVIT is ready at (http:\/\/127\.0\.0\.1:\d+) /)?.[1];
    if (address) return address;
    if (lovit.child.exitCode !== null) throw new Error(`LOVIT exited early: ${lovit.stderr}`);
    if (Date.now() > deadline) throw new Error(`LOVIT not ready in time: ${lovit.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopLovit(lovit: Lovit): Promise<void> {
  if (lovit.child.exitCode !== null) return;
  lovit.child.kill('SIGTERM');
  await lovit.exited;
}

const mailsTo = (inbox: ReceivedMail[], to: string) => inbox.filter((mail) => mail.to.includes(to));

describe.skipIf(!process.env.TEST_DATABASE_URL)('two LOVIT processes on one PostgreSQL database', () => {
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dataDir: string;
  let processes: Lovit[] = [];
  let addresses: string[] = [];
  let database: DatabaseHandle;
  let platform: Platform;
  let bearer: string;
  let manager: { cookie: string; csrf: string };

  const post = (address: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${address}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await createServerDatabase();
    smtp = await startSmtpServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-two-'));
    // Both start at once on the empty database: each tries to migrate it.
    const env = {
      DATABASE_URL: server.url,
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      MAIL_RETRY_SECONDS: '1',
    };
    processes = [startLovit(env), startLovit(env)];
    addresses = await Promise.all(processes.map(readyAddress));

    database = await openServerDatabase(server.url, { max: 2 });
    platform = {
      config: testConfig(),
      database,
      clock: systemClock,
      mailer: createMailer(undefined, pino({ level: 'silent' })),
    };
    // The office as the production guide creates it, with `lovit organisation:create`.
    expect(
      await createOrganisationCommand(database, {
        code: 'pref-lo',
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      }),
    ).toBe('Created Prefettura di Lodi (PREF-LO).');
    const prefecture = await database.db
      .selectFrom('organisation')
      .select('id')
      .where('code', '=', 'PREF-LO')
      .executeTakeFirstOrThrow();
    const user = await makeUser(platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
    const client = await createApiClient(platform, SYSTEM_CALLER, {
      organisationCode: 'PREF-LO',
      name: 'Portale ALI',
    });
    bearer = `Bearer ${client.token}`;
    const login = await post(addresses[0] as string, '/api/auth/login', {
      email: user.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    manager = { cookie, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map(stopLovit));
    platform?.mailer.close();
    await database?.close();
    await smtp?.stop();
    await server?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('both migrate the empty database together and answer ready', async () => {
    for (const address of addresses) {
      const ready = await fetch(`${address}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', jobs: 'ok' } });
    }
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      database.db,
    );
    expect(rows.map((row) => row.name)).toEqual(await knownMigrations());
  });

  it('a session opened on one process is good on the other', async () => {
    const session = await fetch(`${addresses[1]}/api/auth/session`, { headers: { cookie: manager.cookie } });
    expect(session.status).toBe(200);
  });

  it('shares the quota and the protocol numbers: submissions to both, each stored once, numbered without gaps', async () => {
    const quota = await fetch(`${addresses[1]}/api/quotas`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: manager.cookie, 'x-csrf-token': manager.csrf },
      body: JSON.stringify({ year: 2026, sector: 'NON_SEASONAL', total: 25, legalBasis: 'DPCM 2.10.2025' }),
    });
    expect(quota.status).toBe(200);

    const submissions = 60;
    // The first five keys go to both processes at once, as a client retrying on another one would send them.
    const sends = Array.from({ length: submissions }, (_, n) =>
      (n < 5 ? addresses : [addresses[n % 2] as string]).map((address) =>
        post(address, '/api/cases', workPermitApplication(n), {
          authorization: bearer,
          'idempotency-key': `two-processes-${n}`,
        }),
      ),
    );
    const answers = await Promise.all(sends.map((tries) => Promise.all(tries)));
    const results = await Promise.all(
      answers.map((tries) =>
        Promise.all(
          tries.map(async (answer) => {
            expect(answer.status).toBe(201);
            return (await answer.json()) as { id: string; number: string; admitted: boolean };
          }),
        ),
      ),
    );
    for (const tries of results) expect(new Set(tries.map((result) => result.id)).size).toBe(1);
    const firsts = results.map((tries) => tries[0] as { id: string; number: string; admitted: boolean });
    expect(firsts.map((result) => result.number).sort()).toEqual(
      Array.from({ length: submissions }, (_, i) => `LO-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(firsts.filter((result) => result.admitted)).toHaveLength(25);

    const stored = await database.db.selectFrom('caseFile').select(['id', 'number']).execute();
    expect(stored).toHaveLength(submissions);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(firsts.map((result) => result.id)));
    const used = await database.db.selectFrom('quota').select(['total', 'used']).executeTakeFirstOrThrow();
    expect(used).toEqual({ total: 25, used: 25 });
  }, 120_000);

  it('sends each e-mail of the outbox once, whichever process wrote it and both workers running', async () => {
    const organisation = await makeOrganisation(platform);
    const users = await Promise.all(
      Array.from({ length: 6 }, () =>
        makeUser(platform, [{ organisationId: organisation.id, role: 'trainer' }]),
      ),
    );
    const asked = await Promise.all(
      users.map((user, n) =>
        post(addresses[n % 2] as string, '/api/auth/password-reset', { email: user.email }),
      ),
    );
    expect(asked.map((answer) => answer.status)).toEqual(Array(6).fill(202));
    const deadline = Date.now() + 30_000;
    while (users.some((user) => mailsTo(smtp.inbox, user.email).length === 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    // Both workers have had time to pick the same mail up, had they not claimed it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const user of users) expect(mailsTo(smtp.inbox, user.email)).toHaveLength(1);
  }, 60_000);

  it('counts the request limit of an address across both processes', async () => {
    // Document verification takes 30 requests a minute from one address.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => fetch(`${addresses[n % 2]}/api/verify/NONESISTE${n}`)),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(10);
    expect(refused[0]?.headers.get('content-type')).toContain('application/problem+json');
  }, 60_000);

  it('makes an address that failed to sign in on one process wait on the other', async () => {
    const organisation = await makeOrganisation(platform);
    const user = await makeUser(platform, [{ organisationId: organisation.id, role: 'trainer' }]);
    for (let n = 0; n <= SIGN_IN_ATTEMPTS.freeFailures; n++) {
      const failed = await post(addresses[n % 2] as string, '/api/auth/login', {
        email: user.email,
        password: `errata-${n}`,
      });
      expect(failed.status).toBe(401);
    }
    for (const address of addresses) {
      const delayed = await post(address, '/api/auth/login', { email: user.email, password: PASSWORD });
      expect(delayed.status).toBe(429);
      expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 60_000);
});
