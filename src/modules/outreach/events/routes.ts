import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { paged } from '../../identity/contract.ts';
import {
  capacityInput,
  checkInInput,
  checkInListInput,
  checkInResult,
  decisionInput,
  decisionView,
  doorMatch,
  doorQuery,
  eventChangeInput,
  eventInput,
  eventSummary,
  eventTextInput,
  eventView,
  interpretationNeed,
  languageParams,
  questionInput,
  registrationsQuery,
  registrationView,
  sessionInput,
} from '../contract.ts';
import { registrationsXlsx, XLSX_TYPE } from './export.ts';
import { cancelRegistration, changeCapacity, decideRequest } from './seats.ts';
import {
  addCheckInList,
  addQuestion,
  addSession,
  changeEvent,
  changeQuestion,
  checkIn,
  createEvent,
  dropTranslation,
  getEvent,
  interpretationNeeds,
  keepTranslation,
  listEvents,
  listRegistrations,
  removeQuestion,
  searchAtDoor,
  setPublished,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Eventi'];
const MANAGE = { access: 'outreach.events.manage' } as const;

export function registerEventRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/events',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Gli eventi, il prossimo per primo',
        response: { 200: z.array(eventSummary) },
      },
    },
    async () => listEvents(platform),
  );

  app.post(
    '/api/outreach/events',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Prepara un nuovo evento (non ancora pubblico)',
        body: eventInput,
        response: { 201: eventView },
      },
    },
    async (request, reply) => reply.code(201).send(await createEvent(platform, request.caller, request.body)),
  );

  app.get(
    '/api/outreach/events/:id',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Un evento con le sue date, i posti e le liste d’ingresso',
        params: idParams,
        response: { 200: eventView },
      },
    },
    async (request) => getEvent(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/outreach/events/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Modifica i dati e il testo italiano di un evento',
        params: idParams,
        body: eventChangeInput,
        response: { 200: eventView },
      },
    },
    async (request) => changeEvent(platform, request.caller, request.params.id, request.body),
  );

  app.put(
    '/api/outreach/events/:id/texts/:lang',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Scrive la pagina pubblica dell’evento in un’altra lingua',
        params: languageParams,
        body: eventTextInput,
        response: { 200: eventView },
      },
    },
    async (request) =>
      keepTranslation(platform, request.caller, request.params.id, request.params.lang, request.body),
  );

  app.delete(
    '/api/outreach/events/:id/texts/:lang',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Toglie la traduzione in una lingua',
        params: languageParams,
        response: { 200: eventView },
      },
    },
    async (request) => dropTranslation(platform, request.caller, request.params.id, request.params.lang),
  );

  app.put(
    '/api/outreach/events/:id/published',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Pubblica l’evento sul portale (le iscrizioni si aprono) o lo toglie',
        params: idParams,
        body: z.object({ published: z.boolean('indicare sì o no') }),
        response: { 200: eventView },
      },
    },
    async (request) => setPublished(platform, request.caller, request.params.id, request.body.published),
  );

  app.post(
    '/api/outreach/events/:id/sessions',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Aggiunge una data con il luogo e i posti',
        params: idParams,
        body: sessionInput,
        response: { 201: eventView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addSession(platform, request.caller, request.params.id, request.body)),
  );

  app.post(
    '/api/outreach/events/:id/questions',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Aggiunge una domanda al modulo d’iscrizione dell’evento',
        params: idParams,
        body: questionInput,
        response: { 201: eventView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addQuestion(platform, request.caller, request.params.id, request.body)),
  );

  app.put(
    '/api/outreach/questions/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Corregge una domanda del modulo (tipo e scelte solo finché nessuno ha risposto)',
        params: idParams,
        body: questionInput,
        response: { 200: eventView },
      },
    },
    async (request) => changeQuestion(platform, request.caller, request.params.id, request.body),
  );

  app.delete(
    '/api/outreach/questions/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Toglie una domanda a cui nessuno ha ancora risposto',
        params: idParams,
        response: { 200: eventView },
      },
    },
    async (request) => removeQuestion(platform, request.caller, request.params.id),
  );

  app.put(
    '/api/outreach/sessions/:id/capacity',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Cambia i posti di una data: i nuovi posti sono offerti subito ai primi in lista d’attesa',
        params: idParams,
        body: capacityInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changeCapacity(platform, request.caller, request.params.id, request.body.capacity);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/outreach/sessions/:id/registrations',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Le iscrizioni di una data in ordine di arrivo (lettura registrata)',
        params: idParams,
        querystring: registrationsQuery,
        response: { 200: paged(registrationView) },
      },
    },
    async (request) => listRegistrations(platform, request.caller, request.params.id, request.query),
  );

  app.get(
    '/api/outreach/sessions/:id/registrations.xlsx',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Le iscrizioni di una data in XLSX, in ordine di arrivo (lettura registrata)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const { filename, body } = await registrationsXlsx(platform, request.caller, request.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );

  app.post(
    '/api/outreach/registrations/:id/decision',
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Accoglie o respinge una richiesta per una data su invito: accolta, prende un posto o la lista d’attesa',
        params: idParams,
        body: decisionInput,
        response: { 200: decisionView },
      },
    },
    async (request) => ({
      status: await decideRequest(platform, request.caller, request.params.id, request.body.approve),
    }),
  );

  app.post(
    '/api/outreach/registrations/:id/cancel',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Annulla un’iscrizione: il posto passa al primo in lista d’attesa',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cancelRegistration(platform, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/outreach/events/:id/interpretation',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Le richieste di interprete o mediatore, per lingua e data',
        params: idParams,
        response: { 200: z.array(interpretationNeed) },
      },
    },
    async (request) => interpretationNeeds(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/outreach/events/:id/check-in-lists',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Aggiunge una lista d’ingresso (un’altra porta o sala)',
        params: idParams,
        body: checkInListInput,
        response: { 201: eventView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addCheckInList(platform, request.caller, request.params.id, request.body.name)),
  );

  app.post(
    '/api/outreach/check-in',
    {
      config: { access: 'outreach.checkin' },
      schema: {
        tags,
        summary: 'Registra un ingresso con il codice del biglietto',
        body: checkInInput,
        response: { 200: checkInResult },
      },
    },
    async (request) => checkIn(platform, request.caller, request.body),
  );

  app.get(
    '/api/outreach/sessions/:id/door',
    {
      config: { access: 'outreach.checkin' },
      schema: {
        tags,
        summary: 'Cerca per nome tra i biglietti di una data, alla porta',
        params: idParams,
        querystring: doorQuery.extend({ listId: z.uuid() }),
        response: { 200: z.array(doorMatch) },
      },
    },
    async (request) =>
      searchAtDoor(platform, request.caller, request.params.id, request.query.listId, request.query.q),
  );
}
