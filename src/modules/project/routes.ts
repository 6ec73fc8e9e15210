import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../kernel/uploads.ts';
import {
  itemInput,
  noteAttachmentView,
  noteInput,
  partnerInput,
  projectInput,
  projectSummary,
  projectView,
  workPackageInput,
} from './contract.ts';
import {
  attachNoteFile,
  createItem,
  createProject,
  createWorkPackage,
  deleteItem,
  getProject,
  listProjects,
  openNoteFile,
  projectTimeline,
  removeNoteFile,
  removePartner,
  setPartner,
  updateItem,
  updateProject,
  updateWorkPackage,
  writeNote,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const partnerParams = z.object({ id: z.uuid(), organisationId: z.uuid() });
const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const tags = ['Progetto'];

export function registerProjectRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'I progetti finanziati, il più recente per primo',
        response: { 200: z.array(projectSummary) },
      },
    },
    () => listProjects(platform),
  );
  app.post(
    '/api/project/projects',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Registra un progetto finanziato',
        body: projectInput,
        response: { 201: projectView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProject(platform, request.caller, request.body)),
  );
  app.get(
    '/api/project/projects/:id',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Un progetto con partner, work package, attività, tappe e note mensili',
        params: idParams,
        response: { 200: projectView },
      },
    },
    (request) => getProject(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/projects/:id',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Corregge i dati di un progetto',
        params: idParams,
        body: projectInput,
        response: { 200: projectView },
      },
    },
    (request) => updateProject(platform, request.caller, request.params.id, request.body),
  );
  app.get(
    '/api/project/projects/:id/timeline.svg',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Il cronoprogramma del progetto come immagine SVG, con la linea di oggi',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply.type('image/svg+xml; charset=utf-8').send(await projectTimeline(platform, request.params.id)),
  );
  app.put(
    '/api/project/projects/:id/partners',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Aggiunge un ente al partenariato o ne corregge ruolo e compiti',
        params: idParams,
        body: partnerInput,
        response: { 200: projectView },
      },
    },
    (request) => setPartner(platform, request.caller, request.params.id, request.body),
  );
  app.delete(
    '/api/project/projects/:id/partners/:organisationId',
    {
      config: { access: 'project.manage' },
      schema: {
        tags,
        summary: 'Toglie un ente dal partenariato',
        params: partnerParams,
        response: { 200: projectView },
      },
    },
    (request) => removePartner(platform, request.caller, request.params.id, request.params.organisationId),
  );
  app.post(
    '/api/project/projects/:id/work-packages',
    {
      config: { access: 'project.plan.manage' },
      schema: {
        tags,
        summary: 'Aggiunge un work package',
        params: idParams,
        body: workPackageInput,
        response: { 201: projectView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createWorkPackage(platform, request.caller, request.params.id, request.body)),
  );
  app.put(
    '/api/project/work-packages/:id',
    {
      config: { access: 'project.plan.manage' },
      schema: {
        tags,
        summary: 'Corregge un work package',
        params: idParams,
        body: workPackageInput,
        response: { 200: projectView },
      },
    },
    (request) => updateWorkPackage(platform, request.caller, request.params.id, request.body),
  );
  app.post(
    '/api/project/work-packages/:id/items',
    {
      config: { access: 'project.plan.manage' },
      schema: {
        tags,
        summary: 'Aggiunge un’attività, un prodotto o una tappa a un work package',
        params: idParams,
        body: itemInput,
        response: { 201: projectView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createItem(platform, request.caller, request.params.id, request.body)),
  );
  app.put(
    '/api/project/items/:id',
    {
      config: { access: 'project.plan.manage' },
      schema: {
        tags,
        summary: 'Aggiorna date, stato, rischi e rimedi di un’attività, un prodotto o una tappa',
        params: idParams,
        body: itemInput,
        response: { 200: projectView },
      },
    },
    (request) => updateItem(platform, request.caller, request.params.id, request.body),
  );
  app.delete(
    '/api/project/items/:id',
    {
      config: { access: 'project.plan.manage' },
      schema: {
        tags,
        summary: 'Toglie una voce non ancora iniziata',
        params: idParams,
        response: { 200: projectView },
      },
    },
    (request) => deleteItem(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/work-packages/:id/notes',
    {
      config: { access: 'project.notes.write' },
      schema: {
        tags,
        summary: 'Scrive o corregge la nota di avanzamento di un mese',
        params: idParams,
        body: noteInput,
        response: { 200: projectView },
      },
    },
    (request) => writeNote(platform, request.caller, request.params.id, request.body),
  );
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/project/notes/:id/attachments',
      {
        config: { access: 'project.notes.write' },
        schema: {
          tags,
          summary: 'Allega un file (PDF, JPEG o PNG) alla nota mensile di un work package',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: noteAttachmentView },
        },
      },
      async (request, reply) => {
        const attachment = await withUpload(request, reply, platform.config, 'allegare il file', (upload) =>
          attachNoteFile(platform, request.caller, request.params.id, upload),
        );
        return reply
          .code(201)
          .header('location', `/api/project/notes/${request.params.id}/attachments/${attachment.id}`)
          .send(attachment);
      },
    );
  });
  app.get(
    '/api/project/notes/:id/attachments/:attachmentId',
    {
      config: { access: 'project.access' },
      schema: { tags, summary: 'Scarica un allegato di una nota mensile', params: attachmentParams },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await openNoteFile(platform, request.caller, request.params.id, request.params.attachmentId),
      ),
  );
  app.delete(
    '/api/project/notes/:id/attachments/:attachmentId',
    {
      config: { access: 'project.notes.write' },
      schema: {
        tags,
        summary: 'Toglie un allegato da una nota mensile',
        params: attachmentParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeNoteFile(platform, request.caller, request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}
