import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { subjectCriterion, subjectSearchResult } from './contract.ts';
import { exportSubject, searchSubject } from './service.ts';

export function registerSubjectRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Protezione dei dati'];
  app.post(
    '/api/privacy/subjects/search',
    {
      config: { access: 'privacy.subjects.manage' },
      schema: {
        tags,
        summary: 'Cerca tutti i dati di una persona (richiesta di accesso, art. 15 GDPR)',
        body: subjectCriterion,
        response: { 200: subjectSearchResult },
      },
    },
    (request) => searchSubject(platform, request.caller, request.body),
  );
  app.post(
    '/api/privacy/subjects/export',
    {
      config: { access: 'privacy.subjects.manage' },
      schema: {
        tags,
        summary: 'Esporta in ZIP tutti i dati di una persona: riepilogo PDF, dati JSON e documenti',
        body: subjectCriterion,
      },
    },
    async (request, reply) => {
      const { fileName, archive } = await exportSubject(platform, request.caller, request.body);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(archive);
    },
  );
}
