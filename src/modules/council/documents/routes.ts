import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../../kernel/uploads.ts';
import { councilDocumentView } from '../contract.ts';
import { attachDocument, openCouncilDocument } from './service.ts';

const tags = ['Consiglio territoriale per l’immigrazione'];

/**
 * Documents of a meeting's agenda: upload by the secretariat (multipart, in this plugin's scope only) and
 * download by the participants. The meeting page lists them under each point.
 */
export function registerCouncilDocumentRoutes(app: LovitApp, platform: Platform): void {
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/council/meetings/:id/agenda/:itemId/documents',
      {
        config: { access: 'council.manage' },
        schema: {
          tags,
          summary: 'Allega un documento (PDF, JPEG o PNG) a un punto dell’ordine del giorno',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.uuid(), itemId: z.uuid() }),
          response: { 201: councilDocumentView },
        },
      },
      async (request, reply) => {
        const { id, itemId } = request.params;
        const document = await withUpload(request, reply, platform.config, 'allegare il file', (upload) =>
          attachDocument(platform, request.caller, id, itemId, upload),
        );
        return reply
          .code(201)
          .header('location', `/api/council/meetings/${id}/documents/${document.id}`)
          .send(document);
      },
    );
  });

  app.get(
    '/api/council/meetings/:id/documents/:documentId',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Scarica un documento della seduta',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await openCouncilDocument(platform, request.caller, request.params.id, request.params.documentId),
      ),
  );
}
