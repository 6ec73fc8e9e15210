import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, attachmentHeader, sendFile, withUpload } from '../../../kernel/uploads.ts';
import { documentView } from '../contract.ts';
import { outcomePdf } from '../outcomes/service.ts';
import { addDocument, openDocument } from './service.ts';

const tags = ['Pratiche SUI'];

/**
 * Documents of a case: upload (multipart, in this plugin's scope only), download, and the outcome PDFs.
 * The upload is read part by part, never whole in memory, and set aside; it enters the content-addressed
 * store with the record linking it to the case, in one transaction, or not at all.
 */
export function registerCaseDocumentRoutes(app: LovitApp, platform: Platform): void {
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    const scope = plugin.withTypeProvider<ZodTypeProvider>();

    scope.post(
      '/api/cases/:id/documents',
      {
        config: { access: 'cases.act' },
        schema: {
          tags,
          summary: 'Carica un documento della pratica (PDF, JPEG o PNG), collegato a una voce dell’elenco',
          description: 'Modulo multipart/form-data: `checklistCode` (facoltativo), `file`.',
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.uuid() }),
          response: { 201: documentView },
        },
      },
      async (request, reply) => {
        const document = await withUpload(
          request,
          reply,
          platform.config,
          'allegare il file del documento',
          ({ declaredName, file, fields }) =>
            addDocument(platform, request.caller, request.params.id, {
              declaredName,
              file,
              checklistCode: fields.checklistCode?.trim() || null,
            }),
        );
        return reply
          .code(201)
          .header('location', `/api/cases/${request.params.id}/documents/${document.id}`)
          .send(document);
      },
    );
  });

  app.get(
    '/api/cases/:id/documents/:documentId',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Scarica un documento della pratica',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { stream, mediaType, fileName, size } = await openDocument(
        platform,
        request.caller,
        request.params.id,
        request.params.documentId,
      );
      return sendFile(reply, { stream, mediaType, fileName, size });
    },
  );

  app.get(
    '/api/cases/:id/outcomes/:outcomeId/pdf',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'PDF del provvedimento (nulla osta, decreto di rigetto)',
        params: z.object({ id: z.uuid(), outcomeId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { number, pdf } = await outcomePdf(
        platform,
        request.caller,
        request.params.id,
        request.params.outcomeId,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(`${number.replaceAll('/', '-')}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
