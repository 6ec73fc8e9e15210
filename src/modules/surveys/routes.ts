import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { paged } from '../identity/contract.ts';
import {
  answersInput,
  invitationInput,
  invitationsQuery,
  invitationView,
  inviteeQuery,
  inviteeView,
  questionnaireView,
  resultsQuery,
  resultsView,
  surveyInput,
  surveysQuery,
} from './contract.ts';
import {
  answersCsv,
  answersXlsx,
  createSurvey,
  findInvitees,
  getSurvey,
  inviteToSurvey,
  listInvitations,
  listSurveys,
  moveSurvey,
  submitAnswer,
  surveyResults,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Questionari'];

export function registerSurveyRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/surveys',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'I questionari che si preparano e quelli a cui si è invitati, i più recenti per primi',
        querystring: surveysQuery,
        response: { 200: paged(questionnaireView) },
      },
    },
    async (request) => listSurveys(platform, request.caller, request.query),
  );
  app.post(
    '/api/surveys',
    {
      config: { access: 'surveys.build' },
      schema: {
        tags,
        summary: 'Crea un questionario (bozza) per la formazione o per un evento',
        body: surveyInput,
        response: { 201: questionnaireView },
      },
    },
    async (request, reply) => {
      const { ownerKind, ownerLabel, ...settings } = request.body;
      const created = await createSurvey(
        platform,
        request.caller,
        { kind: ownerKind, label: ownerLabel ?? null },
        { ...settings, answeredBy: 'PERSON' },
      );
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/api/surveys/invitees',
    {
      config: { access: 'surveys.build' },
      schema: {
        tags,
        summary: 'Persone da invitare, per nome o indirizzo e-mail',
        querystring: inviteeQuery,
        response: { 200: z.array(inviteeView) },
      },
    },
    async (request) => findInvitees(platform, request.caller, request.query.search),
  );
  app.get(
    '/api/surveys/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Un questionario', params: idParams, response: { 200: questionnaireView } },
    },
    async (request) => getSurvey(platform, request.caller, request.params.id),
  );
  for (const [verb, status] of [
    ['open', 'OPEN'],
    ['close', 'CLOSED'],
  ] as const)
    app.post(
      `/api/surveys/:id/${verb}`,
      {
        config: { access: 'surveys.build' },
        schema: {
          tags,
          summary:
            verb === 'open'
              ? 'Apre il questionario alle risposte e invia gli inviti'
              : 'Chiude il questionario',
          params: idParams,
          response: { 200: questionnaireView },
        },
      },
      async (request) => moveSurvey(platform, request.caller, request.params.id, status),
    );
  app.post(
    '/api/surveys/:id/answers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Risponde al questionario (una volta; se anonimo, senza legame con chi risponde)',
        params: idParams,
        body: answersInput,
        response: { 200: questionnaireView },
      },
    },
    async (request) => submitAnswer(platform, request.caller, request.params.id, request.body),
  );
  app.get(
    '/api/surveys/:id/results',
    {
      config: { access: 'surveys.build' },
      schema: {
        tags,
        summary: 'Risultati per domanda (un questionario anonimo solo da 5 risposte)',
        params: idParams,
        querystring: resultsQuery,
        response: { 200: resultsView },
      },
    },
    async (request) => surveyResults(platform, request.caller, request.params.id, request.query),
  );
  app.get(
    '/api/surveys/:id/invitations',
    {
      config: { access: 'surveys.build' },
      schema: {
        tags,
        summary: 'Le persone invitate, in ordine di cognome, e chi ha già risposto',
        params: idParams,
        querystring: invitationsQuery,
        response: { 200: paged(invitationView) },
      },
    },
    async (request) => listInvitations(platform, request.caller, request.params.id, request.query),
  );
  app.post(
    '/api/surveys/:id/invitations',
    {
      config: { access: 'surveys.build' },
      schema: {
        tags,
        summary:
          'Invita persone, una per una o per ente e ruolo (l’e-mail parte quando il questionario è aperto)',
        params: idParams,
        body: invitationInput,
        response: { 200: z.object({ added: z.number().int(), already: z.number().int() }) },
      },
    },
    async (request) => inviteToSurvey(platform, request.caller, request.params.id, request.body),
  );
  const exports = [
    ['csv', 'CSV', answersCsv, 'text/csv; charset=utf-8'],
    ['xlsx', 'XLSX', answersXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const;
  for (const [extension, format, render, mediaType] of exports)
    app.get(
      `/api/surveys/:id/answers.${extension}`,
      {
        config: { access: 'surveys.build' },
        schema: {
          tags,
          summary: `Risposte in ${format} (di un questionario anonimo solo da 5 risposte, senza nomi né date)`,
          params: idParams,
        },
      },
      async (request, reply) => {
        const { filename, body } = await render(platform, request.caller, request.params.id);
        return reply
          .type(mediaType)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(body);
      },
    );
}
