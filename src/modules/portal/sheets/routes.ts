import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  feedbackCount,
  glossaryInput,
  glossaryKey,
  glossaryView,
  sheetDraft,
  sheetKey,
  sheetTextView,
} from './contract.ts';
import {
  listFeedback,
  listGlossaryTerms,
  listSheetTexts,
  publishGlossaryTerm,
  publishSheetText,
  reviewGlossaryTerm,
  reviewSheetText,
  saveGlossaryTerm,
  saveSheetDraft,
} from './service.ts';

/** The back-office API of the portal's procedure sheets: drafts, review, publication, glossary. */
export function registerSheetRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Portale pubblico'];
  app.get(
    '/api/portal/sheets',
    {
      config: { access: 'portal.sheets.edit' },
      schema: {
        tags,
        summary: 'Testi delle schede delle procedure in ogni lingua, con lo stato di revisione',
        response: { 200: z.array(sheetTextView) },
      },
    },
    async () => listSheetTexts(platform),
  );
  app.put(
    '/api/portal/sheets/:code/:language',
    {
      config: { access: 'portal.sheets.edit' },
      schema: {
        tags,
        summary: 'Salva una nuova bozza della scheda in una lingua (da revisionare)',
        params: sheetKey,
        body: sheetDraft,
        response: { 200: sheetTextView },
      },
    },
    async (request) => saveSheetDraft(platform, request.caller, request.params, request.body),
  );
  app.post(
    '/api/portal/sheets/:code/:language/review',
    {
      config: { access: 'portal.sheets.review' },
      schema: {
        tags,
        summary:
          'Segna la bozza come revisionata (italiano: esperto legale; traduzione: mediatore della lingua)',
        params: sheetKey,
        response: { 200: sheetTextView },
      },
    },
    async (request) => reviewSheetText(platform, request.caller, request.params),
  );
  app.post(
    '/api/portal/sheets/:code/:language/publish',
    {
      config: { access: 'portal.sheets.publish' },
      schema: {
        tags,
        summary: 'Pubblica sul portale il testo revisionato',
        params: sheetKey,
        response: { 200: sheetTextView },
      },
    },
    async (request) => publishSheetText(platform, request.caller, request.params),
  );
  app.get(
    '/api/portal/sheets/feedback',
    {
      config: { access: 'portal.sheets.edit' },
      schema: {
        tags,
        summary: 'Risposte alla domanda «Questa pagina è stata utile?», per scheda e lingua',
        response: { 200: z.array(feedbackCount) },
      },
    },
    async () => listFeedback(platform),
  );
  app.get(
    '/api/portal/glossary',
    {
      config: { access: 'portal.sheets.edit' },
      schema: {
        tags,
        summary: 'Termini giuridici del glossario del portale, in ogni lingua',
        response: { 200: z.array(glossaryView) },
      },
    },
    async () => listGlossaryTerms(platform),
  );
  app.put(
    '/api/portal/glossary/:language/:termKey',
    {
      config: { access: 'portal.sheets.edit' },
      schema: {
        tags,
        summary: 'Scrive la spiegazione di un termine giuridico in una lingua, come bozza da revisionare',
        params: glossaryKey,
        body: glossaryInput,
        response: { 200: glossaryView },
      },
    },
    async (request) => saveGlossaryTerm(platform, request.caller, request.params, request.body),
  );
  app.post(
    '/api/portal/glossary/:language/:termKey/review',
    {
      config: { access: 'portal.sheets.review' },
      schema: {
        tags,
        summary:
          'Segna il termine come revisionato (italiano: esperto legale; traduzione: mediatore della lingua)',
        params: glossaryKey,
        response: { 200: glossaryView },
      },
    },
    async (request) => reviewGlossaryTerm(platform, request.caller, request.params),
  );
  app.post(
    '/api/portal/glossary/:language/:termKey/publish',
    {
      config: { access: 'portal.sheets.publish' },
      schema: {
        tags,
        summary: 'Pubblica sul portale la spiegazione revisionata del termine',
        params: glossaryKey,
        response: { 200: glossaryView },
      },
    },
    async (request) => publishGlossaryTerm(platform, request.caller, request.params),
  );
}
