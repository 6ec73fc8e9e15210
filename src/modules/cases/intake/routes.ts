import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { caseDetail } from '../contract.ts';
import { quotaImputationInput } from './contract.ts';
import { recordQuotaImputation } from './imputation.ts';

const tags = ['Pratiche SUI'];

/** The imputation to the quota of an imported application: recorded, or corrected with a reason. */
export function registerImputationRoutes(app: LovitApp, platform: Platform): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/cases/:id/quota-imputation',
    {
      config: { access: 'cases.act' },
      schema: {
        tags,
        summary: 'Registra o corregge la data di imputazione della domanda alla quota',
        description:
          'Il termine dei nulla osta al lavoro e stagionali decorre dall’imputazione alla quota (DL 146/2025). ' +
          'Una correzione richiede il motivo (`reason`).',
        params: z.object({ id: z.uuid() }),
        body: quotaImputationInput,
        response: { 200: caseDetail },
      },
    },
    (request) => recordQuotaImputation(platform, request.caller, request.params.id, request.body),
  );
}
