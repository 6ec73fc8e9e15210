import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, refusingOtherTypes, sendFile, withUpload } from '../../../kernel/uploads.ts';
import {
  distributionInput,
  languageParams,
  publicationInput,
  publicationParams,
  publicationSummary,
  publicationView,
} from '../contract.ts';
import {
  addDistribution,
  addPublicationFile,
  changePublication,
  createPublication,
  getPublication,
  listPublications,
  ONLY_IMAGES,
  ONLY_PDF,
  openCover,
  openPublicationFile,
  removeCover,
  setCover,
  setPublicationPublished,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Pubblicazioni'];
const MANAGE = { access: 'outreach.publications.manage' } as const;

export function registerPublicationRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/publications',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Le pubblicazioni, con lingue, copie distribuite e download',
        response: { 200: z.array(publicationSummary) },
      },
    },
    async () => listPublications(platform),
  );

  app.post(
    '/api/outreach/publications',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Registra una nuova pubblicazione (non ancora pubblica)',
        body: publicationInput,
        response: { 201: publicationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPublication(platform, request.caller, request.body)),
  );

  app.get(
    '/api/outreach/publications/:id',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Una pubblicazione con i suoi PDF, la tiratura e la distribuzione',
        params: idParams,
        response: { 200: publicationView },
      },
    },
    async (request) => getPublication(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/outreach/publications/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Corregge i dati e la tiratura di una pubblicazione',
        params: idParams,
        body: publicationInput,
        response: { 200: publicationView },
      },
    },
    async (request) => changePublication(platform, request.caller, request.params.id, request.body),
  );

  app.put(
    '/api/outreach/publications/:id/published',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Pubblica la pubblicazione sul portale, o la ritira',
        params: idParams,
        body: z.object({ published: z.boolean() }),
        response: { 200: publicationView },
      },
    },
    async (request) =>
      setPublicationPublished(platform, request.caller, request.params.id, request.body.published),
  );

  app.post(
    '/api/outreach/publications/:id/distributions',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Registra le copie consegnate a un punto di distribuzione',
        params: idParams,
        body: distributionInput,
        response: { 201: publicationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addDistribution(platform, request.caller, request.params.id, request.body)),
  );

  app.get(
    '/api/outreach/publications/:id/files/:fileId',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Scarica un PDF della pubblicazione, di qualsiasi versione',
        params: publicationParams,
      },
    },
    async (request, reply) =>
      sendFile(reply, await openPublicationFile(platform, request.caller, request.params)),
  );

  app.get(
    '/api/outreach/publications/:id/cover',
    {
      config: { access: 'outreach.access' },
      schema: { tags, summary: 'La copertina della pubblicazione', params: idParams },
    },
    async (request, reply) => sendFile(reply, await openCover(platform, request.params.id)),
  );

  app.delete(
    '/api/outreach/publications/:id/cover',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Toglie la copertina',
        params: idParams,
        response: { 200: publicationView },
      },
    },
    async (request) => removeCover(platform, request.caller, request.params.id),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/outreach/publications/:id/files/:lang',
      {
        config: MANAGE,
        schema: {
          tags,
          summary: 'Carica il PDF in una lingua: una nuova versione, che il pubblico scarica da ora',
          description:
            'Modulo multipart/form-data con il campo `file` e il campo `title` (titolo in quella lingua).',
          consumes: ['multipart/form-data'],
          params: languageParams,
          response: { 201: publicationView },
        },
      },
      async (request, reply) => {
        const key = { id: request.params.id, lang: request.params.lang };
        const view = await withUpload(request, reply, platform.config, 'allegare il PDF', (upload) =>
          addPublicationFile(platform, request.caller, key, upload),
        ).catch(refusingOtherTypes(ONLY_PDF));
        return reply.code(201).send(view);
      },
    );
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/outreach/publications/:id/cover',
      {
        config: MANAGE,
        schema: {
          tags,
          summary: 'Carica la copertina (JPEG o PNG) con la descrizione dell’immagine',
          description: 'Modulo multipart/form-data con il campo `file` e il campo `alt` (che cosa mostra).',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: publicationView },
        },
      },
      async (request, reply) =>
        withUpload(request, reply, platform.config, 'allegare l’immagine', (upload) =>
          setCover(platform, request.caller, request.params.id, upload),
        ).catch(refusingOtherTypes(ONLY_IMAGES)),
    );
  });
}
