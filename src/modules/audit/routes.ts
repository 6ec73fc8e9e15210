import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { paged } from '../identity/contract.ts';
import { auditEntry, auditQuery } from './contract.ts';
import { exportAuditTrail, searchAuditTrail } from './service.ts';

export function registerAuditRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Registro delle attività'];
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Cerca nel registro delle attività',
        querystring: auditQuery,
        response: { 200: paged(auditEntry) },
      },
    },
    async (request) => {
      const { page, pageSize, q: _q, ...filter } = request.query;
      return searchAuditTrail(platform, request.caller, filter, page, pageSize);
    },
  );
  app.get(
    '/api/audit/export.csv',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Esporta il registro delle attività in CSV',
        querystring: auditQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { q: _q, ...filter } = request.query;
      const stream = await exportAuditTrail(platform, request.caller, filter);
      const day = platform.clock.today().toString();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="registro-attivita-${day}.csv"`)
        .send(stream);
    },
  );
}
