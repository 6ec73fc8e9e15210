import { pipeline, type Readable, Transform } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Invalid } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../kernel/uploads.ts';
import * as answers from './answers.ts';
import {
  answerInput,
  bulkAnswerInput,
  bulkAnswerResult,
  inboxPage,
  inboxQuery,
  opinionDetail,
  problemInput,
  problemQuery,
  problemUpdate,
  problemView,
  questionInput,
  replyInput,
  uploadedAttachmentView,
} from './contract.ts';
import {
  type Admitted,
  admitHeaders,
  deliveryResult,
  INBOX_PATH,
  inboxBodyLimit,
  OutboxSender,
  receive,
  tooLarge,
} from './federation/delivery.ts';
import { DIGEST_HEADER, publishedKeys, SIGNATURE_HEADER, signingKey } from './federation/signing.ts';
import * as problems from './problems/service.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });

/** A body sent without a declared length, failing with `refuse` once it passes `maxBytes`. */
function limitedTo(payload: Readable, maxBytes: number, refuse: () => Promise<never>): Readable {
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= maxBytes) done(null, chunk);
      else refuse().catch(done);
    },
  });
  return pipeline(payload, counted, () => {});
}

export function registerExchangeRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Pareri tra uffici'];

  app.get(
    '/.well-known/jwks.json',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Chiavi pubbliche di firma di questo nodo (JWKS)' },
    },
    async (_request, reply) => {
      await signingKey(platform.database.db, platform.clock.now());
      return reply
        .header('cache-control', 'public, max-age=300')
        .send(await publishedKeys(platform.database.db));
    },
  );

  // Peers are authenticated by the signature of each delivery, not by a session; the signature, the sender's
  // limit and a replay are checked on the headers, before the body is read, so that an unsigned or oversize
  // delivery costs no memory, only a counter.
  const admitted = new WeakMap<object, Admitted>();
  app.post(
    INBOX_PATH,
    {
      config: {
        access: 'public',
        rateLimit: { max: platform.config.exchange.inboxRatePerMinute, timeWindow: 60_000 },
      },
      bodyLimit: inboxBodyLimit(platform.config),
      preParsing: async (request, reply, payload) => {
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const length = header('content-length');
        try {
          const delivery = await admitHeaders(platform, {
            signature: header(SIGNATURE_HEADER),
            digest: header(DIGEST_HEADER),
            contentLength: length === undefined ? null : Number(length),
            clientAddress: request.ip,
          });
          admitted.set(request, delivery);
          return length === undefined
            ? limitedTo(payload, delivery.maxBytes, () => {
                reply.header('connection', 'close');
                return tooLarge(platform, delivery, request.ip);
              })
            : payload;
        } catch (error) {
          // The body stays unread: the connection is closed after the answer rather than drained.
          reply.header('connection', 'close');
          throw error;
        }
      },
      schema: {
        tags,
        summary: 'Ricevi una consegna firmata da un nodo (ModI, Agid-JWT-Signature + Digest)',
        response: { 200: deliveryResult },
      },
    },
    async (request) => {
      const delivery = admitted.get(request);
      if (request.rawBody === undefined || !delivery)
        throw new Invalid([{ path: 'body', message: 'atteso un corpo JSON' }]);
      return receive(platform, delivery, {
        rawBody: request.rawBody,
        clientAddress: request.ip,
        requestId: request.id,
      });
    },
  );

  app.get(
    '/api/opinions',
    {
      config: { access: 'exchange.access' },
      schema: {
        tags,
        summary: 'Pareri: in arrivo (enti) o richiesti (SUI)',
        querystring: inboxQuery,
        response: { 200: inboxPage },
      },
    },
    async (request) => service.inbox(platform, request.caller, request.query),
  );

  app.get(
    '/api/opinions/:id',
    {
      config: { access: 'exchange.access' },
      schema: { tags, summary: 'Scheda del parere', params: idParams, response: { 200: opinionDetail } },
    },
    async (request) => service.getOpinion(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/opinions/:id/answers',
    {
      config: { access: 'exchange.answer' },
      schema: {
        tags,
        summary: 'Rendi il parere (o rettifica l’ultima risposta)',
        params: idParams,
        body: answerInput,
        response: { 200: opinionDetail },
      },
    },
    async (request) => answers.answer(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/opinions/favourable',
    {
      config: { access: 'exchange.answer' },
      schema: {
        tags,
        summary: 'Rendi parere favorevole su più pratiche, con conferma del numero',
        body: bulkAnswerInput,
        response: { 200: bulkAnswerResult },
      },
    },
    async (request) => answers.answerFavourably(platform, request.caller, request.body),
  );

  app.post(
    '/api/opinions/:id/questions',
    {
      config: { access: 'exchange.answer' },
      schema: {
        tags,
        summary: 'Chiedi informazioni al SUI (sospende il termine del parere)',
        params: idParams,
        body: questionInput,
        response: { 200: opinionDetail },
      },
    },
    async (request) => answers.ask(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/opinions/:id/questions/:questionId/reply',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Rispondi alla domanda dell’ente (il termine riprende)',
        params: z.object({ id: z.uuid(), questionId: z.uuid() }),
        body: replyInput,
        response: { 200: opinionDetail },
      },
    },
    async (request) =>
      answers.reply(platform, request.caller, request.params.id, request.params.questionId, request.body),
  );

  app.get(
    '/api/opinions/problems',
    {
      config: { access: 'exchange.problems' },
      schema: {
        tags,
        summary: 'Registro condiviso dei problemi',
        querystring: problemQuery,
        response: { 200: z.array(problemView) },
      },
    },
    async (request) => problems.listProblems(platform, request.query),
  );

  app.post(
    '/api/opinions/problems',
    {
      config: { access: 'exchange.problems' },
      schema: {
        tags,
        summary: 'Segnala un problema (su una pratica o sulla procedura)',
        body: problemInput,
        response: { 201: problemView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await problems.raiseProblem(platform, request.caller, request.body)),
  );

  app.patch(
    '/api/opinions/problems/:id',
    {
      config: { access: 'exchange.problems' },
      schema: {
        tags,
        summary: 'Aggiorna lo stato di un problema',
        params: idParams,
        body: problemUpdate,
        response: { 200: problemView },
      },
    },
    async (request) => problems.updateProblem(platform, request.caller, request.params.id, request.body),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/opinions/:id/attachments',
      {
        config: { access: 'exchange.answer' },
        schema: {
          tags,
          summary:
            'Carica un allegato per la risposta (PDF, JPEG o PNG); la risposta lo indica con il codice ricevuto',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: uploadedAttachmentView },
        },
      },
      async (request, reply) => {
        const uploaded = await withUpload(request, reply, platform.config, 'allegare il file', (upload) =>
          answers.uploadAttachment(platform, request.caller, request.params.id, upload),
        );
        return reply.code(201).send(uploaded);
      },
    );
  });

  app.get(
    '/api/opinions/:id/attachments/:sha256',
    {
      config: { access: 'exchange.access' },
      schema: {
        tags,
        summary: 'Scarica un allegato di una risposta',
        params: z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await answers.openAttachment(platform, request.caller, request.params.id, request.params.sha256),
      ),
  );

  const sender = new OutboxSender(platform);
  app.addHook('onReady', async () => sender.start());
  app.addHook('onClose', async () => sender.stop());
}
