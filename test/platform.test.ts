import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { createOrganisation } from '../src/modules/identity/directory.ts';
import { SIGN_IN_ATTEMPTS } from '../src/modules/identity/rules.ts';
import { STYLESHEET_PATH } from '../src/modules/portal/layout.tsx';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, signIn } from './support/identity.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';
const METRICS_TOKEN = 'prometheus-of-the-prefecture-0123456789';

for (const backend of BACKENDS) {
  describe(`platform on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database, {
        config: { METRICS_TOKEN, METRICS_ALLOW: '10.20.0.0/16' },
      });
      // Routes that exercise the kernel's validation and error mapping with real schemas and a real table.
      t.app.post(
        '/api/test/echo',
        {
          config: { access: 'public' },
          schema: { body: z.object({ email: z.email(), age: z.number().int().min(18) }) },
        },
        async (request) => request.body,
      );
      t.app.post(
        '/api/test/organisations',
        { config: { access: 'public' }, schema: { body: z.object({ code: z.string() }) } },
        async (request) =>
          database.db
            .insertInto('organisation')
            .values({
              id: crypto.randomUUID(),
              code: request.body.code,
              name: 'Ente di prova',
              type: 'OTHER',
            })
            .returning('code')
            .executeTakeFirstOrThrow(),
      );
      t.app.get('/api/test/crash', { config: { access: 'public' } }, async () => {
        throw new Error('secret internal detail');
      });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('answers liveness without touching the database', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('answers readiness after checking the database', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', jobs: 'off', intake: 'ok' } });
    });

    it('gives each request its own id, ignoring one sent by a client that is not a trusted proxy', async () => {
      const fresh = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const forged = await t.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'forged-12345678' },
      });
      expect(forged.headers['x-request-id']).not.toBe('forged-12345678');
    });

    it('behind a trusted proxy, keeps its request id and takes the address the proxy saw, not one the client forged', async () => {
      const proxied = await startTestApp(database, {
        config: { TRUST_PROXY: '127.0.0.1', METRICS_ALLOW: '10.20.0.0/16' },
      });
      const viaProxy = (url: string, forwardedFor: string, payload?: object) =>
        proxied.app.inject({
          method: payload ? 'POST' : 'GET',
          url,
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          ...(payload ? { payload } : {}),
        });
      expect((await viaProxy('/metrics', '10.20.0.5')).statusCode).toBe(200);
      expect((await viaProxy('/metrics', '10.20.0.5, 203.0.113.9')).statusCode).toBe(403);
      const login = (i: number) =>
        viaProxy(`/api/auth/login`, `10.0.${i}.5, 203.0.113.9`, {
          email: 'nessuno.dietro.proxy@lovit.example',
          password: `errata-${i}`,
        });
      for (let i = 0; i < SIGN_IN_ATTEMPTS.freeFailures + 1; i++)
        expect((await login(i)).statusCode).toBe(401);
      const delayed = await login(99);
      expect(delayed.statusCode).toBe(429);
      expect(delayed.json().detail).toMatch(/^Troppi tentativi non riusciti/);
      const kept = await proxied.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'proxy-12345678' },
      });
      expect(kept.headers['x-request-id']).toBe('proxy-12345678');
      const refused = await proxied.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'bad id <script>' },
      });
      expect(refused.headers['x-request-id']).not.toBe('bad id <script>');
      await stopTestApp(proxied);
    });

    it('exposes Prometheus metrics including request durations by route', async () => {
      await t.app.inject({ method: 'GET', url: '/healthz' });
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.body).toMatch(
        /lovit_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
      );
      expect(res.body).toContain('lovit_process_cpu_user_seconds_total');
    });

    it('serves metrics only with the configured token or from the allowed network', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(anonymous.statusCode).toBe(403);
      expect(anonymous.headers['content-type']).toBe(PROBLEM);
      expect(anonymous.body).not.toContain('lovit_');
      const wrong = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${'x'.repeat(40)}` },
      });
      expect(wrong.statusCode).toBe(403);
      const allowed = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.7.8' });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('lovit_http_request_duration_seconds');
    });

    it('tells browsers and proxies to keep no copy of answers to a signed-in user, and lets public assets be cached', async () => {
      const office = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-CACHE' });
      const user = await makeUser(t.platform, [{ organisationId: office.id, role: 'sui_operator' }]);
      const session = await signIn(t.app, user.email);
      const own = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: session.headers });
      expect(own.statusCode).toBe(200);
      expect(own.headers['cache-control']).toBe('no-store');
      const refused = await t.app.inject({ method: 'GET', url: '/api/users', headers: session.headers });
      expect(refused.headers['cache-control']).toBe('no-store');
      const stylesheet = await t.app.inject({ method: 'GET', url: STYLESHEET_PATH });
      expect(stylesheet.headers['cache-control']).toContain('public');
    });

    it('answers an unknown API route with a 404 problem', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist?name=Rossi' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe(PROBLEM);
      expect(res.json()).toMatchObject({
        type: 'urn:lovit:problem:not-found',
        status: 404,
        title: 'Risorsa non trovata',
        instance: '/api/does-not-exist',
      });
    });

    it('lists every invalid field of a request, in Italian', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/test/echo',
        payload: { email: 'not-an-email', age: 12 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe(PROBLEM);
      const problem = res.json();
      expect(problem).toMatchObject({ type: 'urn:lovit:problem:validation', status: 400 });
      expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.age', 'body.email']);
      expect(problem.errors.find((e: { path: string }) => e.path === 'body.email').message).toMatch(
        /e-mail/i,
      );
      expect(problem.errors.find((e: { path: string }) => e.path === 'body.age').message).toMatch(
        /non inferiore a 18/,
      );
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/test/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ type: 'urn:lovit:problem:malformed-body' });
    });

    it('turns a unique violation into a 409 problem and keeps the first row', async () => {
      const first = await t.app.inject({
        method: 'POST',
        url: '/api/test/organisations',
        payload: { code: 'DUP-1' },
      });
      expect(first.statusCode).toBe(200);
      const second = await t.app.inject({
        method: 'POST',
        url: '/api/test/organisations',
        payload: { code: 'DUP-1' },
      });
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ type: 'urn:lovit:problem:conflict', status: 409 });
      const rows = await database.db
        .selectFrom('organisation')
        .select('code')
        .where('code', '=', 'DUP-1')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('hides internal errors behind a 500 problem that carries only the request id', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/test/crash' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret internal detail');
      expect(res.body).not.toContain('at ');
      expect(res.json()).toMatchObject({ status: 500, requestId: res.headers['x-request-id'] });
    });

    it('maps a service rule violation to a 422 problem naming the field', async () => {
      await expect(
        createOrganisation(t.platform, SYSTEM_CALLER, {
          code: 'bad code',
          name: 'Ente di prova',
          type: 'OTHER',
        }),
      ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'code' })] });
    });

    it('publishes OpenAPI 3.1 generated from the route schemas, and a docs page', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const spec = res.json();
      expect(spec.openapi).toBe('3.1.0');
      expect(spec.paths['/readyz'].get.responses['503']).toBeDefined();
      expect(
        spec.paths['/api/test/echo'].post.requestBody.content['application/json'].schema.properties.age,
      ).toMatchObject({ type: 'integer', minimum: 18 });
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('swagger-ui');
    });

    it('sends security headers, with a script policy that forbids inline scripts', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('reports not ready, with a 503, once the database is gone', async () => {
      const other = await openTestDatabase(backend);
      const broken = await startTestApp(other);
      await other.close();
      const res = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'error', checks: { database: 'error' } });
      await stopTestApp(broken);
      await other.dispose();
    });
  });
}
