import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { paged } from '../../identity/contract.ts';
import { concertationInput, concertationQuery, concertationView } from './contract.ts';
import { concertationXlsx, XLSX_TYPE } from './exports.ts';
import { createEntry, deleteEntry, getEntry, listEntries, updateEntry } from './service.ts';

const tags = ['Consiglio territoriale – registro della concertazione'];
const idParams = z.object({ id: z.uuid() });

/** The concertation log: read by the council, written by the consultant and the secretariat. */
export function registerConcertationRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/council/concertation',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Registro della concertazione, una pagina alla volta dal più recente, con filtri',
        querystring: concertationQuery,
        response: { 200: paged(concertationView) },
      },
    },
    async (request) => listEntries(platform, request.caller, request.query),
  );
  app.get(
    '/api/council/concertation.xlsx',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Registro della concertazione in XLSX, con gli stessi filtri dell’elenco',
        querystring: concertationQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { filename, body } = await concertationXlsx(platform, request.caller, request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
  app.get(
    '/api/council/concertation/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Una voce del registro della concertazione',
        params: idParams,
        response: { 200: concertationView },
      },
    },
    async (request) => getEntry(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/council/concertation',
    {
      config: { access: 'council.concertation.write' },
      schema: {
        tags,
        summary: 'Registra un incontro o un contatto con gli enti della rete',
        body: concertationInput,
        response: { 201: concertationView },
      },
    },
    async (request, reply) => reply.code(201).send(await createEntry(platform, request.caller, request.body)),
  );
  app.put(
    '/api/council/concertation/:id',
    {
      config: { access: 'council.concertation.write' },
      schema: {
        tags,
        summary: 'Corregge una voce del registro (chi l’ha registrata o la segreteria)',
        params: idParams,
        body: concertationInput,
        response: { 200: concertationView },
      },
    },
    async (request) => updateEntry(platform, request.caller, request.params.id, request.body),
  );
  app.delete(
    '/api/council/concertation/:id',
    {
      config: { access: 'council.concertation.write' },
      schema: {
        tags,
        summary: 'Elimina una voce del registro (chi l’ha registrata o la segreteria)',
        params: idParams,
      },
    },
    async (request, reply) => {
      await deleteEntry(platform, request.caller, request.params.id);
      return reply.code(204).send();
    },
  );
}
