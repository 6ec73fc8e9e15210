import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, Invalid } from '../../kernel/errors.ts';
import { FileTooLarge } from '../../kernel/files.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { documentView } from './contract.ts';
import { addDocument, type NewDocument, openDocument, storeUpload } from './documents.ts';
import { outcomePdf } from './outcomes.ts';

const tags = ['Pratiche SUI'];

/** `attachment` with a plain-ASCII name for old clients and the real one (RFC 6266, RFC 5987) for the rest. */
function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]|["\\]/g, (char) => (/\p{M}/u.test(char) ? '' : '_'));
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

class NotMultipart extends AppError {
  constructor() {
    super(
      415,
      'unsupported-media-type',
      'Formato non supportato',
      'Il documento va inviato come modulo multipart/form-data con il campo «file».',
      [{ path: 'file', message: 'inviare il file come multipart/form-data' }],
    );
  }
}

/**
 * Documents of a case: upload (multipart, in this plugin's scope only), download, and the outcome PDFs.
 * The upload is read part by part: the file goes to the content-addressed store as it arrives, never whole in
 * memory; the record linking it to the case is written afterwards in one transaction.
 */
export function registerCaseDocumentRoutes(app: LovitApp, platform: Platform): void {
  const maxBytes = platform.config.uploadMaxBytes;
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, {
      // One byte over the limit: busboy cuts a file silently at its limit, the store refuses what passes it.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    });

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
        if (!request.isMultipart()) throw new NotMultipart();
        let checklistCode: string | null = null;
        let upload: Omit<NewDocument, 'checklistCode'> | null = null;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file') {
                part.file.resume();
                throw new Invalid([{ path: 'file', message: 'il file va inviato nel campo «file»' }]);
              }
              const file = await storeUpload(platform, part.file, part.filename);
              // busboy marks a file it cut at its limit: never link a truncated copy
              if (part.file.truncated) throw new FileTooLarge(part.filename, maxBytes);
              upload = { declaredName: part.filename, file };
            } else if (part.fieldname === 'checklistCode') {
              checklistCode = String(part.value).trim() || null;
            }
          }
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new FileTooLarge(upload?.declaredName ?? 'file', maxBytes);
          throw error;
        }
        if (!upload) throw new Invalid([{ path: 'file', message: 'allegare il file del documento' }]);
        const document = await addDocument(platform, request.caller, request.params.id, {
          ...upload,
          checklistCode,
        });
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
      return reply
        .type(mediaType)
        .header('content-length', size)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'private, no-store')
        .send(stream);
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
        .header('content-disposition', attachment(`${number.replaceAll('/', '-')}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
