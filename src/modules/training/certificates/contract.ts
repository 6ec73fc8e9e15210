/** The API of training certificates: the staff's view of an edition's certificates, the holder's list. */
import { z } from 'zod';
import { text } from '../../../kernel/contract.ts';

const id = z.uuid();

export const signatoryInput = z.object({
  name: text(200),
  role: text(200),
  /** Whether the signatory holds for every edition of the course, not only this one. */
  forCourse: z.boolean().default(false),
});
export type SignatoryInput = z.infer<typeof signatoryInput>;

export const revocationInput = z.object({ reason: text(1000) });

export const SIGNATORY_SOURCES = {
  EDITION: 'Indicato per questa edizione',
  COURSE: 'Indicato per tutte le edizioni del corso',
  DEFAULT: 'Il primo formatore del corso, finché non se ne indica un altro',
} as const;

export const signatoryView = z.object({
  name: z.string(),
  role: z.string(),
  source: z.enum(['EDITION', 'COURSE', 'DEFAULT']),
});

export const certificateView = z.object({
  id,
  number: z.string(),
  holderName: z.string(),
  organisationName: z.string(),
  hours: z.string(),
  issuedOn: z.string(),
  isRevoked: z.boolean(),
  revocationReason: z.string().nullable(),
  pdfUrl: z.string(),
});
export type CertificateView = z.infer<typeof certificateView>;

export const generationView = z.object({
  done: z.number().int(),
  total: z.number().int(),
  isRunning: z.boolean(),
  /** Why the last generation stopped before the end, in words for the staff. */
  failure: z.string().nullable(),
});

export const editionCertificates = z.object({
  /** Whether every session of the edition has ended: only then is completion final. */
  isFinished: z.boolean(),
  /** The participants who completed the edition, and how many of them still lack a certificate. */
  completed: z.number().int(),
  missing: z.number().int(),
  generation: generationView.nullable(),
  signatory: signatoryView.nullable(),
  certificates: z.array(certificateView),
});
export type EditionCertificates = z.infer<typeof editionCertificates>;

export const myCertificate = z.object({
  id,
  number: z.string(),
  courseTitle: z.string(),
  editionName: z.string(),
  hours: z.string(),
  issuedOn: z.string(),
  isRevoked: z.boolean(),
  pdfUrl: z.string(),
});
export type MyCertificate = z.infer<typeof myCertificate>;
