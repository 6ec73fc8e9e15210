import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { getAssignment, listAssignments } from './assignments.ts';
import {
  assignmentList,
  assignmentView,
  month,
  myTimesheets,
  queueQuery,
  rejectionInput,
  staffInput,
  staffRegister,
  staffView,
  timesheetInput,
  timesheetQueue,
  timesheetView,
} from './contract.ts';
import {
  approveTimesheet,
  createStaff,
  getTimesheet,
  myTimesheets as readMyTimesheets,
  staffRegister as readStaffRegister,
  timesheetQueue as readTimesheetQueue,
  rejectTimesheet,
  saveTimesheet,
  submitTimesheet,
  updateStaff,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const monthParams = z.object({ id: z.uuid(), month });
const tags = ['Progetto – personale e fogli ore'];

export function registerProjectTimeRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/staff',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Il personale e gli incarichi del progetto con i contratti e il costo orario',
        params: idParams,
        response: { 200: staffRegister },
      },
    },
    (request) => readStaffRegister(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/project/projects/:id/assignments',
    {
      config: { access: 'project.assignments.read' },
      schema: {
        tags,
        summary: 'I contratti degli incarichi esterni del progetto, per la verifica dell’esperto legale',
        params: idParams,
        response: { 200: assignmentList },
      },
    },
    (request) => listAssignments(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/project/assignments/:id',
    {
      config: { access: 'project.assignments.read' },
      schema: {
        tags,
        summary: 'Il contratto di un incarico esterno: periodo, ore o prodotti, compenso',
        params: idParams,
        response: { 200: assignmentView },
      },
    },
    (request) => getAssignment(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/projects/:id/staff',
    {
      config: { access: 'project.staff.manage' },
      schema: {
        tags,
        summary: 'Registra una persona o un incarico del progetto con il suo contratto',
        params: idParams,
        body: staffInput,
        response: { 201: staffView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createStaff(platform, request.caller, request.params.id, request.body)),
  );
  app.put(
    '/api/project/staff/:id',
    {
      config: { access: 'project.staff.manage' },
      schema: {
        tags,
        summary: 'Corregge i dati e il contratto di una persona del progetto',
        params: idParams,
        body: staffInput,
        response: { 200: staffView },
      },
    },
    (request) => updateStaff(platform, request.caller, request.params.id, request.body),
  );
  app.get(
    '/api/project/projects/:id/timesheets/mine',
    {
      config: { access: 'project.timesheets.own' },
      schema: {
        tags,
        summary: 'I miei contratti nel progetto, i miei fogli ore e le attività a cui dare le ore',
        params: idParams,
        response: { 200: myTimesheets },
      },
    },
    (request) => readMyTimesheets(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/staff/:id/timesheets/:month',
    {
      config: { access: 'project.timesheets.own' },
      schema: {
        tags,
        summary: 'Compila o corregge il proprio foglio ore di un mese: ore per work package e attività',
        params: monthParams,
        body: timesheetInput,
        response: { 200: timesheetView },
      },
    },
    (request) =>
      saveTimesheet(platform, request.caller, request.params.id, request.params.month, request.body),
  );
  app.post(
    '/api/project/staff/:id/timesheets/:month/submit',
    {
      config: { access: 'project.timesheets.own' },
      schema: {
        tags,
        summary: 'Invia il proprio foglio ore del mese al supervisore',
        params: monthParams,
        response: { 200: timesheetView },
      },
    },
    (request) => submitTimesheet(platform, request.caller, request.params.id, request.params.month),
  );
  app.get(
    '/api/project/projects/:id/timesheets',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'I fogli ore del progetto, di uno stato se indicato (i fogli inviati da approvare)',
        params: idParams,
        querystring: queueQuery,
        response: { 200: timesheetQueue },
      },
    },
    (request) => readTimesheetQueue(platform, request.caller, request.params.id, request.query.status),
  );
  app.get(
    '/api/project/timesheets/:id',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Un foglio ore con le ore per attività e il costo del personale',
        params: idParams,
        response: { 200: timesheetView },
      },
    },
    (request) => getTimesheet(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/timesheets/:id/approve',
    {
      config: { access: 'project.timesheets.approve' },
      schema: {
        tags,
        summary: 'Approva un foglio ore inviato',
        params: idParams,
        response: { 200: timesheetView },
      },
    },
    (request) => approveTimesheet(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/timesheets/:id/reject',
    {
      config: { access: 'project.timesheets.approve' },
      schema: {
        tags,
        summary: 'Respinge un foglio ore inviato, con il motivo: torna alla persona da correggere',
        params: idParams,
        body: rejectionInput,
        response: { 200: timesheetView },
      },
    },
    (request) => rejectTimesheet(platform, request.caller, request.params.id, request.body),
  );
}
