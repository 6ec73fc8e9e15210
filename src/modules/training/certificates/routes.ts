import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  certificateView,
  editionCertificates,
  myCertificate,
  revocationInput,
  signatoryInput,
} from './contract.ts';
import {
  certificatePdf,
  myCertificates,
  editionCertificates as readEditionCertificates,
  requestCertificates,
  revokeCertificate,
  setSignatory,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Formazione'];

export function registerCertificateRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/training/editions/:id/certificates',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Gli attestati dell’edizione, chi li attende e la generazione in corso',
        params: idParams,
        response: { 200: editionCertificates },
      },
    },
    async (request) => readEditionCertificates(platform, request.caller, request.params.id),
  );

  app.post(
    '/api/training/editions/:id/certificates',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Genera in background gli attestati mancanti di chi ha completato l’edizione',
        params: idParams,
        response: { 202: editionCertificates },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestCertificates(platform, request.caller, request.params.id)),
  );

  app.put(
    '/api/training/editions/:id/signatory',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Indica chi firma gli attestati dell’edizione (o di tutte le edizioni del corso)',
        params: idParams,
        body: signatoryInput,
        response: { 200: editionCertificates },
      },
    },
    async (request) => setSignatory(platform, request.caller, request.params.id, request.body),
  );

  app.post(
    '/api/training/certificates/:id/revoke',
    {
      config: { access: 'training.manage' },
      schema: {
        tags,
        summary: 'Revoca un attestato, indicandone il motivo',
        params: idParams,
        body: revocationInput,
        response: { 200: certificateView },
      },
    },
    async (request) => revokeCertificate(platform, request.caller, request.params.id, request.body.reason),
  );

  app.get(
    '/api/training/my-certificates',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'I propri attestati di partecipazione',
        response: { 200: z.array(myCertificate) },
      },
    },
    async (request) => myCertificates(platform, request.caller),
  );

  app.get(
    '/api/training/certificates/:id/pdf',
    {
      config: { access: 'training.access' },
      schema: {
        tags,
        summary: 'Scarica un attestato (il proprio, o di un corso che si segue)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const { number, pdf } = await certificatePdf(platform, request.caller, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="attestato-${number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
