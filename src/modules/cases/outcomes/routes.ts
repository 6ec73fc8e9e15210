import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { acceptUploads, withUpload } from '../../../kernel/uploads.ts';
import { caseDetail } from '../contract.ts';
import { recordNoticeReceipt } from './notices.ts';

const tags = ['Pratiche SUI'];

/** The receipt of a preavviso di rigetto, with its evidence: multipart, in this plugin's scope only. */
export function registerNoticeReceiptRoutes(app: LovitApp, platform: Platform): void {
  app.register(async (plugin) => {
    await acceptUploads(plugin, platform.config);
    plugin.withTypeProvider<ZodTypeProvider>().post(
      '/api/cases/:id/rejection-notice/receipt',
      {
        config: { access: 'cases.act' },
        schema: {
          tags,
          summary: 'Registra il ricevimento del preavviso di rigetto, con la prova allegata',
          description:
            'Modulo multipart/form-data: `receivedOn` (data), `channel` (PEC, RETURN_CARD, DESK), `version`, ' +
            '`file` (ricevuta di consegna PEC, cartolina di ritorno o ricevuta firmata allo sportello).',
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.uuid() }),
          response: { 200: caseDetail },
        },
      },
      (request, reply) =>
        withUpload(
          request,
          reply,
          platform.config,
          'Allegare la prova del ricevimento (ricevuta PEC, cartolina di ritorno o ricevuta firmata)',
          (upload) => recordNoticeReceipt(platform, request.caller, request.params.id, upload),
        ),
    );
  });
}
