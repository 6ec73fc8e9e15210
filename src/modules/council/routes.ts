import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { paged } from '../identity/contract.ts';
import { assignAction, listActions, updateAction } from './actions/service.ts';
import { registerConcertationRoutes } from './concertation/routes.ts';
import {
  actionInput,
  actionsQuery,
  actionUpdateInput,
  actionView,
  answerInput,
  cancelInput,
  commentInput,
  decisionInput,
  initiativeInput,
  initiativeView,
  meetingInput,
  meetingView,
  memberEndInput,
  memberInput,
  minutesInput,
  progressInput,
  registerInput,
  rescheduleInput,
  tableInput,
  tableSummary,
  tableView,
} from './contract.ts';
import { registerCouncilDocumentRoutes } from './documents/routes.ts';
import { registerFacilitationRoutes } from './facilitation/routes.ts';
import { listInitiatives, planInitiative, recordProgress } from './initiatives/service.ts';
import { cancelMeeting, rescheduleMeeting } from './meetings/changes.ts';
import { registerPublicSummaryRoutes } from './minutes/routes.ts';
import {
  approveMinutes,
  circulateMinutes,
  commentMinutes,
  getMeeting,
  recordDecision,
  saveMinutes,
} from './minutes/service.ts';
import { registerNeedsRoutes } from './needs/routes.ts';
import { registerPublicCouncilPage } from './public-page.tsx';
import { yearlyReport } from './report.ts';
import {
  addMember,
  answerInvitation,
  conveneMeeting,
  createTable,
  endMember,
  getTable,
  listTables,
  recordAttendance,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Consiglio territoriale per l’immigrazione'];

export async function registerCouncilRoutes(app: LovitApp, platform: Platform): Promise<void> {
  app.get(
    '/api/council/tables',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Plenaria e tavoli tematici visibili all’utente',
        response: { 200: z.array(tableSummary) },
      },
    },
    async (request) => listTables(platform, request.caller),
  );

  app.post(
    '/api/council/tables',
    {
      config: { access: 'council.manage' },
      schema: { tags, summary: 'Istituisce un tavolo', body: tableInput, response: { 201: tableView } },
    },
    async (request, reply) => reply.code(201).send(await createTable(platform, request.caller, request.body)),
  );

  app.get(
    '/api/council/tables/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Un tavolo con i componenti (anche passati) e le sedute',
        params: idParams,
        response: { 200: tableView },
      },
    },
    async (request) => getTable(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/council/tables/:id/members',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Nomina il rappresentante (e il supplente) di un ente al tavolo',
        params: idParams,
        body: memberInput,
        response: { 200: tableView },
      },
    },
    async (request) => addMember(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/council/tables/:id/members/:membershipId/end',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Chiude la nomina di un ente al tavolo',
        params: z.object({ id: z.uuid(), membershipId: z.uuid() }),
        body: memberEndInput,
        response: { 200: tableView },
      },
    },
    async (request) =>
      endMember(platform, request.caller, request.params.id, request.params.membershipId, request.body),
  );

  app.post(
    '/api/council/tables/:id/meetings',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Convoca una seduta con l’ordine del giorno e invia le convocazioni',
        params: idParams,
        body: meetingInput,
        response: { 201: meetingView },
      },
    },
    async (request, reply) => {
      const id = await conveneMeeting(platform, request.caller, request.params.id, request.body);
      return reply.code(201).send(await getMeeting(platform, request.caller, id));
    },
  );

  registerMeetingRoutes(app, platform);
  registerCouncilDocumentRoutes(app, platform);
  registerPublicSummaryRoutes(app, platform);
  registerFollowUpRoutes(app, platform);
  registerNeedsRoutes(app, platform);
  registerFacilitationRoutes(app, platform);
  registerConcertationRoutes(app, platform);
  await registerPublicCouncilPage(app, platform);

  app.get(
    '/api/council/report/:year',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Relazione annuale del Consiglio in PDF',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="relazione-cti-${request.params.year}.pdf"`)
        .send(Buffer.from(await yearlyReport(platform, request.caller, request.params.year))),
  );
}

function registerMeetingRoutes(app: LovitApp, platform: Platform): void {
  const meetingRoute = <B extends z.ZodType>(
    path: string,
    access: 'council.access' | 'council.manage',
    summary: string,
    body: B,
    handle: (caller: Parameters<typeof getMeeting>[1], id: string, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/council/meetings/:id${path}`,
      {
        config: { access },
        schema: { tags, summary, params: idParams, body, response: { 200: meetingView } },
      },
      async (request) => {
        await handle(request.caller, request.params.id, request.body as z.infer<B>);
        return getMeeting(platform, request.caller, request.params.id);
      },
    );
  const noBody = z.object({}).optional();

  app.get(
    '/api/council/meetings/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Una seduta: ordine del giorno, presenze, decisioni, verbale e osservazioni',
        params: idParams,
        response: { 200: meetingView },
      },
    },
    async (request) => getMeeting(platform, request.caller, request.params.id),
  );
  meetingRoute(
    '/reschedule',
    'council.manage',
    'Sposta la seduta (data, luogo) con il motivo e invia di nuovo le convocazioni',
    rescheduleInput,
    (c, id, b) => rescheduleMeeting(platform, c, id, b),
  );
  meetingRoute(
    '/cancel',
    'council.manage',
    'Annulla la seduta con il motivo e ne avvisa i partecipanti',
    cancelInput,
    (c, id, b) => cancelMeeting(platform, c, id, b),
  );
  meetingRoute('/answer', 'council.access', 'Risposta dell’ente alla convocazione', answerInput, (c, id, b) =>
    answerInvitation(platform, c, id, b),
  );
  meetingRoute(
    '/register',
    'council.manage',
    'Registro delle presenze del giorno',
    registerInput,
    (c, id, b) => recordAttendance(platform, c, id, b),
  );
  meetingRoute(
    '/minutes',
    'council.manage',
    'Salva una nuova versione del verbale',
    minutesInput,
    (c, id, b) => saveMinutes(platform, c, id, b),
  );
  meetingRoute('/minutes/circulate', 'council.manage', 'Mette il verbale in visione', noBody, (c, id) =>
    circulateMinutes(platform, c, id),
  );
  meetingRoute('/minutes/approve', 'council.manage', 'Approva il verbale', noBody, (c, id) =>
    approveMinutes(platform, c, id),
  );
  meetingRoute(
    '/minutes/comments',
    'council.access',
    'Osservazione al verbale in visione',
    commentInput,
    (c, id, b) => commentMinutes(platform, c, id, b),
  );
  meetingRoute(
    '/decisions',
    'council.manage',
    'Registra una decisione su un punto',
    decisionInput,
    (c, id, b) => recordDecision(platform, c, id, b),
  );
}

function registerFollowUpRoutes(app: LovitApp, platform: Platform): void {
  app.post(
    '/api/council/meetings/:id/actions',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Assegna un’azione a un ente',
        params: idParams,
        body: actionInput,
        response: { 201: actionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assignAction(platform, request.caller, request.params.id, request.body)),
  );

  app.get(
    '/api/council/actions',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Azioni dei tavoli visibili, una pagina alla volta (overdue=true: solo quelle scadute)',
        querystring: actionsQuery,
        response: { 200: paged(actionView) },
      },
    },
    async (request) =>
      listActions(platform, request.caller, {
        ...(request.query.tableId ? { tableId: request.query.tableId } : {}),
        ...(request.query.meetingId ? { meetingId: request.query.meetingId } : {}),
        overdue: request.query.overdue === 'true',
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );

  app.post(
    '/api/council/actions/:id',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Aggiorna lo stato di un’azione (ente assegnatario o segreteria) con una nota',
        params: idParams,
        body: actionUpdateInput,
        response: { 200: actionView },
      },
    },
    async (request) => updateAction(platform, request.caller, request.params.id, request.body),
  );

  app.get(
    '/api/council/initiatives',
    {
      config: { access: 'council.access' },
      schema: {
        tags,
        summary: 'Iniziative dei tavoli visibili',
        querystring: z.object({ tableId: z.uuid().optional() }),
        response: { 200: z.array(initiativeView) },
      },
    },
    async (request) => listInitiatives(platform, request.caller, request.query.tableId),
  );

  app.post(
    '/api/council/initiatives',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Programma un’iniziativa',
        body: initiativeInput,
        response: { 201: initiativeView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await planInitiative(platform, request.caller, request.body)),
  );

  app.post(
    '/api/council/initiatives/:id/progress',
    {
      config: { access: 'council.manage' },
      schema: {
        tags,
        summary: 'Aggiorna stato, avanzamento e risultati di un’iniziativa',
        params: idParams,
        body: progressInput,
        response: { 200: initiativeView },
      },
    },
    async (request) => recordProgress(platform, request.caller, request.params.id, request.body),
  );
}
