import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { actorOf } from '../service.ts';
import {
  mentoringEntry,
  mentoringInput,
  mentoringQuery,
  organisationRecord,
  organisationSummary,
  personRecord,
  teamMember,
} from './contract.ts';
import { organisationRecordXlsx, personRecordXlsx, XLSX_TYPE } from './export.ts';
import { listMentoring, listTeam, recordMentoring, removeMentoring } from './mentoring.ts';
import {
  organisationSummaries,
  organisationRecord as readOrganisationRecord,
  personRecord as readPersonRecord,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Formazione'];

/** The training record of people and organisations, with its XLSX, and the SUI team's on-the-job log. */
export function registerRecordRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/training/records/mine',
    {
      // anyone may have been trained (an operator mentored at the SUI holds no training role)
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Il proprio percorso formativo: corsi, ore, affiancamento',
        response: { 200: personRecord },
      },
    },
    async (request) => readPersonRecord(platform, request.caller, actorOf(request.caller).userId),
  );

  app.get(
    '/api/training/records/people/:id',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary:
          'Il percorso formativo di una persona (propria, del proprio ente per chi lo dirige, tutte per lo staff del progetto)',
        params: idParams,
        response: { 200: personRecord },
      },
    },
    async (request) => readPersonRecord(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/training/records/organisations',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary:
          'Gli enti con persone formate e i loro totali (tutti per lo staff del progetto, il proprio per chi lo dirige)',
        response: { 200: z.array(organisationSummary) },
      },
    },
    async (request) => organisationSummaries(platform, request.caller),
  );

  app.get(
    '/api/training/records/organisations/:id',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'La formazione di un ente: persone, ore, corsi completati per percorso',
        params: idParams,
        response: { 200: organisationRecord },
      },
    },
    async (request) => readOrganisationRecord(platform, request.caller, request.params.id),
  );

  const exports = [
    [
      '/api/training/records/mine.xlsx',
      'authenticated',
      'Il proprio percorso formativo in XLSX',
      personRecordXlsx,
      true,
    ],
    [
      '/api/training/records/people/:id/export.xlsx',
      'training.access',
      'Il percorso formativo di una persona in XLSX',
      personRecordXlsx,
      false,
    ],
    [
      '/api/training/records/organisations/:id/export.xlsx',
      'training.access',
      'La formazione di un ente in XLSX',
      organisationRecordXlsx,
      false,
    ],
  ] as const;
  for (const [url, access, summary, render, isOwn] of exports)
    app.get(
      url,
      { config: { access }, schema: { tags, summary, ...(isOwn ? {} : { params: idParams }) } },
      async (request, reply) => {
        const id = isOwn ? actorOf(request.caller).userId : (request.params as { id: string }).id;
        const { filename, body } = await render(platform, request.caller, id);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(body);
      },
    );

  app.get(
    '/api/training/mentoring',
    {
      config: { access: 'training.mentoring' },
      schema: {
        tags,
        summary:
          'Il registro dell’affiancamento (tutto l’ufficio per il responsabile SUI, il proprio per gli altri)',
        querystring: mentoringQuery,
        response: { 200: z.array(mentoringEntry) },
      },
    },
    async (request) => listMentoring(platform, request.caller, request.query),
  );

  app.get(
    '/api/training/mentoring/team',
    {
      config: { access: 'training.mentoring' },
      schema: {
        tags,
        summary: 'Le persone del team SUI del proprio ufficio',
        response: { 200: z.array(teamMember) },
      },
    },
    async (request) => listTeam(platform, request.caller),
  );

  app.post(
    '/api/training/mentoring',
    {
      config: { access: 'training.mentoring' },
      schema: {
        tags,
        summary: 'Registra ore di affiancamento: data, persona affiancata, chi affianca, argomento, ore',
        body: mentoringInput,
        response: { 201: mentoringEntry },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordMentoring(platform, request.caller, request.body)),
  );

  app.delete(
    '/api/training/mentoring/:id',
    {
      config: { access: 'training.mentoring' },
      schema: {
        tags,
        summary: 'Toglie una registrazione di affiancamento sbagliata',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMentoring(platform, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
