import { downloadName } from '../../../kernel/download-names.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { processingRegister } from './contract.ts';
import { processingRegisterPdf, processingRegister as readRegister } from './service.ts';

export function registerProcessingRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Protezione dei dati'];
  app.get(
    '/api/privacy/register',
    {
      config: { access: 'privacy.register.read' },
      schema: {
        tags,
        summary: 'Registro delle attività di trattamento (art. 30 GDPR)',
        response: { 200: processingRegister },
      },
    },
    () => readRegister(platform),
  );
  app.get(
    '/api/privacy/register.pdf',
    {
      config: { access: 'privacy.register.read' },
      schema: { tags, summary: 'Registro delle attività di trattamento in PDF' },
    },
    async (_request, reply) => {
      const pdf = await processingRegisterPdf(platform);
      const name = downloadName('registro-trattamenti', '', platform.clock.today(), 'pdf');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Buffer.from(pdf));
    },
  );
}
