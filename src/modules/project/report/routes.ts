import { z } from 'zod';
import { downloadName } from '../../../kernel/download-names.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { attachmentHeader } from '../../../kernel/uploads.ts';
import { reportInput, reportList, reportView, sectionInput, sectionKey } from './contract.ts';
import { DOCX_TYPE, renderReportDocx, renderReportPdf } from './documents.ts';
import {
  createReport,
  finaliseReport,
  getReport,
  listReports,
  reportForExport,
  writeSection,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const sectionParams = z.object({ id: z.uuid(), key: sectionKey });
const tags = ['Progetto: relazioni sullo stato di avanzamento'];

/** The progress reports of a project: the draft assembled by the server, its sections, the final lock, exports. */
export function registerProjectReportRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/reports',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Le relazioni sullo stato di avanzamento del progetto e le rilevazioni degli indicatori',
        params: idParams,
        response: { 200: reportList },
      },
    },
    (request) => listReports(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/projects/:id/reports',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Crea la bozza di una relazione: attività, note mensili e indicatori del periodo',
        params: idParams,
        body: reportInput,
        response: { 201: reportView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createReport(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/reports/:id',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Una relazione con i fatti raccolti e il testo delle sezioni',
        params: idParams,
        response: { 200: reportView },
      },
    },
    (request) => getReport(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/reports/:id/sections/:key',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Scrive il testo di una sezione della relazione in bozza',
        params: sectionParams,
        body: sectionInput,
        response: { 200: reportView },
      },
    },
    (request) => writeSection(platform, request.caller, request.params.id, request.params.key, request.body),
  );
  app.post(
    '/api/project/reports/:id/final',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Rende definitiva la relazione: da allora non si modifica più',
        params: idParams,
        response: { 200: reportView },
      },
    },
    (request) => finaliseReport(platform, request.caller, request.params.id),
  );
  app.get(
    '/api/project/reports/:id/report.pdf',
    {
      config: { access: 'project.access' },
      schema: { tags, summary: 'La relazione in PDF', params: idParams },
    },
    async (request, reply) => {
      const report = await reportForExport(platform, request.caller, request.params.id, 'pdf');
      const body = await renderReportPdf(report, platform.clock.now());
      const name = downloadName('relazione', report.facts.project.acronym, platform.clock.today(), 'pdf');
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(name))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(body));
    },
  );
  app.get(
    '/api/project/reports/:id/report.docx',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'La relazione in DOCX, da aprire con un programma di videoscrittura',
        params: idParams,
      },
    },
    async (request, reply) => {
      const report = await reportForExport(platform, request.caller, request.params.id, 'docx');
      const body = await renderReportDocx(report);
      const name = downloadName('relazione', report.facts.project.acronym, platform.clock.today(), 'docx');
      return reply
        .type(DOCX_TYPE)
        .header('content-disposition', attachmentHeader(name))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
