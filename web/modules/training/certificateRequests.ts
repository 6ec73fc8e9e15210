import type {
  CertificateView,
  EditionCertificates,
  MyCertificate,
  SignatoryInput,
} from '../../../src/modules/training/certificates/contract.ts';
import { api } from '../../app/api.ts';

export type { CertificateView, EditionCertificates, MyCertificate, SignatoryInput };

export const certificateKeys = {
  edition: (id: string) => ['training', 'certificates', id] as const,
  mine: ['training', 'my-certificates'] as const,
};

export const certificates = {
  ofEdition: (editionId: string) =>
    api.get<EditionCertificates>(`/api/training/editions/${editionId}/certificates`),
  /** Accepted (202) for the job queue: the progress is read again from the edition's certificates. */
  generate: (editionId: string) => api.post(`/api/training/editions/${editionId}/certificates`),
  setSignatory: (editionId: string, input: SignatoryInput) =>
    api.put<EditionCertificates>(`/api/training/editions/${editionId}/signatory`, input),
  revoke: (id: string, reason: string) =>
    api.post<CertificateView>(`/api/training/certificates/${id}/revoke`, { reason }),
  mine: () => api.get<MyCertificate[]>('/api/training/my-certificates'),
};
