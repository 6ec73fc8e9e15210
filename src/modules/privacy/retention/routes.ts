import type { FastifyBaseLogger } from 'fastify';
import type { LovitApp } from '../../../kernel/http.ts';
import { errorForLog } from '../../../kernel/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  disposalRequested,
  retentionCategory,
  retentionCategoryKey,
  retentionOverview,
  retentionUpdate,
} from './contract.ts';
import {
  type CategoryFailure,
  retentionOverview as readOverview,
  requestDisposal,
  updateRetention,
} from './service.ts';

/** The detail of a kind that could not be counted goes to the log, which the page only points to. */
const logFailure =
  (log: FastifyBaseLogger): CategoryFailure =>
  (category, error) =>
    log.error({ err: errorForLog(error), category }, 'retention count failed for a category');

export function registerRetentionRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Conservazione dei dati'];
  const config = { access: 'privacy.retention.manage' } as const;
  app.get(
    '/api/privacy/retention',
    {
      config,
      schema: {
        tags,
        summary: 'Tempi di conservazione per categoria di dati, dati scaduti e ultime eliminazioni',
        response: { 200: retentionOverview },
      },
    },
    (request) => readOverview(platform, logFailure(request.log)),
  );
  app.put(
    '/api/privacy/retention/:category',
    {
      config,
      schema: {
        tags,
        summary: 'Modifica il tempo di conservazione e la base giuridica di una categoria',
        params: retentionCategoryKey,
        body: retentionUpdate,
        response: { 200: retentionCategory },
      },
    },
    (request) =>
      updateRetention(
        platform,
        request.caller,
        request.params.category,
        request.body,
        logFailure(request.log),
      ),
  );
  app.post(
    '/api/privacy/retention/run',
    {
      config,
      schema: {
        tags,
        summary: 'Esegue subito l’eliminazione dei dati scaduti (in background)',
        response: { 202: disposalRequested },
      },
    },
    async (request, reply) => {
      await requestDisposal(platform, request.caller);
      return reply.code(202).send({ queued: true as const });
    },
  );
}
