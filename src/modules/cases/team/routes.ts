import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  answerInput,
  mediatorLanguagesInput,
  mediatorProfileInput,
  mediatorProfileView,
  mediatorProposals,
  mediatorProposalsQuery,
  mediatorsQuery,
  mediatorView,
  questionInput,
  questionsQuery,
  questionView,
} from './contract.ts';
import { mediatorProfile, proposeCaseMediators, updateMediatorProfile } from './mediators.ts';
import {
  answerLegalQuestion,
  askLegalQuestion,
  caseQuestions,
  legalQuestions,
  listMediators,
  setMediatorLanguages,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });

export function registerTeamRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Équipe multidisciplinare'];

  app.get(
    '/api/mediators',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Mediatori linguistico-culturali, con le lingue e gli appuntamenti in programma',
        querystring: mediatorsQuery,
        response: { 200: z.array(mediatorView) },
      },
    },
    async (request) => listMediators(platform, request.caller, request.query.language),
  );

  app.put(
    '/api/mediators/:userId/languages',
    {
      config: { access: 'cases.mediators.manage' },
      schema: {
        tags,
        summary: 'Imposta le lingue coperte da un mediatore',
        params: z.object({ userId: z.uuid() }),
        body: mediatorLanguagesInput,
        response: { 200: mediatorView },
      },
    },
    async (request) => setMediatorLanguages(platform, request.caller, request.params.userId, request.body),
  );

  app.get(
    '/api/mediators/:userId/profile',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Profilo di un mediatore: lingue con il livello, disponibilità settimanale',
        params: z.object({ userId: z.uuid() }),
        response: { 200: mediatorProfileView },
      },
    },
    async (request) => mediatorProfile(platform, request.caller, request.params.userId),
  );

  app.put(
    '/api/mediators/:userId/profile',
    {
      config: { access: 'cases.mediators.profile' },
      schema: {
        tags,
        summary: 'Aggiorna il profilo di un mediatore (il proprio; il responsabile SUI quello di ognuno)',
        params: z.object({ userId: z.uuid() }),
        body: mediatorProfileInput,
        response: { 200: mediatorProfileView },
      },
    },
    async (request) => updateMediatorProfile(platform, request.caller, request.params.userId, request.body),
  );

  app.get(
    '/api/cases/:id/mediator-proposals',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary:
          'Mediatori da proporre per un appuntamento: chi parla la lingua del richiedente ed è libero; gli altri con il motivo',
        params: idParams,
        querystring: mediatorProposalsQuery,
        response: { 200: mediatorProposals },
      },
    },
    async (request) => proposeCaseMediators(platform, request.caller, request.params.id, request.query),
  );

  app.post(
    '/api/cases/:id/questions',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Poni un quesito all’esperto legale sulla pratica',
        params: idParams,
        body: questionInput,
        response: { 201: questionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await askLegalQuestion(platform, request.caller, request.params.id, request.body)),
  );

  app.get(
    '/api/cases/:id/questions',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Quesiti legali di una pratica, con le risposte',
        params: idParams,
        response: { 200: z.array(questionView) },
      },
    },
    async (request) => caseQuestions(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/legal-questions',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Quesiti legali dell’ufficio per scadenza (open=true: in attesa di risposta)',
        querystring: questionsQuery,
        response: { 200: z.array(questionView) },
      },
    },
    async (request) =>
      legalQuestions(
        platform,
        request.caller,
        request.query.open === undefined ? undefined : request.query.open === 'true',
      ),
  );

  app.post(
    '/api/legal-questions/:id/answer',
    {
      config: { access: 'cases.legal.answer' },
      schema: {
        tags,
        summary: 'Rispondi a un quesito legale',
        params: idParams,
        body: answerInput,
        response: { 200: questionView },
      },
    },
    async (request) => answerLegalQuestion(platform, request.caller, request.params.id, request.body),
  );
}
