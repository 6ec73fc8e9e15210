import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../kernel/uploads.ts';
import { paged } from '../identity/contract.ts';
import { checkIn, currentCode, getRegister, markAttendance } from './attendance.ts';
import {
  attendanceInput,
  capacityInput,
  checkInCodeView,
  checkInInput,
  checkInResult,
  courseInput,
  courseSummary,
  coursesQuery,
  courseView,
  editionInput,
  editionView,
  enrolmentResult,
  materialView,
  myEnrolment,
  publicSiteInput,
  registerView,
  staffEnrolmentInput,
  staffMember,
  trainerOption,
  withdrawalInput,
} from './contract.ts';
import {
  cancelEnrolment,
  changeCapacity,
  enrolSelf,
  enrolStaff,
  myEnrolments,
  withdrawEnrolment,
} from './enrolments.ts';
import { registerFeedbackRoutes } from './feedback-routes.ts';
import { attachMaterial, openMaterial } from './materials.ts';
import {
  changePublicSite,
  createCourse,
  createEdition,
  getCourse,
  getEdition,
  listCourses,
  listStaff,
  listTrainers,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
/** Tries of the check-in code one person may make in a minute: enough for typing errors, too few to guess. */
const CHECK_INS_PER_MINUTE = 10;
const tags = ['Formazione'];

export async function registerTrainingRoutes(app: LovitApp, platform: Platform): Promise<void> {
  app.get(
    '/api/training/courses',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'I corsi, i più vicini per primi',
        querystring: coursesQuery,
        response: { 200: paged(courseSummary) },
      },
    },
    async (request) => listCourses(platform, request.query),
  );

  app.post(
    '/api/training/courses',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Crea un corso di un percorso',
        body: courseInput,
        response: { 201: courseView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCourse(platform, request.caller, request.body)),
  );

  app.get(
    '/api/training/trainers',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'I formatori a cui affidare un corso',
        response: { 200: z.array(trainerOption) },
      },
    },
    async () => listTrainers(platform),
  );

  app.get(
    '/api/training/courses/:id',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Un corso con le sue edizioni',
        params: idParams,
        response: { 200: courseView },
      },
    },
    async (request) => getCourse(platform, request.caller, request.params.id),
  );

  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/training/courses/:id/materials',
      {
        config: { access: 'training.manage' },
        schema: {
          tags,
          summary: 'Aggiunge un materiale al corso (PDF, JPEG o PNG)',
          description: 'Modulo multipart/form-data con il campo `file`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: materialView },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const material = await withUpload(
          request,
          reply,
          platform.config,
          'aggiungere il materiale',
          (upload) => attachMaterial(platform, request.caller, id, upload),
        );
        return reply
          .code(201)
          .header('location', `/api/training/courses/${id}/materials/${material.id}`)
          .send(material);
      },
    );
  });

  app.get(
    '/api/training/courses/:id/materials/:materialId',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Scarica un materiale del corso',
        params: z.object({ id: z.uuid(), materialId: z.uuid() }),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await openMaterial(platform, request.caller, request.params.id, request.params.materialId),
      ),
  );

  app.put(
    '/api/training/courses/:id/public-site',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Mostra il corso sul sito pubblico mentre accetta iscrizioni, o lo toglie',
        params: idParams,
        body: publicSiteInput,
        response: { 200: courseView },
      },
    },
    async (request) =>
      changePublicSite(platform, request.caller, request.params.id, request.body.onPublicSite),
  );

  app.post(
    '/api/training/courses/:id/editions',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Programma un’edizione del corso con le sue sessioni',
        params: idParams,
        body: editionInput,
        response: { 201: editionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEdition(platform, request.caller, request.params.id, request.body)),
  );

  app.get(
    '/api/training/editions/:id',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Un’edizione: sessioni, posti, la propria iscrizione, i partecipanti per chi li segue',
        params: idParams,
        response: { 200: editionView },
      },
    },
    async (request) => getEdition(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/training/editions/:id/capacity',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Cambia i posti dell’edizione: i nuovi posti vanno subito ai primi in lista d’attesa',
        params: idParams,
        body: capacityInput,
        response: { 200: editionView },
      },
    },
    async (request) => changeCapacity(platform, request.caller, request.params.id, request.body.capacity),
  );

  app.post(
    '/api/training/editions/:id/enrolment',
    {
      config: { access: 'training.enrol' },
      schema: {
        tags,
        summary: 'Si iscrive all’edizione (o entra in lista d’attesa se i posti sono esauriti)',
        params: idParams,
        response: { 201: enrolmentResult },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await enrolSelf(platform, request.caller, request.params.id)),
  );

  app.get(
    '/api/training/staff',
    {
      config: { access: 'training.staff' },
      schema: {
        tags,
        summary: 'Le persone del proprio ente, da iscrivere',
        response: { 200: z.array(staffMember) },
      },
    },
    async (request) => listStaff(platform, request.caller),
  );

  app.post(
    '/api/training/editions/:id/staff-enrolments',
    {
      config: { access: 'training.staff' },
      schema: {
        tags,
        summary: 'Iscrive all’edizione una persona del proprio ente',
        params: idParams,
        body: staffEnrolmentInput,
        response: { 201: enrolmentResult },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await enrolStaff(platform, request.caller, request.params.id, request.body.userId)),
  );

  app.post(
    '/api/training/enrolments/:id/cancel',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Annulla un’iscrizione (propria, o di una persona del proprio ente) entro il termine',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cancelEnrolment(platform, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/training/my-enrolments',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Le proprie iscrizioni, con le ore frequentate',
        response: { 200: z.array(myEnrolment) },
      },
    },
    async (request) => myEnrolments(platform, request.caller),
  );

  app.get(
    '/api/training/sessions/:id/register',
    {
      config: { access: 'training.attendance' },
      schema: {
        tags,
        summary: 'Il registro delle presenze di una sessione',
        params: idParams,
        response: { 200: registerView },
      },
    },
    async (request) => getRegister(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/training/sessions/:id/register',
    {
      config: { access: 'training.attendance' },
      schema: {
        tags,
        summary: 'Segna una persona presente o assente',
        params: idParams,
        body: attendanceInput,
        response: { 200: registerView },
      },
    },
    async (request) => markAttendance(platform, request.caller, request.params.id, request.body),
  );

  app.get(
    '/api/training/sessions/:id/check-in-code',
    {
      config: { access: 'training.attendance' },
      schema: {
        tags,
        summary: 'Il codice di presenza che cambia ogni 30 secondi, con il suo QR',
        params: idParams,
        response: { 200: checkInCodeView },
      },
    },
    async (request) => currentCode(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/training/check-in',
    {
      config: {
        access: 'training.enrol',
        // per person, not per address: a whole classroom checks in from one network
        rateLimit: {
          max: CHECK_INS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => request.caller?.actor?.userId ?? request.ip,
        },
      },
      schema: {
        tags,
        summary: 'Registra la propria presenza con il codice mostrato dal formatore',
        body: checkInInput,
        response: { 200: checkInResult },
      },
    },
    async (request) => checkIn(platform, request.caller, request.body),
  );

  app.post(
    '/api/training/enrolments/:id/withdrawal',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Ritira un partecipante, anche dopo il termine per annullare, con il motivo',
        params: idParams,
        body: withdrawalInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withdrawEnrolment(platform, request.caller, request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );

  registerFeedbackRoutes(app, platform);
}
