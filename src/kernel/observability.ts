import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { Forbidden } from './errors.ts';
import type { LovitApp } from './http.ts';
import type { Gauge as ModuleGauge } from './module.ts';
import type { Platform } from './platform.ts';

const readiness = z.object({
  status: z.enum(['ok', 'error']),
  checks: z
    .object({
      database: z.enum(['ok', 'error']),
      jobs: z.enum(['ok', 'off']),
    })
    // The modules' own checks, such as the case intake's writer.
    .catchall(z.enum(['ok', 'error', 'off'])),
});

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read the metrics, from the configuration: the holder of the bearer token, or a client from an
 * allowed address or network (the address as `TRUST_PROXY` decides it). Nobody when neither is configured:
 * the figures tell an outsider the routes, the load and when the offices work.
 */
export function metricsReader(metrics: Config['metrics']): (request: FastifyRequest) => boolean {
  const allowed = new BlockList();
  for (const item of metrics.allow) {
    const [address = '', bits] = item.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) allowed.addAddress(address, family);
    else allowed.addSubnet(address, Number(bits), family);
  }
  const token = metrics.token ? digest(metrics.token) : null;
  return (request) => {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token && bearer && timingSafeEqual(digest(bearer), token)) return true;
    // A server listening on both families sees an IPv4 client as ::ffff:a.b.c.d.
    const ip = request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    return metrics.allow.length > 0 && allowed.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
  };
}

/** What `/readyz` asks of the modules, each check ready (true) or not. */
export type ReadinessCheck = () => Record<string, boolean>;

/** Liveness, readiness and Prometheus metrics: what an orchestrator and a monitoring system need. */
export function registerObservability(
  app: LovitApp,
  platform: Platform,
  checks: ReadinessCheck[] = [],
  gauges: ModuleGauge[] = [],
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lovit_' });
  for (const { name, help, read } of gauges)
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await read());
      },
    });
  const duration = new Histogram({
    name: 'lovit_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['Piattaforma'],
        summary: 'Il processo è vivo (non interroga il database)',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      logLevel: 'warn',
      config: { access: 'public' },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['Piattaforma'],
        summary: 'Pronto a servire: il database risponde (503 altrimenti)',
        response: { 200: readiness, 503: readiness },
      },
      logLevel: 'warn',
      config: { access: 'public' },
    },
    async (_request, reply) => {
      const database = await sql`select 1`
        .execute(platform.database.db)
        .then(() => 'ok' as const)
        .catch(() => 'error' as const);
      const jobs = platform.jobs ? ('ok' as const) : ('off' as const);
      const modules = Object.entries(
        Object.assign({}, ...checks.map((check) => check())) as Record<string, boolean>,
      );
      const status =
        database === 'ok' && modules.every(([, ready]) => ready) ? ('ok' as const) : ('error' as const);
      const moduleChecks = Object.fromEntries(
        modules.map(([name, ready]) => [name, ready ? ('ok' as const) : ('error' as const)]),
      );
      return reply
        .code(status === 'ok' ? 200 : 503)
        .send({ status, checks: { ...moduleChecks, database, jobs } });
    },
  );

  const mayRead = metricsReader(platform.config.metrics);
  app.get(
    '/metrics',
    // Its own token, not a user's or an API client's: no session or client is looked up.
    { schema: { hide: true }, logLevel: 'warn', config: { access: 'public', actsForNobody: true } },
    async (request, reply) => {
      if (!mayRead(request))
        throw new Forbidden('Le metriche sono riservate ai sistemi di monitoraggio autorizzati.');
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
