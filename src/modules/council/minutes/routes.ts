import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { clearanceInput, publicSummaryInput, publicSummaryView } from '../contract.ts';
import { clearWarning, getPublicSummary, publishPublicSummary, savePublicSummary } from './summary.ts';

const tags = ['Consiglio territoriale per l’immigrazione'];
const params = z.object({ id: z.uuid() });
const path = '/api/council/meetings/:id/public-summary';

/** The secretariat's public summary of a meeting: preview beside the minutes, warnings, publication. */
export function registerPublicSummaryRoutes(app: LovitApp, platform: Platform): void {
  const access = 'council.manage';
  app.get(
    path,
    {
      config: { access },
      schema: {
        tags,
        summary: 'Sintesi pubblica della seduta accanto al verbale approvato, con i possibili dati personali',
        params,
        response: { 200: publicSummaryView },
      },
    },
    async (request) => getPublicSummary(platform, request.caller, request.params.id),
  );
  app.put(
    path,
    {
      config: { access },
      schema: {
        tags,
        summary: 'Salva la sintesi pubblica della seduta (non ancora pubblicata)',
        params,
        body: publicSummaryInput,
        response: { 200: publicSummaryView },
      },
    },
    async (request) => savePublicSummary(platform, request.caller, request.params.id, request.body),
  );
  app.post(
    `${path}/clearances`,
    {
      config: { access },
      schema: {
        tags,
        summary: 'Indica, con il motivo, che un testo segnalato nella sintesi non è un dato personale',
        params,
        body: clearanceInput,
        response: { 200: publicSummaryView },
      },
    },
    async (request) => clearWarning(platform, request.caller, request.params.id, request.body),
  );
  app.post(
    `${path}/publish`,
    {
      config: { access },
      schema: {
        tags,
        summary: 'Pubblica la sintesi sulla pagina pubblica del Consiglio, risolte tutte le segnalazioni',
        params,
        response: { 200: publicSummaryView },
      },
    },
    async (request) => publishPublicSummary(platform, request.caller, request.params.id),
  );
}
