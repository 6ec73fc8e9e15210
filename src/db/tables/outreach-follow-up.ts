/** The tables of what follows an event: attendance certificates on request and the follow-up questionnaire. */
import type { Generated } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

/** A session whose certificates the staff opened: its attendees were sent the link to request theirs. */
export type OutreachCertificateOpeningTable = {
  sessionId: string;
  openedAt: Instant;
  openedBy: string;
  requestsUntil: Instant;
};

export type OutreachCertificateCounterTable = { year: number; lastNumber: number };

/** What is printed on an attendance certificate, recorded at issue so that every download is the same. */
export type OutreachAttendanceCertificateTable = {
  id: string;
  registrationId: string;
  sessionId: string;
  number: string;
  verificationCode: string;
  holderName: string;
  eventTitle: string;
  sessionLabel: string;
  sessionStartsAt: Instant;
  sessionEndsAt: Instant;
  venue: string;
  issuer: string;
  issuedOn: LegalDay;
  issuedAt: Instant;
  revokedAt: NullableInstant;
  revokedBy: string | null;
  revocationReason: string | null;
};

export type FollowUpAudience = 'CHECKED_IN' | 'CONFIRMED';

/** The questionnaire sent after an event (one per event), kept by the surveys module. */
export type OutreachFollowUpSurveyTable = {
  eventId: string;
  questionnaireId: string;
  audience: FollowUpAudience;
  launchedAt: Instant;
  launchedBy: string;
};

/** Who was invited to the follow-up questionnaire, and whether they answered (never what). */
export type OutreachFollowUpInvitationTable = {
  questionnaireId: string;
  registrationId: string;
  hasAnswered: Generated<boolean>;
};

export type OutreachFollowUpTables = {
  outreachCertificateOpening: OutreachCertificateOpeningTable;
  outreachCertificateCounter: OutreachCertificateCounterTable;
  outreachAttendanceCertificate: OutreachAttendanceCertificateTable;
  outreachFollowUpSurvey: OutreachFollowUpSurveyTable;
  outreachFollowUpInvitation: OutreachFollowUpInvitationTable;
};
