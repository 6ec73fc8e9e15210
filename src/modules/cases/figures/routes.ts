import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { dashboardQuery, dashboardView } from './contract.ts';
import { dashboard, dashboardCsv, dashboardXlsx } from './service.ts';

/** The figures of the SUI's process, at the address the opinions' workspace links to. */
export function registerFigureRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Pareri tra uffici'];

  app.get(
    '/api/opinions/dashboard',
    {
      config: { access: 'exchange.dashboard' },
      schema: {
        tags,
        summary: 'Tempi dei pareri e delle fasi delle pratiche (JSON, CSV o XLSX)',
        querystring: dashboardQuery,
      },
    },
    async (request, reply) => {
      const view = await dashboard(platform, request.caller, request.query.since);
      if (request.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tempi-pareri-${view.today}.csv"`)
          .send(dashboardCsv(view));
      if (request.query.format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="tempi-pareri-${view.today}.xlsx"`)
          .send(await dashboardXlsx(view));
      return reply.send(dashboardView.parse(view));
    },
  );
}
