import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../../kernel/uploads.ts';
import {
  evidenceFileView,
  indicatorInput,
  indicatorsPage as indicatorsPageView,
  recordsQuery,
  recordsView,
  snapshotInput,
  snapshotView,
  uploadedEvidenceView,
  valueInput,
} from './contract.ts';
import { attachEvidence, openEvidence, removeEvidence, uploadEvidence } from './evidence.ts';
import {
  addManualValue,
  createIndicator,
  getSnapshot,
  indicatorChart,
  indicatorRecords,
  indicatorsPage,
  takeSnapshot,
  updateIndicator,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
const MULTIPART = 'Modulo multipart/form-data con il campo `file` (PDF, JPEG o PNG).';
const tags = ['Progetto'];

export function registerIndicatorRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/indicators',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Gli indicatori del progetto con il valore a oggi, le fonti e le rilevazioni per periodo',
        params: idParams,
        response: { 200: indicatorsPageView },
      },
    },
    (request) => indicatorsPage(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/projects/:id/indicators',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Definisce un indicatore del progetto, calcolato da una fonte o inserito a mano',
        params: idParams,
        body: indicatorInput,
        response: { 201: indicatorsPageView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createIndicator(platform, request.caller, request.params.id, request.body)),
  );
  app.put(
    '/api/project/indicators/:id',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Corregge la definizione di un indicatore: ne nasce una nuova versione',
        params: idParams,
        body: indicatorInput,
        response: { 200: indicatorsPageView },
      },
    },
    (request) => updateIndicator(platform, request.caller, request.params.id, request.body),
  );
  app.post(
    '/api/project/indicators/:id/values',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary:
          'Registra un valore di un indicatore inserito a mano, con la nota o i file caricati che ne danno evidenza',
        params: idParams,
        body: valueInput,
        response: { 201: indicatorsPageView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addManualValue(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/indicators/:id/records',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary:
          'I dati da cui è calcolato il valore di un indicatore in un periodo (quelli visibili), a pagine',
        params: idParams,
        querystring: recordsQuery,
        response: { 200: recordsView },
      },
    },
    (request) => indicatorRecords(platform, request.caller, request.params.id, request.query),
  );
  app.get(
    '/api/project/indicators/:id/chart.svg',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Il grafico dell’indicatore: i valori congelati per periodo rispetto all’obiettivo, in SVG',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply.type('image/svg+xml; charset=utf-8').send(await indicatorChart(platform, request.params.id)),
  );
  app.post(
    '/api/project/projects/:id/indicator-snapshots',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Calcola e congela i valori di tutti gli indicatori per un periodo di rendicontazione',
        params: idParams,
        body: snapshotInput,
        response: { 201: snapshotView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await takeSnapshot(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/indicator-snapshots/:id',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Una rilevazione congelata, con i valori come furono calcolati',
        params: idParams,
        response: { 200: snapshotView },
      },
    },
    (request) => getSnapshot(platform, request.params.id),
  );
  registerEvidenceRoutes(app, platform);
}

/** The evidence files of manual values: uploaded ahead of the value or added to it, downloaded, removed. */
function registerEvidenceRoutes(app: LovitApp, platform: Platform): void {
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.post(
      '/api/project/indicators/:id/evidence-uploads',
      {
        config: { access: 'project.indicators.manage' },
        schema: {
          tags,
          summary: 'Carica un file di evidenza per un valore da registrare: il valore lo nomina col gettone',
          description: MULTIPART,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: uploadedEvidenceView },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await withUpload(request, reply, platform.config, 'allegare il file', (upload) =>
              uploadEvidence(platform, request.caller, request.params.id, upload),
            ),
          ),
    );
    uploads.post(
      '/api/project/indicator-values/:id/files',
      {
        config: { access: 'project.indicators.manage' },
        schema: {
          tags,
          summary: 'Aggiunge un file di evidenza a un valore inserito a mano, finché non è congelato',
          description: MULTIPART,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: evidenceFileView },
        },
      },
      async (request, reply) => {
        const file = await withUpload(request, reply, platform.config, 'allegare il file', (upload) =>
          attachEvidence(platform, request.caller, request.params.id, upload),
        );
        return reply
          .code(201)
          .header('location', `/api/project/indicator-values/${request.params.id}/files/${file.id}`)
          .send(file);
      },
    );
  });
  app.get(
    '/api/project/indicator-values/:id/files/:fileId',
    {
      config: { access: 'project.indicators.evidence' },
      schema: {
        tags,
        summary: 'Scarica un file di evidenza di un valore inserito a mano',
        params: fileParams,
      },
    },
    async (request, reply) =>
      sendFile(reply, await openEvidence(platform, request.caller, request.params.id, request.params.fileId)),
  );
  app.delete(
    '/api/project/indicator-values/:id/files/:fileId',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Toglie un file di evidenza da un valore non ancora congelato',
        params: fileParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeEvidence(platform, request.caller, request.params.id, request.params.fileId);
      return reply.code(204).send(null);
    },
  );
}
