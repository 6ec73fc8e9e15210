import { PassThrough } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { legalDay } from '../../../kernel/contract.ts';
import { downloadName } from '../../../kernel/download-names.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, attachmentHeader, sendFile, withUpload } from '../../../kernel/uploads.ts';
import {
  candidateList,
  claimInput,
  claimList,
  claimView,
  correctionInput,
  outcomeInput,
} from './contract.ts';
import { renderClaimSummary, writeClaimWorkbook, XLSX_TYPE } from './documents.ts';
import {
  addCorrection,
  claimCandidates,
  claimForExport,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  submitClaim,
  updateClaim,
} from './service.ts';
import { attachSignedVerbale, closeVerification, openVerbale, recordOutcome } from './verification.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Progetto: domande di rimborso e verifica del revisore'];

/** The reimbursement claims of a project, their exports, and the independent auditor's verification. */
export function registerClaimRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/claims',
    {
      config: { access: 'project.claims.read' },
      schema: {
        tags,
        summary: 'Le domande di rimborso del progetto',
        params: idParams,
        response: { 200: claimList },
      },
    },
    (request) => listClaims(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/project/projects/:id/claims/candidates',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary: 'Le spese che una domanda del periodo può prendere, con il motivo di quelle escluse',
        params: idParams,
        querystring: z.object({ periodStart: legalDay, periodEnd: legalDay, claimId: z.uuid().optional() }),
        response: { 200: candidateList },
      },
    },
    (request) => claimCandidates(platform, request.caller, request.params.id, request.query),
  );
  app.post(
    '/api/project/projects/:id/claims',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary: 'Prepara una domanda di rimborso con le spese complete del periodo',
        params: idParams,
        body: claimInput,
        response: { 201: claimView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createClaim(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/claims/:id',
    {
      config: { access: 'project.claims.read' },
      schema: {
        tags,
        summary: 'Una domanda di rimborso: spese, totali per macro-voce, rettifiche e verifica',
        params: idParams,
        response: { 200: claimView },
      },
    },
    (request) => getClaim(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/claims/:id',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary: 'Modifica una domanda ancora in preparazione',
        params: idParams,
        body: claimInput,
        response: { 200: claimView },
      },
    },
    (request) => updateClaim(platform, request.caller, request.params.id, request.body),
  );
  app.delete(
    '/api/project/claims/:id',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary: 'Elimina una domanda ancora in preparazione; le sue spese restano da rendicontare',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteClaim(platform, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/project/claims/:id/submit',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary:
          'Presenta la domanda: la domanda, le sue spese e i fogli ore del periodo non si modificano più',
        params: idParams,
        response: { 200: claimView },
      },
    },
    (request) => submitClaim(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/claims/:id/corrections',
    {
      config: { access: 'project.claims.manage' },
      schema: {
        tags,
        summary: 'Registra una rettifica di una domanda presentata, con la motivazione',
        params: idParams,
        body: correctionInput,
        response: { 201: claimView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCorrection(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/claims/:id/export.xlsx',
    {
      config: { access: 'project.claims.read' },
      schema: { tags, summary: 'Il dettaglio dei giustificativi della domanda in XLSX', params: idParams },
    },
    async (request, reply) => {
      const contents = await claimForExport(platform, request.caller, request.params.id, 'xlsx');
      const stream = new PassThrough();
      writeClaimWorkbook(contents, stream).catch((error: unknown) => stream.destroy(error as Error));
      const name = downloadName(
        'domanda-di-rimborso',
        `${contents.project.acronym} ${contents.claim.number}`,
        platform.clock.today(),
        'xlsx',
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(name))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
  app.get(
    '/api/project/claims/:id/summary.pdf',
    {
      config: { access: 'project.claims.read' },
      schema: {
        tags,
        summary: 'Il riepilogo della domanda in PDF: totali per macro-voce, budget, massimali',
        params: idParams,
      },
    },
    async (request, reply) => {
      const contents = await claimForExport(platform, request.caller, request.params.id, 'pdf');
      const body = await renderClaimSummary(contents, platform.clock.now());
      const name = downloadName(
        'riepilogo-domanda',
        `${contents.project.acronym} ${contents.claim.number}`,
        platform.clock.today(),
        'pdf',
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(name))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(body));
    },
  );
  app.put(
    '/api/project/claims/:id/outcomes/:expenseId',
    {
      config: { access: 'project.claims.verify' },
      schema: {
        tags,
        summary: 'Registra la lista di controllo e l’esito del revisore per una spesa della domanda',
        params: z.object({ id: z.uuid(), expenseId: z.uuid() }),
        body: outcomeInput,
        response: { 200: claimView },
      },
    },
    (request) =>
      recordOutcome(platform, request.caller, request.params.id, request.params.expenseId, request.body),
  );
  app.post(
    '/api/project/claims/:id/verification/close',
    {
      config: { access: 'project.claims.verify' },
      schema: {
        tags,
        summary: 'Chiude la verifica e redige il verbale con i due allegati',
        params: idParams,
        response: { 200: claimView },
      },
    },
    (request) => closeVerification(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/project/claims/:id/verbale.pdf',
    {
      config: { access: 'project.claims.read' },
      schema: { tags, summary: 'Il verbale di verifica come redatto', params: idParams },
    },
    async (request, reply) =>
      sendFile(reply, await openVerbale(platform, request.caller, request.params.id, false)),
  );
  app.get(
    '/api/project/claims/:id/verbale/signed',
    {
      config: { access: 'project.claims.read' },
      schema: { tags, summary: 'Il verbale di verifica firmato dal revisore', params: idParams },
    },
    async (request, reply) =>
      sendFile(reply, await openVerbale(platform, request.caller, request.params.id, true)),
  );
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/project/claims/:id/verbale/signed',
      {
        config: { access: 'project.claims.verify' },
        schema: {
          tags,
          summary: 'Carica il verbale di verifica firmato (PDF), conservato con la sua impronta SHA-256',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: claimView },
        },
      },
      async (request, reply) => {
        const view = await withUpload(
          request,
          reply,
          platform.config,
          'allegare il verbale firmato',
          (upload) => attachSignedVerbale(platform, request.caller, request.params.id, upload),
        );
        return reply.code(201).send(view);
      },
    );
  });
}
