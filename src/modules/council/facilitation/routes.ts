import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { paged } from '../../identity/contract.ts';
import { resultsView } from '../../surveys/contract.ts';
import {
  assignmentInput,
  assignmentView,
  consultantView,
  convocationProposalInput,
  facilitationView,
  minutesProposalInput,
  needsEntryInput,
  proposalsQuery,
  proposalView,
  questionnaireProposalInput,
  returnInput,
  tableQuestionnaireView,
} from './contract.ts';
import { closeTableQuestionnaire, tableQuestionnaire, tableQuestionnaireResults } from './questionnaires.ts';
import {
  approveProposal,
  assignConsultant,
  endAssignment,
  facilitation,
  getProposal,
  listConsultants,
  listProposals,
  proposeConvocation,
  proposeMinutes,
  proposeNeedsEntry,
  proposeQuestionnaire,
  returnProposal,
} from './service.ts';

const tags = ['Consiglio territoriale – consulente per la concertazione'];
const idParams = z.object({ id: z.uuid() });
const noBody = z.object({}).optional();

/** The consultant's tables and proposals, and the secretariat's assignments and decisions on them. */
export function registerFacilitationRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/council/consultants',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Consulenti per la concertazione, con i tavoli assegnati',
        response: { 200: z.array(consultantView) },
      },
    },
    async () => listConsultants(platform),
  );
  app.post(
    '/api/council/tables/:id/consultants',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Assegna un consulente al tavolo tematico',
        params: idParams,
        body: assignmentInput,
        response: { 201: assignmentView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assignConsultant(platform, request.caller, request.params.id, request.body)),
  );
  app.post(
    '/api/council/tables/:id/consultants/:assignmentId/end',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Chiude l’assegnazione del consulente al tavolo',
        params: z.object({ id: z.uuid(), assignmentId: z.uuid() }),
        body: noBody,
      },
    },
    async (request, reply) => {
      await endAssignment(platform, request.caller, request.params.id, request.params.assignmentId);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/council/facilitation',
    {
      config: { access: 'council.tables.facilitate' },
      schema: {
        tags,
        summary: 'I tavoli assegnati al consulente, con le sedute',
        response: { 200: facilitationView },
      },
    },
    async (request) => facilitation(platform, request.caller),
  );
  app.post(
    '/api/council/tables/:id/proposals/convocation',
    {
      config: { access: 'council.tables.facilitate' },
      schema: {
        tags,
        summary: 'Propone alla segreteria la convocazione di una seduta con l’ordine del giorno',
        params: idParams,
        body: convocationProposalInput,
        response: { 201: proposalView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await proposeConvocation(platform, request.caller, request.params.id, request.body)),
  );
  app.post(
    '/api/council/tables/:id/proposals/needs',
    {
      config: { access: 'council.tables.facilitate' },
      schema: {
        tags,
        summary: 'Propone alla segreteria una voce dell’analisi dei bisogni del tavolo',
        params: idParams,
        body: needsEntryInput,
        response: { 201: proposalView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await proposeNeedsEntry(platform, request.caller, request.params.id, request.body)),
  );
  app.post(
    '/api/council/tables/:id/proposals/questionnaire',
    {
      config: { access: 'council.tables.facilitate' },
      schema: {
        tags,
        summary:
          'Propone alla segreteria un questionario del tavolo (domande, anonimato, promemoria): i componenti sono invitati quando è approvato',
        params: idParams,
        body: questionnaireProposalInput,
        response: { 201: proposalView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await proposeQuestionnaire(platform, request.caller, request.params.id, request.body)),
  );
  app.post(
    '/api/council/meetings/:id/proposals/minutes',
    {
      config: { access: 'council.tables.facilitate' },
      schema: {
        tags,
        summary: 'Propone alla segreteria la bozza del verbale di una seduta tenuta',
        params: idParams,
        body: minutesProposalInput,
        response: { 201: proposalView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeMinutes(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/council/proposals',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary:
          'Proposte del consulente, quelle in attesa prima (la segreteria le vede tutte, il consulente quelle dei suoi tavoli)',
        querystring: proposalsQuery,
        response: { 200: paged(proposalView) },
      },
    },
    async (request) => listProposals(platform, request.caller, request.query),
  );
  app.get(
    '/api/council/proposals/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Una proposta del consulente',
        params: idParams,
        response: { 200: proposalView },
      },
    },
    async (request) => getProposal(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/council/proposals/:id/approve',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Approva la proposta del consulente, che ha effetto subito',
        params: idParams,
        body: noBody,
        response: { 200: proposalView },
      },
    },
    async (request) => approveProposal(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/council/proposals/:id/return',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Restituisce la proposta al consulente con il motivo',
        params: idParams,
        body: returnInput,
        response: { 200: proposalView },
      },
    },
    async (request) => returnProposal(platform, request.caller, request.params.id, request.body),
  );
  registerTableQuestionnaireRoutes(app, platform);
}

/** A table's questionnaires: for the secretariat and the consultant assigned to the table, not found for others. */
function registerTableQuestionnaireRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/council/table-questionnaires/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Un questionario di un tavolo tematico, per la segreteria e il consulente del tavolo',
        params: idParams,
        response: { 200: tableQuestionnaireView },
      },
    },
    async (request) => tableQuestionnaire(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/council/table-questionnaires/:id/results',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary:
          'Risultati per domanda del questionario del tavolo (un questionario anonimo solo chiuso e da 5 risposte)',
        params: idParams,
        response: { 200: resultsView },
      },
    },
    async (request) => tableQuestionnaireResults(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/council/table-questionnaires/:id/close',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Chiude il questionario del tavolo (la segreteria o il consulente del tavolo)',
        params: idParams,
        body: noBody,
        response: { 200: tableQuestionnaireView },
      },
    },
    async (request) => closeTableQuestionnaire(platform, request.caller, request.params.id),
  );
}
