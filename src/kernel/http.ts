import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { newId } from './ids.ts';

/** The Fastify instance with zod schemas as its type provider: every module registers on this. */
export type LovitApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const TRUSTED_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller's request id (a proxy's or another LOVIT node's) when it is well formed. */
export function requestIdFor(request: { headers: FastifyRequest['headers'] }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && TRUSTED_REQUEST_ID.test(incoming) ? incoming : newId();
}

/** The path of a request without its query string, which may hold personal data. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Registers a third-party plugin whose routes are public by nature (static files, API docs):
 * they get `access: 'public'` so that the access catalogue accepts them.
 */
export async function registerPublicPlugin(
  app: LovitApp,
  register: (scope: LovitApp) => Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? 'public' };
    });
    await register(scope);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, for fingerprints (idempotency keys). */
    rawBody?: string;
  }
}
