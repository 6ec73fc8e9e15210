import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, refusingOtherTypes, sendFile, withUpload } from '../../../kernel/uploads.ts';
import { paged } from '../../identity/contract.ts';
import {
  coverageInput,
  coverageQuery,
  coverageView,
  pressContactInput,
  pressContactsQuery,
  pressContactView,
  pressReleaseInput,
  pressReleaseSummary,
  pressReleaseView,
  pressSendInput,
} from '../contract.ts';
import {
  addContact,
  correctContact,
  eraseContact,
  getRelease,
  listContacts,
  listReleases,
  reviewRelease,
  sendRelease,
  writeRelease,
} from './office.ts';
import {
  attachClipping,
  correctCoverage,
  listCoverage,
  ONLY_PDF,
  openClipping,
  recordCoverage,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Rassegna stampa'];
const MANAGE = { access: 'outreach.press.manage' } as const;

export function registerPressRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/press/contacts',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'I contatti stampa, per testata',
        querystring: pressContactsQuery,
        response: { 200: paged(pressContactView) },
      },
    },
    async (request) => listContacts(platform, request.caller, request.query),
  );

  app.post(
    '/api/outreach/press/contacts',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Aggiunge un contatto stampa, con la base giuridica',
        body: pressContactInput,
        response: { 201: pressContactView },
      },
    },
    async (request, reply) => reply.code(201).send(await addContact(platform, request.caller, request.body)),
  );

  app.put(
    '/api/outreach/press/contacts/:id',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Corregge un contatto stampa',
        params: idParams,
        body: pressContactInput,
        response: { 200: pressContactView },
      },
    },
    async (request) => correctContact(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/outreach/press/contacts/:id/erasure',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Cancella i dati di un contatto su sua richiesta (art. 17 GDPR): non riceve più nulla',
        params: idParams,
        response: { 200: pressContactView },
      },
    },
    async (request) => eraseContact(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/outreach/press/releases',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'I comunicati stampa, le bozze per prime',
        response: { 200: z.array(pressReleaseSummary) },
      },
    },
    async (request) => listReleases(platform, request.caller),
  );

  app.post(
    '/api/outreach/press/releases',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Scrive un comunicato stampa (bozza)',
        body: pressReleaseInput,
        response: { 201: pressReleaseView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await writeRelease(platform, request.caller, null, request.body)),
  );

  app.get(
    '/api/outreach/press/releases/:id',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Un comunicato, con lo stato dell’invio a ogni destinatario',
        params: idParams,
        response: { 200: pressReleaseView },
      },
    },
    async (request) => getRelease(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/outreach/press/releases/:id',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Modifica un comunicato non ancora inviato: torna bozza, da revisionare',
        params: idParams,
        body: pressReleaseInput,
        response: { 200: pressReleaseView },
      },
    },
    async (request) => writeRelease(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/outreach/press/releases/:id/review',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Revisiona il comunicato (una persona diversa da chi l’ha scritto)',
        params: idParams,
        response: { 200: pressReleaseView },
      },
    },
    async (request) => reviewRelease(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/outreach/press/releases/:id/send',
    {
      config: MANAGE,
      schema: {
        tags: ['Ufficio stampa'],
        summary: 'Invia il comunicato revisionato ai contatti scelti, per e-mail',
        params: idParams,
        body: pressSendInput,
        response: { 200: pressReleaseView },
      },
    },
    async (request) => sendRelease(platform, request.caller, request.params.id, request.body),
  );

  registerCoverageRoutes(app, platform);
}

function registerCoverageRoutes(app: LovitApp, platform: Platform): void {
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
    async (request, reply) =>
      reply.code(201).send(await recordCoverage(platform, request.caller, request.body)),
  );

  app.put(
    '/api/outreach/coverage/:id',
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
    '/api/outreach/coverage/:id/clipping',
    {
      config: { access: 'outreach.access' },
      schema: { tags, summary: 'Scarica il ritaglio in PDF', params: idParams },
    },
    async (request, reply) => sendFile(reply, await openClipping(platform, request.params.id)),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/outreach/coverage/:id/clipping',
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
        const view = await withUpload(
          request,
          reply,
          platform.config,
          'allegare il ritaglio in PDF',
          (upload) => attachClipping(platform, request.caller, id, upload),
        ).catch(refusingOtherTypes(ONLY_PDF));
        return reply.code(201).send(view);
      },
    );
  });
}
