/**
 * The training record API (WP3): each person's courses and on-the-job hours, each organisation's people and
 * completions by track, and the SUI team's log of on-the-job training (mentoring).
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';
import { track } from '../contract.ts';

/** Where a person stands in an edition they held a place in, with its Italian name. */
export const COMPLETION_STATES = {
  COMPLETED: 'Completato',
  NOT_COMPLETED: 'Non completato',
  IN_PROGRESS: 'In corso',
} as const;
export const completionState = z.enum(['COMPLETED', 'NOT_COMPLETED', 'IN_PROGRESS']);
export type CompletionState = z.infer<typeof completionState>;

const id = z.uuid();
const person = z.uuid('Scegliere una persona dall’elenco');

export const mentoringInput = z
  .object({
    day: legalDay,
    menteeId: person,
    mentorId: person,
    topic: text(200),
    hours: z
      .number('indicare le ore')
      .min(0.25, 'almeno un quarto d’ora')
      .max(12, 'al massimo 12 ore in una riga: per più giorni, una riga al giorno')
      .refine((hours) => Number.isInteger(hours * 4), 'indicare le ore a quarti d’ora, come 1,5 o 0,75'),
    note: multilineText(1000).nullable().optional(),
  })
  .refine((entry) => entry.menteeId !== entry.mentorId, {
    path: ['menteeId'],
    message: 'chi è affiancato e chi affianca devono essere due persone diverse',
  });
export type MentoringInput = z.infer<typeof mentoringInput>;

export const mentoringQuery = z.object({ personId: z.uuid().optional() });

export const mentoringEntry = z.object({
  id,
  day: z.string(),
  menteeId: id,
  menteeName: z.string(),
  mentorId: id,
  mentorName: z.string(),
  topic: z.string(),
  hours: z.number(),
  note: z.string().nullable(),
  organisationName: z.string(),
});
export type MentoringEntry = z.infer<typeof mentoringEntry>;

export const teamMember = z.object({ userId: id, name: z.string() });
export type TeamMember = z.infer<typeof teamMember>;

export const courseLine = z.object({
  enrolmentId: id,
  editionId: id,
  courseTitle: z.string(),
  track,
  editionName: z.string(),
  organisationName: z.string(),
  firstSessionAt: z.string().nullable(),
  lastSessionAt: z.string().nullable(),
  totalHours: z.number(),
  hoursAttended: z.number(),
  state: completionState,
  /** The certificate of the edition issued to the person, revoked or not; null when none was issued. */
  certificate: z.object({ number: z.string(), isRevoked: z.boolean() }).nullable(),
});
export type CourseLine = z.infer<typeof courseLine>;

export const personRecord = z.object({
  userId: id,
  name: z.string(),
  /** The organisation the record is limited to (a manager sees what their organisation's staff did); else null. */
  organisationName: z.string().nullable(),
  courses: z.array(courseLine),
  onTheJob: z.array(mentoringEntry),
  courseHours: z.number(),
  onTheJobHours: z.number(),
  /** Hours attended in courses plus on-the-job hours. */
  totalHours: z.number(),
  coursesCompleted: z.number().int(),
});
export type PersonRecord = z.infer<typeof personRecord>;

export const personTotals = z.object({
  userId: id,
  name: z.string(),
  coursesFollowed: z.number().int(),
  coursesCompleted: z.number().int(),
  courseHours: z.number(),
  onTheJobHours: z.number(),
  totalHours: z.number(),
});
export type PersonTotals = z.infer<typeof personTotals>;

export const trackTotals = z.object({
  track,
  /** People who held a place in a course of the track. */
  people: z.number().int(),
  places: z.number().int(),
  completed: z.number().int(),
  hours: z.number(),
});
export type TrackTotals = z.infer<typeof trackTotals>;

export const organisationRecord = z.object({
  organisationId: id,
  organisationName: z.string(),
  people: z.array(personTotals),
  byTrack: z.array(trackTotals),
  courseHours: z.number(),
  onTheJobHours: z.number(),
  totalHours: z.number(),
  completions: z.number().int(),
});
export type OrganisationRecord = z.infer<typeof organisationRecord>;

export const organisationSummary = z.object({
  organisationId: id,
  organisationName: z.string(),
  people: z.number().int(),
  totalHours: z.number(),
  completions: z.number().int(),
});
export type OrganisationSummary = z.infer<typeof organisationSummary>;
