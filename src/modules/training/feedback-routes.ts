/** HTTP of training's questionnaires: the needs survey and its topic list, the evaluations of editions. */
import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { paged, pageQuery } from '../identity/contract.ts';
import { questionKey, questionnaireView } from '../surveys/contract.ts';
import {
  evaluationView,
  needsResultsView,
  needsSurveyInput,
  needsSurveySummary,
  needsTemplateView,
  topicPlanInput,
  topicProposalView,
  trainerEvaluationsView,
} from './contract.ts';
import { closeEvaluation, evaluationIfSent, sendEvaluation, trainerEvaluations } from './evaluations.ts';
import {
  launchNeedsSurvey,
  listNeedsSurveys,
  needsResults,
  needsTemplate,
  planTopic,
  unplanTopic,
} from './needs.ts';
import { listProposals, planProposal, unplanProposal } from './proposals/service.ts';

const idParams = z.object({ id: z.uuid() });
const topicParams = z.object({ id: z.uuid(), key: questionKey });
const tags = ['Formazione'];

export function registerFeedbackRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/training/needs-surveys',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Le rilevazioni dei fabbisogni formativi, le più recenti per prime',
        response: { 200: z.array(needsSurveySummary) },
      },
    },
    async (request) => listNeedsSurveys(platform, request.caller),
  );
  app.get(
    '/api/training/needs-surveys/template',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Il modello da cui parte una nuova rilevazione dei fabbisogni',
        response: { 200: needsTemplateView },
      },
    },
    async () => needsTemplate(platform),
  );
  app.post(
    '/api/training/needs-surveys',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Prepara una rilevazione dei fabbisogni (bozza) sugli argomenti indicati',
        body: needsSurveyInput,
        response: { 201: questionnaireView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await launchNeedsSurvey(platform, request.caller, request.body)),
  );
  app.get(
    '/api/training/needs-surveys/:id/results',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'La domanda di formazione per argomento, percorso e tipo di ente',
        params: idParams,
        response: { 200: needsResultsView },
      },
    },
    async (request) => needsResults(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/training/needs-surveys/:id/topics/:key/plan',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Mette in programma un argomento, con il corso che lo tratta',
        params: topicParams,
        body: topicPlanInput,
        response: { 200: needsResultsView },
      },
    },
    async (request) =>
      planTopic(platform, request.caller, request.params.id, request.params.key, request.body.courseId),
  );
  app.delete(
    '/api/training/needs-surveys/:id/topics/:key/plan',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Toglie un argomento dal programma',
        params: topicParams,
        response: { 200: needsResultsView },
      },
    },
    async (request) => unplanTopic(platform, request.caller, request.params.id, request.params.key),
  );
  app.get(
    '/api/training/topic-proposals',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Gli argomenti proposti dalle novità normative: prima quelli ancora senza corso',
        querystring: pageQuery,
        response: { 200: paged(topicProposalView) },
      },
    },
    async (request) => listProposals(platform, request.query),
  );
  app.put(
    '/api/training/topic-proposals/:id/plan',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Mette in programma un argomento proposto: entra tra gli argomenti del corso scelto',
        params: idParams,
        body: topicPlanInput,
        response: { 200: topicProposalView },
      },
    },
    async (request) => planProposal(platform, request.caller, request.params.id, request.body.courseId),
  );
  app.delete(
    '/api/training/topic-proposals/:id/plan',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Toglie un argomento proposto dal corso in cui era in programma',
        params: idParams,
        response: { 200: topicProposalView },
      },
    },
    async (request) => unplanProposal(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/training/editions/:id/evaluation',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary:
          'La valutazione anonima dell’edizione: i risultati per chi tiene il corso, il link per chi risponde',
        params: idParams,
        response: { 200: evaluationView.nullable() },
      },
    },
    async (request) => evaluationIfSent(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/training/editions/:id/evaluation',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Invia la valutazione anonima a chi ha avuto un posto nell’edizione conclusa',
        params: idParams,
        response: { 201: evaluationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendEvaluation(platform, request.caller, request.params.id)),
  );
  app.post(
    '/api/training/editions/:id/evaluation/close',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Chiude la valutazione: i risultati si vedono se le risposte sono almeno 5',
        params: idParams,
        response: { 200: evaluationView },
      },
    },
    async (request) => closeEvaluation(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/training/trainers/:id/evaluations',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary:
          'Le valutazioni di un formatore in tutte le sue edizioni (solo quelle chiuse con almeno 5 risposte)',
        params: idParams,
        response: { 200: trainerEvaluationsView },
      },
    },
    async (request) => trainerEvaluations(platform, request.caller, request.params.id),
  );
}
