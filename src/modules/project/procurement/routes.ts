import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Invalid } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../../kernel/uploads.ts';
import {
  checkInput,
  documentKindInput,
  linkInput,
  procurementInput,
  procurementList,
  procurementView,
} from './contract.ts';
import {
  attachDocument,
  createFile,
  getFile,
  linkExpense,
  listFiles,
  openDocument,
  recordCheck,
  removeDocument,
  unlinkExpense,
  updateFile,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Progetto: acquisti e incarichi'];

/** The procurement files of a project, their documents and expenses, and the legal expert's checks. */
export function registerProcurementRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/procurements',
    {
      config: { access: 'project.procurement.read' },
      schema: {
        tags,
        summary: 'Le procedure di acquisto e gli incarichi esterni del progetto, con l’esito della verifica',
        params: idParams,
        response: { 200: procurementList },
      },
    },
    (request) => listFiles(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/projects/:id/procurements',
    {
      config: { access: 'project.procurement.manage' },
      schema: {
        tags,
        summary: 'Registra una procedura di acquisto o un incarico esterno',
        params: idParams,
        body: procurementInput,
        response: { 201: procurementView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFile(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/procurements/:id',
    {
      config: { access: 'project.procurement.read' },
      schema: {
        tags,
        summary: 'Una procedura con documenti, spese collegate e verifiche dell’esperto legale',
        params: idParams,
        response: { 200: procurementView },
      },
    },
    (request) => getFile(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/procurements/:id',
    {
      config: { access: 'project.procurement.manage' },
      schema: {
        tags,
        summary: 'Corregge una procedura; se cambiano importo, CIG, tipo o procedura va verificata di nuovo',
        params: idParams,
        body: procurementInput,
        response: { 200: procurementView },
      },
    },
    (request) => updateFile(platform, request.caller, request.params.id, request.body),
  );
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/project/procurements/:id/documents',
      {
        config: { access: 'project.procurement.manage' },
        schema: {
          tags,
          summary: 'Allega un documento alla procedura (PDF, JPEG o PNG): determina, avviso, contratto…',
          description: 'Modulo multipart/form-data con il campo `file` e il campo `kind`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: procurementView },
        },
      },
      async (request, reply) => {
        const view = await withUpload(request, reply, platform.config, 'allegare il documento', (upload) => {
          const kind = documentKindInput.safeParse({ kind: upload.fields.kind });
          if (!kind.success) throw new Invalid([{ path: 'kind', message: 'Scegliere il tipo di documento' }]);
          return attachDocument(platform, request.caller, request.params.id, {
            ...upload,
            kind: kind.data.kind,
          });
        });
        return reply.code(201).send(view);
      },
    );
  });
  app.get(
    '/api/project/procurements/:id/documents/:documentId',
    {
      config: { access: 'project.procurement.read' },
      schema: {
        tags,
        summary: 'Scarica un documento della procedura',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await openDocument(platform, request.caller, request.params.id, request.params.documentId),
      ),
  );
  app.post(
    '/api/project/procurements/:id/expenses',
    {
      config: { access: 'project.procurement.manage' },
      schema: {
        tags,
        summary: 'Collega alla procedura una spesa pagata in base a essa',
        params: idParams,
        body: linkInput,
        response: { 200: procurementView },
      },
    },
    (request) => linkExpense(platform, request.caller, request.params.id, request.body.expenseId),
  );
  app.delete(
    '/api/project/procurements/:id/documents/:documentId',
    {
      config: { access: 'project.procurement.manage' },
      schema: {
        tags,
        summary: 'Toglie un documento dalla procedura finché la verifica non è positiva',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        response: { 200: procurementView },
      },
    },
    (request) => removeDocument(platform, request.caller, request.params.id, request.params.documentId),
  );
  app.delete(
    '/api/project/procurements/:id/expenses/:expenseId',
    {
      config: { access: 'project.procurement.manage' },
      schema: {
        tags,
        summary: 'Scollega una spesa non ancora in una domanda di rimborso',
        params: z.object({ id: z.uuid(), expenseId: z.uuid() }),
        response: { 200: procurementView },
      },
    },
    (request) => unlinkExpense(platform, request.caller, request.params.id, request.params.expenseId),
  );
  app.post(
    '/api/project/procurements/:id/checks',
    {
      config: { access: 'project.procurement.check' },
      schema: {
        tags,
        summary:
          'Registra la verifica dell’esperto legale con la lista di controllo; sostituisce la precedente',
        params: idParams,
        body: checkInput,
        response: { 201: procurementView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordCheck(platform, request.caller, request.params.id, request.body)),
  );
}
