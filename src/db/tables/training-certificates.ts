/** The tables of training certificates: signatories, certificates, their yearly numbers and generations. */
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type TrainingSignatoryTable = {
  id: string;
  courseId: string | null;
  editionId: string | null;
  name: string;
  role: string;
  updatedAt: Instant;
  updatedBy: string;
};

export type TrainingCertificateCounterTable = { year: number; lastNumber: number };

export type TrainingCertificateTable = {
  id: string;
  editionId: string;
  userId: string;
  number: string;
  verificationCode: string;
  holderName: string;
  organisationName: string;
  courseTitle: string;
  editionName: string;
  minutesAttended: number;
  minutesTotal: number;
  firstDay: LegalDay;
  lastDay: LegalDay;
  signatoryName: string;
  signatoryRole: string;
  issuer: string;
  issuedOn: LegalDay;
  issuedAt: Instant;
  revokedAt: NullableInstant;
  revokedBy: string | null;
  revocationReason: string | null;
};

export type TrainingCertificateRunTable = {
  id: string;
  editionId: string;
  total: number;
  done: number;
  requestedBy: string;
  requestedAt: Instant;
  finishedAt: NullableInstant;
  failure: string | null;
};

export type TrainingCertificateTables = {
  trainingSignatory: TrainingSignatoryTable;
  trainingCertificateCounter: TrainingCertificateCounterTable;
  trainingCertificate: TrainingCertificateTable;
  trainingCertificateRun: TrainingCertificateRunTable;
};
