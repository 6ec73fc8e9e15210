import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, refusingOtherTypes, sendFile, withUpload } from '../../../kernel/uploads.ts';
import { paged } from '../../identity/contract.ts';
import { coverageInput, coverageQuery, coverageView } from '../contract.ts';
import { attachClipping, correctCoverage, listCoverage, ONLY_PDF, openClipping, recordCoverage } from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Rassegna stampa'];
const MANAGE = { access: 'outreach.press.manage' } as const;

export function registerCoverageRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/coverage',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'La rassegna stampa, la più recente per prima',
        querystring: coverageQuery,
        response: { 200: paged(coverageView) },
      },
    },
    async (request) => listCoverage(platform, request.query),
  );

  app.post(
    '/api/outreach/coverage',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Registra un articolo, un servizio o una trasmissione sul progetto',
        body: coverageInput,
        response: { 201: coverageView },
      },
    },
    async (request, reply) => reply.code(201).send(await recordCoverage(platform, request.caller, request.body)),
  );

  app.put(
    '/api/outreach/press/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Corregge una voce della rassegna stampa',
        params: idParams,
        body: coverageInput,
        response: { 200: coverageView },
      },
    },
    async (request) => correctCoverage(platform, request.caller, request.params.id, request.body),
  );

  app.get(
    '/api/outreach/press/:id/clipping',
    {
      config: { access: 'outreach.access' },
      schema: { tags, summary: 'Scarica il ritaglio in PDF', params: idParams },
    },
    async (request, reply) => sendFile(reply, await openClipping(platform, request.params.id)),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/outreach/press/:id/clipping',
      {
        config: MANAGE,
        schema: {
          tags,
          summary: 'Allega il ritaglio in PDF',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: coverageView },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const view = await withUpload(request, reply, platform.config, 'allegare il ritaglio in PDF', (upload) =>
          attachClipping(platform, request.caller, id, upload),
        ).catch(refusingOtherTypes(ONLY_PDF));
        return reply.code(201).send(view);
      },
    );
  });
}
