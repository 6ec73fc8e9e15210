import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundProblem, sendProblem } from './errors.ts';
import { type LovitApp, registerPublicPlugin } from './http.ts';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

const API_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics', '/.well-known/'];

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (API_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the built back-office from dist/web with history fallback: a page address the server does not
 * know is the React router's, so it gets index.html; anything else unknown is a 404 problem.
 */
export async function registerWeb(app: LovitApp): Promise<{ built: boolean }> {
  const indexFile = path.join(WEB_ROOT, 'index.html');
  const built = existsSync(indexFile);
  const indexHtml = built ? readFileSync(indexFile) : null;
  if (built) {
    await registerPublicPlugin(app, async (scope) => {
      await scope.register(fastifyStatic, {
        root: WEB_ROOT,
        wildcard: true,
        index: 'index.html',
        setHeaders(reply, filePath) {
          const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
          reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (built && wantsPage(request)) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    }
    return sendProblem(reply, notFoundProblem(request));
  });
  return { built };
}
