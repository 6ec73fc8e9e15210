/** The API of what follows an event: attendance certificates of its sessions and the follow-up questionnaire. */
import { z } from 'zod';
import { multilineText, text } from '../../../../kernel/contract.ts';

export const FOLLOW_UP_AUDIENCES = {
  CHECKED_IN: 'Solo chi è stato registrato all’ingresso',
  CONFIRMED: 'Tutti gli iscritti confermati',
} as const;
export const followUpAudience = z.enum(
  Object.keys(FOLLOW_UP_AUDIENCES) as [
    keyof typeof FOLLOW_UP_AUDIENCES,
    ...(keyof typeof FOLLOW_UP_AUDIENCES)[],
  ],
  'Scegliere a chi inviarlo',
);
export type FollowUpAudience = z.infer<typeof followUpAudience>;

export const followUpSurveyInput = z.object({
  audience: followUpAudience,
  title: text(200),
  intro: multilineText(4000),
});
export type FollowUpSurveyInput = z.infer<typeof followUpSurveyInput>;

export const certificateRevocationInput = z.object({ reason: text(1000) });

export const sessionCertificates = z.object({
  id: z.uuid(),
  label: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  hasEnded: z.boolean(),
  /** Registrations checked in at least once. */
  checkedIn: z.number().int(),
  openedAt: z.date().nullable(),
  requestsUntil: z.date().nullable(),
  issued: z.number().int(),
  revoked: z.number().int(),
});

export const eventCertificateView = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  number: z.string(),
  holderName: z.string(),
  issuedAt: z.date(),
  isRevoked: z.boolean(),
  revocationReason: z.string().nullable(),
  pdfUrl: z.string(),
});
export type EventCertificateView = z.infer<typeof eventCertificateView>;

export const followUpSurveyView = z.object({
  questionnaireId: z.uuid(),
  title: z.string(),
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  audience: followUpAudience,
  launchedAt: z.date(),
  invited: z.number().int(),
  answered: z.number().int(),
});

export const followUpView = z.object({
  sessions: z.array(sessionCertificates),
  certificates: z.array(eventCertificateView),
  survey: followUpSurveyView.nullable(),
  /** What the staff start from when they launch the questionnaire. */
  proposal: z.object({ title: z.string(), intro: z.string(), questions: z.array(z.string()) }),
});
export type FollowUpView = z.infer<typeof followUpView>;
