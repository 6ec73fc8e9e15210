/** The staff's API after an event: certificates of its sessions and the follow-up questionnaire. */
import { z } from 'zod';
import type { LovitApp } from '../../../../kernel/http.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { resultsView } from '../../../surveys/contract.ts';
import {
  certificateRevocationInput,
  eventCertificateView,
  followUpSurveyInput,
  followUpSurveyView,
  followUpView,
} from './contract.ts';
import {
  followUpOverview,
  openSessionCertificates,
  revokeEventCertificate,
  staffCertificatePdf,
} from './service.ts';
import { closeFollowUp, followUpResults, launchFollowUp } from './survey.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Eventi'];
const MANAGE = { access: 'outreach.events.manage' } as const;

export function registerFollowUpRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/events/:id/follow-up',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Dopo l’evento: attestati di ogni data e questionario',
        params: idParams,
        response: { 200: followUpView },
      },
    },
    async (request) => followUpOverview(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/outreach/sessions/:id/certificates',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Apre gli attestati di una data conclusa: chi è entrato riceve il link per richiederlo',
        params: idParams,
        response: { 200: followUpView },
      },
    },
    async (request) => openSessionCertificates(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/outreach/event-certificates/:id/revocation',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Revoca un attestato di partecipazione, con il motivo',
        params: idParams,
        body: certificateRevocationInput,
        response: { 200: eventCertificateView },
      },
    },
    async (request) =>
      revokeEventCertificate(platform, request.caller, request.params.id, request.body.reason),
  );

  app.get(
    '/api/outreach/event-certificates/:id/pdf',
    {
      config: MANAGE,
      schema: { tags, summary: 'Il PDF di un attestato di partecipazione', params: idParams },
    },
    async (request, reply) => {
      const { number, pdf } = await staffCertificatePdf(platform, request.caller, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="attestato-${number}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/outreach/events/:id/follow-up/survey',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Invia il questionario anonimo dopo l’evento ai partecipanti scelti',
        params: idParams,
        body: followUpSurveyInput,
        response: { 201: followUpSurveyView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await launchFollowUp(platform, request.caller, request.params.id, request.body)),
  );

  app.post(
    '/api/outreach/events/:id/follow-up/survey/closing',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Chiude il questionario dopo l’evento: i risultati diventano leggibili',
        params: idParams,
        response: { 200: followUpSurveyView },
      },
    },
    async (request) => closeFollowUp(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/outreach/events/:id/follow-up/results',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'I risultati del questionario dopo l’evento',
        params: idParams,
        response: { 200: resultsView },
      },
    },
    async (request) => followUpResults(platform, request.params.id),
  );
}
