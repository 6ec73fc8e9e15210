import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerErrorHandling } from './kernel/errors.ts';
import { type LovitApp, requestIdFor } from './kernel/http.ts';
import { registerObservability } from './kernel/observability.ts';
import { registerOpenApi } from './kernel/openapi.ts';
import type { Platform } from './kernel/platform.ts';
import { registerSecurityHeaders } from './kernel/security.ts';
import { registerWeb } from './kernel/web.ts';
import { version } from './version.ts';

// Validation messages reach users of the Italian back-office.
z.config(z.locales.it());

export type AppOptions = {
  /** Pino options for the request log; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
};

/** Builds the HTTP application over an open platform (database, clock, jobs). Used by main and by tests. */
export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<LovitApp> {
  const app = Fastify({
    logger: options.logger ?? {
      level: platform.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    genReqId: requestIdFor,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app, platform.config.publicUrl);
  await registerOpenApi(app, { version, publicUrl: platform.config.publicUrl });
  registerObservability(app, platform);
  await registerWeb(app);
  return app;
}
