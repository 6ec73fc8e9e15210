import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { identityModule } from '../src/modules/identity/index.ts';
import { SIGN_IN_ATTEMPTS } from '../src/modules/identity/rules.ts';
import {
  API_CLIENT_CACHE_MS,
  API_CLIENTS_KEPT_MAX,
  apiClientsKept,
  createApiClient,
  resolveApiClient,
} from '../src/modules/identity/service.ts';
import { SESSION_REUSE_MS } from '../src/modules/identity/sessions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, PASSWORD, type Session, signIn } from './support/identity.ts';

for (const backend of BACKENDS) {
  describe(`sign-in and sessions on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let prefecture: Awaited<ReturnType<typeof makeOrganisation>>;
    let questura: Awaited<ReturnType<typeof makeOrganisation>>;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di prova' });
      questura = await makeOrganisation(t.platform, { type: 'POLICE_HQ', name: 'Questura di prova' });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('signs in with a password, sets an HttpOnly SameSite cookie and returns the session', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email.toUpperCase(), password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'lovit_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy();
      const view = res.json();
      expect(view).toMatchObject({
        user: { email: user.email },
        organisation: { id: prefecture.id },
        roles: ['sui_operator'],
      });
      expect(view.permissions).toContain('cases.access');
      expect(view.permissions).not.toContain('identity.users.manage');
      const stored = await database.db
        .selectFrom('session')
        .select('id')
        .where('userId', '=', user.id)
        .execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.id).not.toBe(cookie?.value);
    });

    it('gives the same answer for an unknown account and a wrong password, and audits both', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'mediator' }]);
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nessuno@lovit.example', password: 'x' },
      });
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'sbagliata' },
      });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ ...unknown.json(), instance: '/api/auth/login' });
      const failures = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'data'])
        .where('action', '=', 'identity.session.login_failed')
        .execute();
      expect(failures.map((f) => f.entityId)).toEqual(expect.arrayContaining([null, user.id]));
    });

    const login = (email: string, password: string, remoteAddress = '192.0.2.10') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });

    it('slows an address that keeps failing, never the right password from another address', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'trainer' }]);
      for (let i = 0; i < SIGN_IN_ATTEMPTS.freeFailures + 1; i++)
        expect((await login(user.email, `errata-${i}`)).statusCode).toBe(401);
      const delayed = await login(user.email, PASSWORD);
      expect(delayed.statusCode).toBe(429);
      expect(delayed.headers['content-type']).toContain('application/problem+json');
      expect(delayed.headers['retry-after']).toBe(String(SIGN_IN_ATTEMPTS.firstDelaySeconds));
      expect(delayed.json().detail).toBe('Troppi tentativi non riusciti: riprova tra 30 secondi.');
      expect((await login(user.email, PASSWORD, '198.51.100.20')).statusCode).toBe(200);

      t.clock.advance(SIGN_IN_ATTEMPTS.firstDelaySeconds * 1000);
      expect((await login(user.email, 'ancora-errata')).statusCode).toBe(401);
      const longer = await login(user.email, PASSWORD);
      expect(longer.headers['retry-after']).toBe(String(2 * SIGN_IN_ATTEMPTS.firstDelaySeconds));
      t.clock.advance(2 * SIGN_IN_ATTEMPTS.firstDelaySeconds * 1000);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
      const delays = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', user.id)
        .where('action', '=', 'identity.session.login_delayed')
        .execute();
      expect(delays).toHaveLength(2);
    });

    it('slows an unknown e-mail address exactly as a known one, so that a wait tells nothing', async () => {
      for (let i = 0; i < SIGN_IN_ATTEMPTS.freeFailures + 1; i++)
        expect((await login('nessuno.qui@lovit.example', `x-${i}`)).statusCode).toBe(401);
      const delayed = await login('nessuno.qui@lovit.example', 'x');
      expect(delayed.statusCode).toBe(429);
      expect(delayed.headers['retry-after']).toBe(String(SIGN_IN_ATTEMPTS.firstDelaySeconds));
    });

    it('lets many addresses together slow an account only up to the ceiling', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'mediator' }]);
      // Two failures past the free ones already reach the ceiling; more change nothing.
      const answers = await Promise.all(
        Array.from({ length: SIGN_IN_ATTEMPTS.freeFailuresEverywhere + 2 }, (_, i) =>
          login(user.email, 'errata', `203.0.113.${i + 1}`),
        ),
      );
      expect(answers.every((answer) => answer.statusCode === 401)).toBe(true);
      const again = await login(user.email, PASSWORD, '203.0.113.1');
      expect(again.statusCode).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_ATTEMPTS.ceilingSeconds);
      expect((await login(user.email, PASSWORD, '198.51.100.77')).statusCode).toBe(200);
    });

    it('counts every one of many parallel failed attempts, and lets none past a wait', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'mediator' }]);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(user.email, `errata-${i}`, '192.0.2.44')),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      const checked = SIGN_IN_ATTEMPTS.freeFailures + 1;
      expect(statuses).toEqual([...Array(checked).fill(401), ...Array(12 - checked).fill(429)]);
      const count = await database.db
        .selectFrom('failedAttempt')
        .select('failures')
        .where('subject', '=', user.email.toLowerCase())
        .where('address', '=', '192.0.2.44')
        .executeTakeFirstOrThrow();
      expect(count.failures).toBe(checked);
    });

    it('shows an administrator until when an account is slowed, and ends the wait on request', async () => {
      const admin = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }]);
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'trainee' }]);
      for (let i = 0; i < SIGN_IN_ATTEMPTS.freeFailures + 1; i++) await login(user.email, `errata-${i}`);
      const adminSession = await signIn(t.app, admin.email);
      const view = await t.app.inject({ url: `/api/users/${user.id}`, headers: adminSession.headers });
      expect(view.json().slowedUntil).toBe(
        new Date(t.clock.now().getTime() + SIGN_IN_ATTEMPTS.firstDelaySeconds * 1000).toISOString(),
      );
      const unlocked = await t.app.inject({
        method: 'POST',
        url: `/api/users/${user.id}/unlock`,
        headers: adminSession.headers,
      });
      expect(unlocked.json().slowedUntil).toBeNull();
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('deletes counts of failures once no rule remembers them, every night', async () => {
      const days = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000);
      await database.db
        .insertInto('failedAttempt')
        .values([
          {
            door: 'sign-in',
            subject: 'vecchio@lovit.example',
            address: '*',
            failures: 3,
            lastFailureAt: days(3),
          },
          {
            door: 'sign-in',
            subject: 'recente@lovit.example',
            address: '*',
            failures: 3,
            lastFailureAt: days(1),
          },
        ])
        .execute();
      const [job] = identityModule.jobs?.(t.platform) ?? [];
      expect(job?.cron).toBeDefined();
      await job?.handle({});
      const left = await database.db
        .selectFrom('failedAttempt')
        .select('subject')
        .where('subject', 'in', ['vecchio@lovit.example', 'recente@lovit.example'])
        .execute();
      expect(left).toEqual([{ subject: 'recente@lovit.example' }]);
    });

    it('records a sign-in made over another session as the new user, and ends the old session', async () => {
      const first = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
      const second = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'trainee' }]);
      const old = await signIn(t.app, first.email);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: old.headers,
        payload: { email: second.email, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/auth/session', headers: old.headers })).statusCode).toBe(401);
      const entry = await database.db
        .selectFrom('auditEntry')
        .select(['actorUserId', 'actorLabel'])
        .where('action', '=', 'identity.session.login')
        .where('entityId', '=', second.id)
        .executeTakeFirstOrThrow();
      expect(entry).toEqual({ actorUserId: second.id, actorLabel: second.email });
    });

    it('changes only the fields a PATCH sends, and refuses control characters with a 400', async () => {
      const admin = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }])).email,
      );
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: admin.headers,
        payload: {
          code: 'PATCH-1',
          name: 'Ente da modificare',
          type: 'THIRD_SECTOR',
          fiscalCode: '12345678901',
          email: 'ente@lovit.example',
        },
      });
      const id = created.json().id;
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/api/organisations/${id}`,
        headers: admin.headers,
        payload: { name: 'Nuovo nome' },
      });
      expect(patched.json()).toMatchObject({
        name: 'Nuovo nome',
        fiscalCode: '12345678901',
        email: 'ente@lovit.example',
      });
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'mediator' }], {
        fiscalCode: 'RSSMRA80A01F205X',
      });
      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: admin.headers,
        payload: { givenName: 'Maria' },
      });
      expect(renamed.json()).toMatchObject({ givenName: 'Maria', fiscalCode: 'RSSMRA80A01F205X' });
      for (const [url, payload] of [
        [`/api/organisations/${id}`, { name: 'a\u0000b' }],
        [`/api/users/${user.id}`, { givenName: 'a\u0000b' }],
      ] as const) {
        const res = await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload });
        expect(res.statusCode).toBe(400);
      }
      const search = await t.app.inject({ url: '/api/users?q=%00', headers: admin.headers });
      expect(search.statusCode).toBe(400);
    });

    it('requires the CSRF token on every state-changing request of a session', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }]);
      const session = await signIn(t.app, user.email);
      const payload = { code: 'CSRF-1', name: 'Ente CSRF', type: 'OTHER' };
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie: session.cookie },
        payload,
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().type).toBe('urn:lovit:problem:csrf');
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
        payload,
      });
      expect(forged.statusCode).toBe(403);
      expect(
        await database.db.selectFrom('organisation').where('code', '=', 'CSRF-1').selectAll().execute(),
      ).toEqual([]);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: session.headers,
        payload,
      });
      expect(ok.statusCode).toBe(201);
    });

    it('refuses a cross-site form post: only JSON bodies are read', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a%40b.it&password=x',
      });
      expect(res.statusCode).toBe(415);
    });

    it('ends a session after the idle timeout and after its absolute lifetime', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
      const idle = await signIn(t.app, user.email);
      t.clock.advance(29 * 60_000);
      expect((await t.app.inject({ url: '/api/auth/session', headers: idle.headers })).statusCode).toBe(200);
      t.clock.advance(29 * 60_000);
      expect((await t.app.inject({ url: '/api/auth/session', headers: idle.headers })).statusCode).toBe(200);
      t.clock.advance(31 * 60_000);
      const expired = await t.app.inject({ url: '/api/auth/session', headers: idle.headers });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().type).toBe('urn:lovit:problem:unauthenticated');

      const busy = await signIn(t.app, user.email);
      for (let hour = 0; hour < 12; hour++) {
        t.clock.advance(25 * 60_000);
        await t.app.inject({ url: '/api/auth/session', headers: busy.headers });
        t.clock.advance(25 * 60_000);
        await t.app.inject({ url: '/api/auth/session', headers: busy.headers });
        t.clock.advance(10 * 60_000);
      }
      expect((await t.app.inject({ url: '/api/auth/session', headers: busy.headers })).statusCode).toBe(401);
    });

    it('issues a new session id at every sign-in (no fixation) and logs out one or every session', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
      const first = await signIn(t.app, user.email);
      const second = await signIn(t.app, user.email);
      expect(first.cookie).not.toBe(second.cookie);
      const fixed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: first.cookie },
        payload: { email: user.email, password: PASSWORD },
      });
      expect(fixed.cookies.find((c) => c.name === 'lovit_session')?.value).not.toBe(
        first.cookie.split('=')[1],
      );

      const listed = await t.app.inject({ url: '/api/me/sessions', headers: first.headers });
      expect(listed.json().filter((s: { current: boolean }) => s.current)).toHaveLength(1);

      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers });
      expect(out.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/session', headers: first.headers })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/auth/session', headers: second.headers })).statusCode).toBe(
        200,
      );

      await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: second.headers });
      const fresh = await signIn(t.app, user.email).catch(() => null);
      expect(fresh).not.toBeNull();
      expect((await t.app.inject({ url: '/api/auth/session', headers: second.headers })).statusCode).toBe(
        401,
      );
    });

    it('switches between the organisations a user belongs to, and only those', async () => {
      const user = await makeUser(t.platform, [
        { organisationId: prefecture.id, role: 'legal_expert' },
        { organisationId: questura.id, role: 'questura_officer' },
      ]);
      const session = await signIn(t.app, user.email);
      const switched = await t.app.inject({
        method: 'POST',
        url: '/api/auth/organisation',
        headers: session.headers,
        payload: { organisationId: questura.id },
      });
      expect(switched.statusCode).toBe(200);
      expect(switched.json()).toMatchObject({
        organisation: { id: questura.id },
        roles: ['questura_officer'],
      });
      const other = await makeOrganisation(t.platform);
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/organisation',
        headers: session.headers,
        payload: { organisationId: other.id },
      });
      expect(refused.statusCode).toBe(404);
    });

    it('signs in where the user last worked, never into a deactivated organisation', async () => {
      const admin = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }])).email,
      );
      const clinic = await makeOrganisation(t.platform, {
        type: 'THIRD_SECTOR',
        name: 'Ambulatorio di prova',
      });
      const user = await makeUser(t.platform, [
        { organisationId: prefecture.id, role: 'sui_manager' },
        { organisationId: clinic.id, role: 'trainee' },
      ]);
      const session = await signIn(t.app, user.email);
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/organisation',
        headers: session.headers,
        payload: { organisationId: clinic.id },
      });
      t.clock.advance(60_000);
      await t.app.inject({ url: '/api/auth/session', headers: session.headers });
      expect((await signIn(t.app, user.email)).view.organisation.id).toBe(clinic.id);

      await t.app.inject({
        method: 'POST',
        url: `/api/organisations/${clinic.id}/deactivate`,
        headers: admin.headers,
      });
      const after = await signIn(t.app, user.email);
      expect(after.view.organisation.id).toBe(prefecture.id);
      expect(after.view.memberships.map((m) => m.organisationId)).toEqual([prefecture.id]);
    });

    it('names the field of a duplicate organisation code or e-mail', async () => {
      const admin = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }])).email,
      );
      const payload = { code: 'DOPPIO', name: 'Ente doppio', type: 'OTHER' };
      await t.app.inject({ method: 'POST', url: '/api/organisations', headers: admin.headers, payload });
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: admin.headers,
        payload,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().errors).toEqual([{ path: 'code', message: 'codice già usato da un altro ente' }]);
      const invite = {
        email: admin.view.user.email,
        givenName: 'A',
        familyName: 'B',
        memberships: [{ organisationId: prefecture.id, role: 'trainee' }],
      };
      const taken = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: invite,
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().errors[0].path).toBe('email');
    });

    it('changes the password after checking the current one, and ends the other sessions', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'trainee' }]);
      const here = await signIn(t.app, user.email);
      const elsewhere = await signIn(t.app, user.email);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: here.headers,
        payload: { currentPassword: 'sbagliata', newPassword: 'una nuova password abbastanza lunga' },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().errors).toEqual([
        { path: 'currentPassword', message: 'la password attuale non è corretta' },
      ]);
      const short = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: here.headers,
        payload: { currentPassword: PASSWORD, newPassword: 'corta' },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors[0]).toMatchObject({ path: 'body.newPassword' });
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: here.headers,
        payload: { currentPassword: PASSWORD, newPassword: 'una nuova password abbastanza lunga' },
      });
      expect(ok.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/session', headers: here.headers })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/auth/session', headers: elsewhere.headers })).statusCode).toBe(
        401,
      );
      await expect(signIn(t.app, user.email, 'una nuova password abbastanza lunga')).resolves.toBeDefined();
    });

    it('lets a read reuse a session look-up for at most a second, never a write', async () => {
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
      const session = await signIn(t.app, user.email);
      const read = () => t.app.inject({ url: '/api/auth/session', headers: session.headers });
      expect((await read()).statusCode).toBe(200);
      // Revoked behind the module's back, as another server process would.
      await database.db
        .updateTable('session')
        .set({ revokedAt: t.clock.now() })
        .where('userId', '=', user.id)
        .execute();
      expect((await read()).statusCode).toBe(200);
      const write = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
      expect(write.statusCode).toBe(401);
      t.clock.advance(SESSION_REUSE_MS - 1);
      expect((await read()).statusCode).toBe(200);
      t.clock.advance(1);
      expect((await read()).statusCode).toBe(401);
    });

    it('lets a revoked API client in for at most a minute after its last look-up', async () => {
      const client = await createApiClient(t.platform, SYSTEM_CALLER, {
        organisationCode: prefecture.code,
        name: 'Portale di prova',
      });
      // Authenticated, the empty application is refused by the schema; unauthenticated, by access control.
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/cases',
          headers: { authorization: `Bearer ${client.token}`, 'idempotency-key': `revoked-${client.id}` },
          payload: {},
        });
      expect((await send()).statusCode).toBe(400);
      await database.db
        .updateTable('apiClient')
        .set({ revokedAt: t.clock.now() })
        .where('id', '=', client.id)
        .execute();
      t.clock.advance(API_CLIENT_CACHE_MS - 1);
      expect((await send()).statusCode).toBe(400);
      t.clock.advance(1);
      expect((await send()).statusCode).toBe(401);
    });

    // The cache does not depend on the backend: the server, which answers the 2 000 queries faster, suffices.
    // Twice the bound: a cache that kept misses would hold more than it may.
    it.runIf(backend === 'postgres')(
      'keeps no memory of unknown bearer tokens and a bounded number of clients',
      async () => {
        const client = await createApiClient(t.platform, SYSTEM_CALLER, {
          organisationCode: prefecture.code,
          name: 'Portale sotto attacco',
        });
        const resolve = resolveApiClient(t.platform);
        for (let batch = 0; batch < (2 * API_CLIENTS_KEPT_MAX) / 100; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 100 }, () => resolve(randomBytes(32).toString('base64url'))),
          );
          expect(answers.every((actor) => actor === null)).toBe(true);
        }
        expect(apiClientsKept()).toBeLessThanOrEqual(API_CLIENTS_KEPT_MAX);
        expect(apiClientsKept()).toBeLessThan(100);
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/cases',
          headers: { authorization: `Bearer ${client.token}`, 'idempotency-key': `valid-${client.id}` },
          payload: {},
        });
        expect(res.statusCode).toBe(400);
      },
    );

    it('forgets every reused session look-up at logout, at a role change and at a deactivation', async () => {
      const admin = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }]);
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
      const adminSession = await signIn(t.app, admin.email);
      const [first, second] = [await signIn(t.app, user.email), await signIn(t.app, user.email)];
      const read = (session: Session) => t.app.inject({ url: '/api/auth/session', headers: session.headers });
      expect((await read(first)).json().roles).toEqual(['sui_operator']);
      expect((await read(second)).statusCode).toBe(200);

      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers });
      expect((await read(first)).statusCode).toBe(401);

      const changed = await t.app.inject({
        method: 'PUT',
        url: `/api/users/${user.id}/memberships`,
        headers: adminSession.headers,
        payload: { memberships: [{ organisationId: prefecture.id, role: 'mediator' }] },
      });
      expect(changed.statusCode).toBe(200);
      expect((await read(second)).json().roles).toEqual(['mediator']);

      await t.app.inject({
        method: 'POST',
        url: `/api/users/${user.id}/deactivate`,
        headers: adminSession.headers,
      });
      expect((await read(second)).statusCode).toBe(401);
    });

    it('refuses sign-in to a deactivated user and ends their sessions at once', async () => {
      const admin = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }]);
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'mediator' }]);
      const adminSession = await signIn(t.app, admin.email);
      const userSession = await signIn(t.app, user.email);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/users/${user.id}/deactivate`,
        headers: adminSession.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().isActive).toBe(false);
      expect(
        (await t.app.inject({ url: '/api/auth/session', headers: userSession.headers })).statusCode,
      ).toBe(401);
      await expect(signIn(t.app, user.email)).rejects.toThrow(/401/);
    });
  });
}

describe('sign-in rate limit', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    t = await startTestApp(database, { config: { LOGIN_RATE_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await stopTestApp(t);
    await database.dispose();
  });

  it('answers 429 with a problem after too many attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@lovit.example', password: 'x' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429)
        expect(res.json()).toMatchObject({ type: 'urn:lovit:problem:rate-limited', status: 429 });
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
