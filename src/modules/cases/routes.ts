import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../kernel/auth.ts';
import { Invalid } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { verifyDocument } from '../../kernel/verification.ts';
import {
  actionInput,
  assignInput,
  caseDetail,
  caseTypeView,
  intakeInput,
  intakeResult,
  opinionInput,
  quotaInput,
  quotaView,
  riskCountryListInput,
  riskCountryLists,
  savedView,
  savedViewInput,
  verificationView,
  worklistPage,
  worklistQuery,
} from './contract.ts';
import * as quotas from './intake/quotas.ts';
import {
  fingerprint,
  markArrivalBody,
  releaseArrivalTicket,
  stopIntakeWriter,
  takeArrivalTicket,
} from './intake/service.ts';
import { receiptPdf } from './outcomes/receipts.ts';
import * as service from './service.ts';
import * as worklist from './worklist.ts';

const idParams = z.object({ id: z.uuid() });

declare module 'fastify' {
  interface FastifyRequest {
    /** The arrival ticket of a case submission: its place in the click-day order. */
    intakeTicket?: number;
  }
}

/**
 * Stamps each case submission with its arrival ticket the moment it arrives. Registered before access
 * control, whose session look-up would otherwise let a later request overtake an earlier one.
 */
export function registerIntakeArrivals(app: LovitApp, platform: Platform): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'POST' && request.routeOptions.url === '/api/cases')
      request.intakeTicket = takeArrivalTicket(platform);
  });
  // Only the time the body takes to arrive can cost a request its place (see `intake/service.ts`).
  app.addHook('preParsing', async (request) => {
    if (request.intakeTicket !== undefined) markArrivalBody(platform, request.intakeTicket, 'reading');
  });
  app.addHook('preValidation', async (request) => {
    if (request.intakeTicket !== undefined) markArrivalBody(platform, request.intakeTicket, 'read');
  });
  const release = async (request: FastifyRequest) => {
    if (request.intakeTicket !== undefined) releaseArrivalTicket(platform, request.intakeTicket);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  app.addHook('onClose', async () => stopIntakeWriter(platform.database));
}
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function registerCaseRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Pratiche SUI'];

  app.post(
    '/api/cases',
    {
      config: { access: 'cases.submit' },
      // The answer is built by the writer from typed values: on the click-day path it is not re-validated.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags,
        summary: 'Presenta una domanda (sportello o sistema esterno, con Idempotency-Key)',
        body: intakeInput,
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        response: { 201: intakeResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = request.headers['idempotency-key'];
      const system = actor.roles.includes('intake_system');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
        throw new Invalid([
          { path: 'headers.idempotency-key', message: 'da 8 a 128 caratteri: lettere, cifre, . _ : -' },
        ]);
      if (system && key === undefined)
        throw new Invalid([
          { path: 'headers.idempotency-key', message: 'obbligatoria per l’invio da un sistema' },
        ]);
      const outcome = await service.submit(platform, request.caller, request.body, {
        channel: system ? 'API' : 'DESK',
        idempotencyKey: key ?? null,
        ticket: request.intakeTicket ?? takeArrivalTicket(platform),
        ...(request.rawBody ? { bodyHash: fingerprint(request.rawBody) } : {}),
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/api/cases/${outcome.result.id}`).send(outcome.result);
    },
  );

  app.get(
    '/api/cases',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Elenco di lavoro delle pratiche',
        querystring: worklistQuery,
        response: { 200: worklistPage },
      },
    },
    async (request) => worklist.worklist(platform, request.caller, request.query),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Scheda della pratica', params: idParams, response: { 200: caseDetail } },
    },
    async (request) => service.getCase(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/cases/:id/actions',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Esegui un passo del procedimento',
        params: idParams,
        body: actionInput,
        response: { 200: caseDetail },
      },
    },
    async (request) => service.act(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/opinions/:opinionId',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Registra il parere pervenuto da un ente',
        params: z.object({ id: z.uuid(), opinionId: z.uuid() }),
        body: opinionInput,
        response: { 200: caseDetail },
      },
    },
    async (request) =>
      service.recordOpinion(
        platform,
        request.caller,
        request.params.id,
        request.params.opinionId,
        request.body,
      ),
  );

  app.post(
    '/api/cases/assignments',
    {
      config: { access: 'cases.assign' },
      schema: {
        tags,
        summary: 'Assegna una o più pratiche',
        body: assignInput,
        response: { 200: z.object({ assigned: z.number().int() }) },
      },
    },
    async (request) => worklist.assign(platform, request.caller, request.body),
  );

  app.get(
    '/api/cases/:id/receipt',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Ricevuta PDF della domanda', params: idParams },
    },
    async (request, reply) => {
      const { number, pdf } = await receiptPdf(platform, request.caller, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="ricevuta-${number}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/case-types',
    {
      config: { access: 'cases.types.read' },
      schema: { tags, summary: 'Definizioni dei tipi di pratica', response: { 200: z.array(caseTypeView) } },
    },
    async (request) => quotas.listCaseTypes(platform, request.caller),
  );

  app.get(
    '/api/quotas',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Quote della provincia per anno',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.array(quotaView) },
      },
    },
    async (request) => quotas.listQuotas(platform, request.caller, request.query.year),
  );

  app.put(
    '/api/quotas',
    {
      config: { access: 'cases.quota.manage' },
      schema: { tags, summary: 'Imposta una quota', body: quotaInput, response: { 200: quotaView } },
    },
    async (request) => quotas.setQuota(platform, request.caller, request.body),
  );

  app.get(
    '/api/risk-countries',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Elenchi annuali dei Paesi a particolare rischio',
        response: { 200: riskCountryLists },
      },
    },
    async () => quotas.listRiskCountryLists(platform),
  );

  app.put(
    '/api/risk-countries',
    {
      config: { access: 'cases.quota.manage' },
      schema: {
        tags,
        summary: 'Conferma l’elenco dei Paesi a particolare rischio di un anno',
        body: riskCountryListInput,
        response: { 200: riskCountryLists },
      },
    },
    async (request) => quotas.confirmRiskCountryList(platform, request.caller, request.body),
  );

  app.get(
    '/api/case-views',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Viste salvate dell’elenco', response: { 200: z.array(savedView) } },
    },
    async (request) => worklist.listViews(platform, request.caller),
  );

  app.post(
    '/api/case-views',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Salva una vista', body: savedViewInput, response: { 201: savedView } },
    },
    async (request, reply) =>
      reply.code(201).send(await worklist.saveView(platform, request.caller, request.body)),
  );

  app.delete(
    '/api/case-views/:id',
    { config: { access: 'cases.access' }, schema: { tags, summary: 'Elimina una vista', params: idParams } },
    async (request, reply) => {
      await worklist.deleteView(platform, request.caller, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/verify/:code',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['Verifica documenti'],
        summary: 'Verifica l’autenticità di un documento dal suo codice',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: verificationView },
      },
    },
    async (request) => verifyDocument(platform, request.caller, request.params.code),
  );
}
