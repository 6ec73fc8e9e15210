/** HTTP of the legal hold of a case and of the rectification of a person's data. */
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { legalHoldInput, legalHoldView, rectificationHistory, rectificationInput } from './contract.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });

export function registerCasePrivacyRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Pratiche SUI'];

  app.get(
    '/api/cases/:id/legal-hold',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Vincolo legale che sospende la conservazione della pratica',
        params: idParams,
        response: { 200: legalHoldView },
      },
    },
    async (request) => service.legalHold(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/cases/:id/legal-hold',
    {
      config: { access: 'cases.legal-hold' },
      schema: {
        tags,
        summary: 'Sospendi l’eliminazione della pratica per un vincolo legale',
        params: idParams,
        body: legalHoldInput,
        response: { 201: legalHoldView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.placeLegalHold(platform, request.caller, request.params.id, request.body.reason)),
  );

  app.delete(
    '/api/cases/:id/legal-hold',
    {
      config: { access: 'cases.legal-hold' },
      schema: { tags, summary: 'Revoca il vincolo legale della pratica', params: idParams },
    },
    async (request, reply) => {
      await service.releaseLegalHold(platform, request.caller, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/cases/persons/:id/rectifications',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Storia delle rettifiche dei dati di una persona',
        params: idParams,
        response: { 200: rectificationHistory },
      },
    },
    async (request) => service.rectificationHistory(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/cases/persons/:id/rectifications',
    {
      config: { access: 'cases.persons.rectify' },
      schema: {
        tags,
        summary: 'Rettifica i dati di una persona (art. 16 GDPR), conservandone la storia',
        params: idParams,
        body: rectificationInput,
        response: { 201: rectificationHistory },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.rectifyPerson(platform, request.caller, request.params.id, request.body)),
  );
}
