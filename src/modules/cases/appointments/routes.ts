import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  agendaQuery,
  appointmentView,
  bookingInput,
  cancelInput,
  convocationSample,
  deskInput,
  deskView,
  outcomeInput,
  rescheduleInput,
  slotsQuery,
  slotsView,
} from './contract.ts';
import { convocationSamples } from './convocations.ts';
import { createDesk, listDesks, slotsOfDesk, updateDesk } from './desks.ts';
import { appointmentIcs, resendConvocation } from './letters.ts';
import { bookAppointment, cancelAppointment, recordOutcome, rescheduleAppointment } from './service.ts';
import { agenda, caseAppointments, getAppointment, myAppointments } from './views.ts';

const idParams = z.object({ id: z.uuid() });

export function registerAppointmentRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Sportelli e appuntamenti'];

  app.get(
    '/api/convocation-templates',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary:
          'La convocazione in italiano e nelle lingue in cui è tradotta, su un appuntamento di esempio',
        response: { 200: z.array(convocationSample) },
      },
    },
    async () => convocationSamples(platform.clock.now()),
  );

  app.post(
    '/api/desks',
    {
      config: { access: 'cases.desks.manage' },
      schema: {
        tags,
        summary: 'Crea uno sportello con i suoi orari',
        body: deskInput,
        response: { 201: deskView },
      },
    },
    async (request, reply) => reply.code(201).send(await createDesk(platform, request.caller, request.body)),
  );

  app.put(
    '/api/desks/:id',
    {
      config: { access: 'cases.desks.manage' },
      schema: {
        tags,
        summary: 'Modifica uno sportello e i suoi orari (gli appuntamenti fissati restano)',
        params: idParams,
        body: deskInput,
        response: { 200: deskView },
      },
    },
    async (request) => updateDesk(platform, request.caller, request.params.id, request.body),
  );

  app.get(
    '/api/desks',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Sportelli e orari di apertura', response: { 200: z.array(deskView) } },
    },
    async (request) => listDesks(platform, request.caller),
  );

  app.get(
    '/api/desks/:id/slots',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Orari liberi di uno sportello (esclusi festivi, domeniche e orari passati)',
        params: idParams,
        querystring: slotsQuery,
        response: { 200: slotsView },
      },
    },
    async (request) => slotsOfDesk(platform, request.caller, request.params.id, request.query),
  );

  app.post(
    '/api/cases/:id/appointments',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Fissa un appuntamento e invia la convocazione',
        params: idParams,
        body: bookingInput,
        response: { 201: appointmentView },
      },
    },
    async (request, reply) => {
      const booked = await bookAppointment(platform, request.caller, request.params.id, request.body);
      return reply.code(201).header('location', `/api/appointments/${booked.id}`).send(booked);
    },
  );

  app.get(
    '/api/cases/:id/appointments',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Appuntamenti di una pratica',
        params: idParams,
        response: { 200: z.array(appointmentView) },
      },
    },
    async (request) => caseAppointments(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/appointments',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Agenda degli appuntamenti dell’ufficio',
        querystring: agendaQuery,
        response: { 200: z.array(appointmentView) },
      },
    },
    async (request) => agenda(platform, request.caller, request.query),
  );

  app.get(
    '/api/appointments/mine',
    {
      config: { access: 'cases.access' },
      schema: {
        tags,
        summary: 'Appuntamenti in cui sono il mediatore',
        querystring: slotsQuery,
        response: { 200: z.array(appointmentView) },
      },
    },
    async (request) => myAppointments(platform, request.caller, request.query),
  );

  app.get(
    '/api/appointments/:id',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'Un appuntamento', params: idParams, response: { 200: appointmentView } },
    },
    async (request) => getAppointment(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/appointments/:id/ics',
    {
      config: { access: 'cases.access' },
      schema: { tags, summary: 'L’appuntamento in formato calendario (.ics)', params: idParams },
    },
    async (request, reply) => {
      const ics = await appointmentIcs(platform, request.caller, request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="convocazione.ics"')
        .send(ics);
    },
  );

  app.post(
    '/api/appointments/:id/outcome',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Registra se il richiedente si è presentato',
        params: idParams,
        body: outcomeInput,
        response: { 200: appointmentView },
      },
    },
    async (request) => recordOutcome(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Sposta un appuntamento: ne fissa uno nuovo e invia la nuova convocazione',
        params: idParams,
        body: rescheduleInput,
        response: { 201: appointmentView },
      },
    },
    async (request, reply) => {
      const moved = await rescheduleAppointment(platform, request.caller, request.params.id, request.body);
      return reply.code(201).header('location', `/api/appointments/${moved.id}`).send(moved);
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Annulla un appuntamento e avvisa il richiedente',
        params: idParams,
        body: cancelInput,
        response: { 200: appointmentView },
      },
    },
    async (request) => cancelAppointment(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/appointments/:id/letter',
    {
      config: { access: 'cases.act' },
      schema: { tags, summary: 'Invia di nuovo la convocazione', params: idParams },
    },
    async (request, reply) => {
      await resendConvocation(platform, request.caller, request.params.id);
      return reply.code(204).send();
    },
  );
}
