/** The API of the multidisciplinary team: mediators' languages and questions to the legal expert. */
import { z } from 'zod';
import { language, legalDay, text } from '../../../kernel/contract.ts';

export const mediatorLanguagesInput = z.object({
  languages: z.array(language).max(30),
});

export const mediatorsQuery = z.object({ language: language.optional() });

export const mediatorView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  languages: z.array(z.string()),
  /** Scheduled appointments from now on. */
  upcomingBookings: z.number().int(),
});

export const questionInput = z.object({
  question: text(4000),
  /** When the answer is due; five working days from today when absent. */
  dueOn: legalDay.optional(),
});

export const answerInput = z.object({ answer: text(8000) });

export const questionsQuery = z.object({ open: z.enum(['true', 'false']).optional() });

export const questionView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  question: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  dueOn: legalDay,
  isOverdue: z.boolean(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type QuestionView = z.infer<typeof questionView>;
