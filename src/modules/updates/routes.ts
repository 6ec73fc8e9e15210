import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../kernel/uploads.ts';
import { paged } from '../identity/contract.ts';
import { asPdfRefusal, attachAct, openAct } from './attachment.ts';
import {
  appliedChangeInput,
  caseNotice,
  caseTypeOption,
  readersView,
  updateInput,
  updateSummary,
  updatesQuery,
  updateView,
} from './contract.ts';
import { updatesFeed } from './feed.ts';
import { caseNotices, markChangeApplied, markRead, readersOf, unreadCaseTypes } from './readings.ts';
import {
  caseTypeOptions,
  changeUpdate,
  createUpdate,
  getUpdate,
  listUpdates,
  proposeTrainingTopic,
  publishUpdate,
  withdrawTrainingTopic,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Novità normative'];

export async function registerUpdateRoutes(app: LovitApp, platform: Platform): Promise<void> {
  app.get(
    '/api/legal-updates',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary: 'Le novità normative, l’atto più recente per primo (le bozze solo per chi le scrive)',
        querystring: updatesQuery,
        response: { 200: paged(updateSummary) },
      },
    },
    async (request) => listUpdates(platform, request.caller, request.query),
  );

  app.post(
    '/api/legal-updates',
    {
      config: { access: 'updates.write' },
      schema: {
        tags,
        summary: 'Scrive una novità normativa in bozza',
        body: updateInput,
        response: { 201: updateView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUpdate(platform, request.caller, request.body)),
  );

  app.get(
    '/api/legal-updates/feed.atom',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary:
          'Le novità pubblicate come feed Atom, la più recente per prima (con la sessione del browser)',
      },
    },
    async (request, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await updatesFeed(platform, request.caller)),
  );

  app.get(
    '/api/legal-updates/case-types',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary: 'I tipi di pratica a cui una novità può riferirsi, con le date delle loro versioni',
        response: { 200: z.array(caseTypeOption) },
      },
    },
    async () => caseTypeOptions(platform),
  );

  app.get(
    '/api/legal-updates/unread-case-types',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary: 'I tipi di pratica toccati da novità pubblicate che l’utente non ha ancora letto',
        response: { 200: z.array(z.string()) },
      },
    },
    async (request) => unreadCaseTypes(platform, request.caller),
  );

  app.get(
    '/api/legal-updates/for-case/:id',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary: 'Le novità pubblicate che riguardano una pratica aperta, per il suo tipo',
        params: idParams,
        response: { 200: z.array(caseNotice) },
      },
    },
    async (request) => caseNotices(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/legal-updates/:id',
    {
      config: { access: 'updates.read' },
      schema: { tags, summary: 'Una novità normativa', params: idParams, response: { 200: updateView } },
    },
    async (request) => getUpdate(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/legal-updates/:id',
    {
      config: { access: 'updates.write' },
      schema: {
        tags,
        summary: 'Modifica una bozza',
        params: idParams,
        body: updateInput,
        response: { 200: updateView },
      },
    },
    async (request) => changeUpdate(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/legal-updates/:id/publish',
    {
      config: { access: 'updates.write' },
      schema: { tags, summary: 'Pubblica una bozza', params: idParams, response: { 200: updateView } },
    },
    async (request) => publishUpdate(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/legal-updates/:id/training-topic',
    {
      config: { access: 'updates.write' },
      schema: {
        tags,
        summary:
          'Propone ai formatori la novità pubblicata come argomento di formazione (201 la prima volta, 200 se lo era già)',
        params: idParams,
        response: { 200: updateView, 201: updateView },
      },
    },
    async (request, reply) => {
      const { created, update } = await proposeTrainingTopic(platform, request.caller, request.params.id);
      return reply.code(created ? 201 : 200).send(update);
    },
  );

  app.delete(
    '/api/legal-updates/:id/training-topic',
    {
      config: { access: 'updates.write' },
      schema: {
        tags,
        summary: 'Ritira la proposta ai formatori, finché nessun corso l’ha messa in programma',
        params: idParams,
        response: { 200: updateView },
      },
    },
    async (request) => withdrawTrainingTopic(platform, request.caller, request.params.id),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/legal-updates/:id/act',
      {
        config: { access: 'updates.write' },
        schema: {
          tags,
          summary: 'Allega a una bozza l’atto in PDF',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: z.object({ fileName: z.string(), size: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const act = await withUpload(request, reply, platform.config, 'allegare l’atto in PDF', (upload) =>
          attachAct(platform, request.caller, id, upload),
        ).catch((error: unknown) => {
          throw asPdfRefusal(error);
        });
        return reply.code(201).header('location', `/api/legal-updates/${id}/act`).send(act);
      },
    );
  });

  app.get(
    '/api/legal-updates/:id/act',
    {
      config: { access: 'updates.read' },
      schema: { tags, summary: 'Scarica l’atto allegato', params: idParams },
    },
    async (request, reply) => sendFile(reply, await openAct(platform, request.caller, request.params.id)),
  );

  app.post(
    '/api/legal-updates/:id/read',
    {
      config: { access: 'updates.read' },
      schema: {
        tags,
        summary: 'Segna la novità come letta',
        params: idParams,
        response: { 200: z.object({ readAt: z.string() }) },
      },
    },
    async (request) => markRead(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/legal-updates/:id/readers',
    {
      config: { access: 'updates.oversee' },
      schema: {
        tags,
        summary: 'Chi dello staff SUI dell’ufficio ha letto la novità e chi non ancora',
        params: idParams,
        response: { 200: readersView },
      },
    },
    async (request) => readersOf(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/legal-updates/:id/change-applied',
    {
      config: { access: 'updates.oversee' },
      schema: {
        tags,
        summary: 'Segna come applicata la modifica al tipo di pratica richiesta dalla novità',
        params: idParams,
        body: appliedChangeInput,
      },
    },
    async (request, reply) => {
      await markChangeApplied(platform, request.caller, request.params.id, request.body.validFrom);
      return reply.code(204).send();
    },
  );
}
