import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Invalid } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, sendFile, withUpload } from '../../../kernel/uploads.ts';
import {
  attachmentKindInput,
  budgetVersionInput,
  budgetView,
  expenseFilter,
  expenseInput,
  expenseList,
  expenseView,
} from './contract.ts';
import {
  attachToExpense,
  createExpense,
  deleteExpense,
  getBudget,
  getExpense,
  listExpenses,
  openExpenseAttachment,
  recordBudgetVersion,
  updateExpense,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Progetto: budget e spese'];

/** The budget (versions and caps) and the expenses (with attachments and eligibility checks) of a project. */
export function registerProjectFinanceRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/budget',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Il budget del progetto: la versione vigente (o quella chiesta), i massimali e le versioni',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: budgetView },
      },
    },
    (request) => getBudget(platform, request.caller, request.params.id, request.query.version),
  );
  app.post(
    '/api/project/projects/:id/budget',
    {
      config: { access: 'project.budget.manage' },
      schema: {
        tags,
        summary: 'Registra il budget iniziale o una rimodulazione approvata, come nuova versione',
        params: idParams,
        body: budgetVersionInput,
        response: { 201: budgetView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordBudgetVersion(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/projects/:id/expenses',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Le spese del progetto con i controlli di ammissibilità, filtrate',
        params: idParams,
        querystring: expenseFilter,
        response: { 200: expenseList },
      },
    },
    (request) => listExpenses(platform, request.caller, request.params.id, request.query),
  );
  app.post(
    '/api/project/projects/:id/expenses',
    {
      config: { access: 'project.expenses.write' },
      schema: {
        tags,
        summary: 'Registra una spesa con giustificativo e pagamento',
        params: idParams,
        body: expenseInput,
        response: { 201: expenseView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createExpense(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/expenses/:id',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Una spesa con allegati e controlli di ammissibilità',
        params: idParams,
        response: { 200: expenseView },
      },
    },
    (request) => getExpense(platform, request.caller, request.params.id),
  );
  app.put(
    '/api/project/expenses/:id',
    {
      config: { access: 'project.expenses.write' },
      schema: {
        tags,
        summary: 'Corregge una spesa non ancora in una domanda di rimborso',
        params: idParams,
        body: expenseInput,
        response: { 200: expenseView },
      },
    },
    (request) => updateExpense(platform, request.caller, request.params.id, request.body),
  );
  app.delete(
    '/api/project/expenses/:id',
    {
      config: { access: 'project.expenses.write' },
      schema: {
        tags,
        summary: 'Elimina una spesa non ancora in una domanda di rimborso, con i suoi allegati',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteExpense(platform, request.caller, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/project/expenses/:id/attachments',
      {
        config: { access: 'project.expenses.write' },
        schema: {
          tags,
          summary: 'Allega a una spesa un documento (PDF, JPEG o PNG): giustificativo, pagamento, annullo',
          description: 'Modulo multipart/form-data con il campo `file` e il campo `kind`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: expenseView },
        },
      },
      async (request, reply) => {
        const view = await withUpload(request, reply, platform.config, 'allegare il file', (upload) => {
          const kind = attachmentKindInput.safeParse({ kind: upload.fields.kind });
          if (!kind.success) throw new Invalid([{ path: 'kind', message: 'Scegliere il tipo di allegato' }]);
          return attachToExpense(platform, request.caller, request.params.id, {
            ...upload,
            kind: kind.data.kind,
          });
        });
        return reply.code(201).send(view);
      },
    );
  });
  app.get(
    '/api/project/expenses/:id/attachments/:attachmentId',
    {
      config: { access: 'project.finance.read' },
      schema: {
        tags,
        summary: 'Scarica un allegato di una spesa',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await openExpenseAttachment(platform, request.caller, request.params.id, request.params.attachmentId),
      ),
  );
}
