import { z } from 'zod';
import type { LovitApp } from '../../../../kernel/http.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { assignmentChange, assignmentInput, interpretersView, interpretingView } from './contract.ts';
import {
  assignInterpreter,
  changeInterpreter,
  listInterpreters,
  myInterpreting,
  removeInterpreter,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Eventi'];
const MANAGE = { access: 'outreach.events.manage' } as const;

export function registerInterpreterRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/outreach/events/:id/interpreters',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'I mediatori assegnati a ogni data e lingua, e quelli dell’ufficio tra cui scegliere',
        params: idParams,
        response: { 200: interpretersView },
      },
    },
    async (request) => listInterpreters(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/outreach/sessions/:id/interpreters',
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Assegna a un mediatore l’interpretariato di una data in una lingua (il mediatore riceve un’e-mail)',
        params: idParams,
        body: assignmentInput,
        response: { 201: interpretersView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await assignInterpreter(platform, request.caller, request.params.id, request.body)),
  );

  app.put(
    '/api/outreach/interpreters/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Affida l’interpretariato a un altro mediatore o ne cambia le indicazioni (gli interessati ricevono un’e-mail)',
        params: idParams,
        body: assignmentChange,
        response: { 200: interpretersView },
      },
    },
    async (request) => changeInterpreter(platform, request.caller, request.params.id, request.body),
  );

  app.delete(
    '/api/outreach/interpreters/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Toglie l’incarico di interpretariato (il mediatore riceve un’e-mail)',
        params: idParams,
        response: { 200: interpretersView },
      },
    },
    async (request) => removeInterpreter(platform, request.caller, request.params.id),
  );

  app.get(
    '/api/outreach/my-interpreting',
    {
      config: { access: 'outreach.access' },
      schema: {
        tags,
        summary: 'Le prossime date in cui si fa da interprete, con quante persone l’hanno chiesto',
        response: { 200: z.array(interpretingView) },
      },
    },
    async (request) => myInterpreting(platform, request.caller),
  );
}
