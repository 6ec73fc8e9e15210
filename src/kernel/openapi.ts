import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { type LovitApp, registerPublicPlugin } from './http.ts';
import { provinceName } from './institution.ts';

/** OpenAPI 3.1 generated from the routes' zod schemas, at /api/openapi.json, with a docs page at /api/docs. */
export async function registerOpenApi(
  app: LovitApp,
  options: { version: string; publicUrl: string },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LOVIT API',
        description:
          `API della piattaforma LOVIT per la governance dei servizi per l’immigrazione della Provincia di ${provinceName()} ` +
          '(progetto FAMI LO.V.I.T.). Gli errori seguono RFC 9457 (application/problem+json).',
        version: options.version,
      },
      servers: [{ url: options.publicUrl }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await registerPublicPlugin(app, async (scope) => {
    await scope.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: false,
      uiConfig: { deepLinking: true },
    });
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );
}
