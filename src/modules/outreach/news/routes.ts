import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, refusingOtherTypes, sendFile, withUpload } from '../../../kernel/uploads.ts';
import { paged } from '../../identity/contract.ts';
import {
  articleImageParams,
  articleImageView,
  articleInput,
  articleLanguageParams,
  articleSettings,
  articleSummary,
  articlesQuery,
  articleTextInput,
  articleView,
  previewInput,
  previewView,
  scheduleInput,
} from '../contract.ts';
import {
  addArticleImage,
  archiveArticle,
  changeArticleSettings,
  createArticle,
  getArticle,
  listArticles,
  ONLY_IMAGES,
  openArticleImage,
  previewBody,
  publishArticle,
  publishArticleText,
  reviewArticleText,
  saveArticleText,
  scheduleArticle,
  unscheduleArticle,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Notizie'];
const MANAGE = { access: 'outreach.articles.manage' } as const;
const REVIEW = { access: 'outreach.articles.review' } as const;

export function registerArticleRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/articles',
    {
      config: REVIEW,
      schema: {
        tags,
        summary: 'Le notizie e gli avvisi, gli ultimi modificati per primi',
        querystring: articlesQuery,
        response: { 200: paged(articleSummary) },
      },
    },
    async (request) => listArticles(platform, request.query),
  );

  app.post(
    '/api/outreach/articles',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Scrive un nuovo articolo, in italiano (bozza)',
        body: articleInput,
        response: { 201: articleView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createArticle(platform, request.caller, request.body)),
  );

  app.get(
    '/api/outreach/articles/:id',
    {
      config: REVIEW,
      schema: {
        tags,
        summary: 'Un articolo con i suoi testi in ogni lingua e le sue immagini',
        params: idParams,
        response: { 200: articleView },
      },
    },
    async (request) => getArticle(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/outreach/articles/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Cambia il tipo, le etichette e l’immagine di copertina',
        params: idParams,
        body: articleSettings,
        response: { 200: articleView },
      },
    },
    async (request) => changeArticleSettings(platform, request.caller, request.params.id, request.body),
  );

  app.put(
    '/api/outreach/articles/:id/texts/:lang',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Salva il testo in una lingua come nuova bozza, da revisionare',
        params: articleLanguageParams,
        body: articleTextInput,
        response: { 200: articleView },
      },
    },
    async (request) =>
      saveArticleText(
        platform,
        request.caller,
        { id: request.params.id, lang: request.params.lang },
        request.body,
      ),
  );

  app.post(
    '/api/outreach/articles/:id/texts/:lang/review',
    {
      config: REVIEW,
      schema: {
        tags,
        summary: 'Revisiona il testo in una lingua, nella revisione letta',
        params: articleLanguageParams,
        body: z.object({ revision: z.number().int().min(1) }),
        response: { 200: articleView },
      },
    },
    async (request) =>
      reviewArticleText(
        platform,
        request.caller,
        { id: request.params.id, lang: request.params.lang },
        request.body,
      ),
  );

  app.post(
    '/api/outreach/articles/:id/texts/:lang/publish',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Pubblica il testo revisionato di un articolo già pubblico',
        params: articleLanguageParams,
        response: { 200: articleView },
      },
    },
    async (request) =>
      publishArticleText(platform, request.caller, { id: request.params.id, lang: request.params.lang }),
  );

  const transition = (
    path: string,
    summary: string,
    act: (id: string, caller: Parameters<typeof publishArticle>[1]) => ReturnType<typeof publishArticle>,
  ) =>
    app.post(
      `/api/outreach/articles/:id/${path}`,
      { config: MANAGE, schema: { tags, summary, params: idParams, response: { 200: articleView } } },
      async (request) => act(request.params.id, request.caller),
    );
  transition('publish', 'Pubblica subito l’articolo con i testi revisionati', (id, caller) =>
    publishArticle(platform, caller, id),
  );
  transition('unschedule', 'Annulla la pubblicazione programmata', (id, caller) =>
    unscheduleArticle(platform, caller, id),
  );
  transition('archive', 'Archivia l’articolo: esce dall’elenco delle notizie e dal feed', (id, caller) =>
    archiveArticle(platform, caller, id),
  );

  app.post(
    '/api/outreach/articles/:id/schedule',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Programma la pubblicazione a un giorno e un’ora (ora italiana)',
        params: idParams,
        body: scheduleInput,
        response: { 200: articleView },
      },
    },
    async (request) => scheduleArticle(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/outreach/articles/:id/preview',
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Mostra il testo come lo leggerà il pubblico, con i problemi che ne impediscono il salvataggio',
        params: idParams,
        body: previewInput,
        response: { 200: previewView },
      },
    },
    async (request) => previewBody(platform, request.params.id, request.body.body),
  );

  app.get(
    '/api/outreach/articles/:id/images/:imageId',
    {
      config: REVIEW,
      schema: { tags, summary: 'Un’immagine dell’articolo', params: articleImageParams },
    },
    async (request, reply) =>
      sendFile(reply, await openArticleImage(platform, request.caller, request.params)),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/outreach/articles/:id/images',
      {
        config: MANAGE,
        schema: {
          tags,
          summary: 'Carica un’immagine (JPEG o PNG) per l’articolo',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: articleImageView },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const image = await withUpload(request, reply, platform.config, 'allegare un’immagine', (upload) =>
          addArticleImage(platform, request.caller, id, upload),
        ).catch(refusingOtherTypes(ONLY_IMAGES));
        return reply.code(201).send(image);
      },
    );
  });
}
