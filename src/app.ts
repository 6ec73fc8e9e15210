import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccessControl } from './kernel/auth.ts';
import { AppError, clerkMessage, registerErrorHandling } from './kernel/errors.ts';
import { type LovitApp, pathOf, requestIdFor } from './kernel/http.ts';
import { newId } from './kernel/ids.ts';
import { setInstitution, setProvinceName } from './kernel/institution.ts';
import { registerObservability } from './kernel/observability.ts';
import { registerOpenApi } from './kernel/openapi.ts';
import type { Platform } from './kernel/platform.ts';
import { databaseRateLimitStore } from './kernel/rate-limits.ts';
import { registerSecurityHeaders } from './kernel/security.ts';
import { registerWeb } from './kernel/web.ts';
import { resolveApiClient, resolveSession } from './modules/identity/service.ts';
import { MODULES } from './modules/index.ts';
import { setPortalProvince } from './modules/portal/languages.ts';
import { version } from './version.ts';

// Validation messages reach users of the Italian back-office: in words a clerk uses, never the schema's own.
z.config({ ...z.locales.it(), customError: clerkMessage });

export type AppOptions = {
  /** Pino options for the request log; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
};

function rateLimited(_request: unknown, context: { ttl: number }) {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  return new AppError(
    429,
    'rate-limited',
    'Troppe richieste',
    `Troppi tentativi ravvicinati: riprova tra ${seconds} secondi.`,
  );
}

/** Builds the HTTP application over an open platform (database, clock, jobs). Used by main and by tests. */
export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<LovitApp> {
  // Pages, letters, documents and exports name the province and the prefecture the installation serves.
  setProvinceName(platform.config.office.province.name);
  setInstitution(platform.config.office);
  setPortalProvince(platform.config.office.province.name);
  const app = Fastify({
    logger: options.logger ?? {
      level: platform.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      // Query strings carry reset tokens, OIDC codes and search terms about people: log the path only.
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: pathOf(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
    // A caller's request id is believed only from a trusted proxy.
    genReqId: platform.config.trustProxy.length > 0 ? requestIdFor : () => newId(),
    trustProxy: platform.config.trustProxy.length > 0 ? platform.config.trustProxy : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies (and, where a route says so, uploads): a cross-site HTML form cannot post here.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  // An action without input (deactivate, logout) may come with a JSON content type and no body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    request.rawBody = text;
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app, platform.config.publicUrl);
  await app.register(cookie);
  // Counted in the database, so that every process behind a load balancer shares the same limits.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: rateLimited,
    store: databaseRateLimitStore(platform.database.db),
  });
  // Case submissions are ranked by arrival: stamped before access control makes them wait.
  for (const module of MODULES) module.beforeAccessControl?.(app, platform);
  registerAccessControl(app, {
    resolveSession: resolveSession(platform),
    resolveApiClient: resolveApiClient(platform),
  });
  await registerOpenApi(app, { version, publicUrl: platform.config.publicUrl });
  registerObservability(
    app,
    platform,
    MODULES.flatMap((module) => (module.readiness ? [() => module.readiness?.(platform) ?? {}] : [])),
    MODULES.flatMap((module) => module.gauges?.(platform) ?? []),
  );
  for (const module of MODULES) await app.register(async (scope) => module.routes(scope, platform));
  await registerWeb(app);
  return app;
}
