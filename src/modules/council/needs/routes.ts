import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { paged } from '../../identity/contract.ts';
import {
  mapQuery,
  mapView,
  questionnaireInput,
  questionnaireView,
  responseInput,
  responseView,
  serviceInput,
  servicesQuery,
  serviceView,
} from './contract.ts';
import { responsesCsv, responsesXlsx } from './exports.ts';
import {
  createQuestionnaire,
  createService,
  getQuestionnaire,
  listQuestionnaires,
  listResponses,
  listServices,
  moveQuestionnaire,
  needsMap,
  submitResponse,
  updateService,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Consiglio territoriale – bisogni e risorse'];

export function registerNeedsRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/council/services',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Servizi del territorio, una pagina alla volta in ordine di nome',
        querystring: servicesQuery,
        response: { 200: paged(serviceView) },
      },
    },
    async (request) => listServices(platform, request.caller, request.query),
  );
  app.post(
    '/api/council/services',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Aggiunge un servizio del proprio ente',
        body: serviceInput,
        response: { 201: serviceView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createService(platform, request.caller, request.body)),
  );
  app.put(
    '/api/council/services/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Aggiorna un servizio del proprio ente',
        params: idParams,
        body: serviceInput,
        response: { 200: serviceView },
      },
    },
    async (request) => updateService(platform, request.caller, request.params.id, request.body),
  );

  app.get(
    '/api/council/questionnaires',
    {
      config: { access: 'council.access' },
      schema: { tags, summary: 'Questionari sui bisogni', response: { 200: z.array(questionnaireView) } },
    },
    async (request) => listQuestionnaires(platform, request.caller),
  );
  app.post(
    '/api/council/questionnaires',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Crea un questionario (bozza)',
        body: questionnaireInput,
        response: { 201: questionnaireView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createQuestionnaire(platform, request.caller, request.body)),
  );
  app.get(
    '/api/council/questionnaires/:id',
    {
      config: { access: 'council.access' },
      schema: { tags, summary: 'Un questionario', params: idParams, response: { 200: questionnaireView } },
    },
    async (request) => getQuestionnaire(platform, request.caller, request.params.id),
  );
  for (const [verb, status] of [
    ['open', 'OPEN'],
    ['close', 'CLOSED'],
  ] as const)
    app.post(
      `/api/council/questionnaires/:id/${verb}`,
      {
        config: { access: 'council.manage' },
        schema: {
          tags,
          summary: verb === 'open' ? 'Apre il questionario alle risposte' : 'Chiude il questionario',
          params: idParams,
          response: { 200: questionnaireView },
        },
      },
      async (request) => moveQuestionnaire(platform, request.caller, request.params.id, status),
    );
  app.get(
    '/api/council/questionnaires/:id/responses',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Risposte (tutte per la segreteria, quelle del proprio ente per i componenti)',
        params: idParams,
        response: { 200: z.array(responseView) },
      },
    },
    async (request) => listResponses(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/council/questionnaires/:id/responses',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Risposta del proprio ente per un comune (sostituisce la precedente)',
        params: idParams,
        body: responseInput,
        response: { 200: z.array(responseView) },
      },
    },
    async (request) => submitResponse(platform, request.caller, request.params.id, request.body),
  );
  const exports = [
    ['csv', 'CSV', responsesCsv, 'text/csv; charset=utf-8'],
    ['xlsx', 'XLSX', responsesXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const;
  for (const [extension, format, render, mediaType] of exports)
    app.get(
      `/api/council/questionnaires/:id/responses.${extension}`,
      {
        config: { access: 'council.manage' },
        schema: { tags, summary: `Risposte in ${format}`, params: idParams },
      },
      async (request, reply) => {
        const { filename, body } = await render(platform, request.caller, request.params.id);
        return reply
          .type(mediaType)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(body);
      },
    );

  app.get(
    '/api/council/map',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Mappa dei comuni: bisogni segnalati e servizi disponibili per tema',
        querystring: mapQuery,
        response: { 200: mapView },
      },
    },
    async (request) => needsMap(platform, request.query.theme),
  );
}
