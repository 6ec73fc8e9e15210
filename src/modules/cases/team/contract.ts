/** The API of the multidisciplinary team: mediators' languages and questions to the legal expert. */
import { z } from 'zod';
import { language, legalDay, text } from '../../../kernel/contract.ts';

const languageNames = new Intl.DisplayNames(['it'], { type: 'language', fallback: 'none' });
/** A language code with an Italian name: «xx» has none, and a clerk would read the code. */
const knownLanguage = language.refine((code) => languageNames.of(code) !== undefined, {
  message: 'Scegliere una lingua dall’elenco',
});

export const mediatorLanguagesInput = z.object({
  languages: z.array(language).max(30),
});

export const mediatorsQuery = z.object({ language: language.optional() });

/** How well a mediator speaks a language, with the words the profile page shows. */
export const LANGUAGE_LEVELS = {
  B1: 'B1 – intermedio',
  B2: 'B2 – intermedio avanzato',
  C1: 'C1 – avanzato',
  C2: 'C2 – padronanza',
  NATIVE: 'Madrelingua',
} as const;
export type LanguageLevel = keyof typeof LANGUAGE_LEVELS;
export const languageLevel = z.enum(Object.keys(LANGUAGE_LEVELS) as [LanguageLevel, ...LanguageLevel[]], {
  error: 'Indicare il livello',
});

/** The days of the week as the profile page names them, Monday first (ISO weekday 1). */
export const WEEKDAYS = [
  'lunedì',
  'martedì',
  'mercoledì',
  'giovedì',
  'venerdì',
  'sabato',
  'domenica',
] as const;

const timeOfDay = z
  .string({ error: 'Campo obbligatorio' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Indicare un orario come 9:30 o 14:00');

export const availabilityWindow = z
  .object({
    weekday: z
      .number({ error: 'Indicare il giorno' })
      .int()
      .min(1, 'Indicare il giorno')
      .max(7, 'Indicare il giorno'),
    from: timeOfDay,
    to: timeOfDay,
  })
  .refine((window) => window.from < window.to, {
    path: ['to'],
    message: 'L’orario di fine deve venire dopo quello di inizio',
  });
export type AvailabilityWindow = z.infer<typeof availabilityWindow>;

export const mediatorProfileInput = z.object({
  languages: z
    .array(
      z.object({
        language: z.string({ error: 'Campo obbligatorio' }).regex(/^[a-z]{2}$/, 'Scegliere una lingua'),
        level: languageLevel,
      }),
    )
    .max(30, 'Al massimo 30 lingue')
    .refine((list) => new Set(list.map((entry) => entry.language)).size === list.length, {
      message: 'Ogni lingua va indicata una volta sola',
    }),
  availability: z.array(availabilityWindow).max(28, 'Al massimo 28 fasce orarie'),
});

export const mediatorProfileView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  /** The organisation the mediator comes from, when they work at the office on secondment. */
  secondedFrom: z.string().nullable(),
  /** Every office the person works in as a mediator: the profile is the person's, one for all of them. */
  offices: z.array(z.string()),
  languages: z.array(z.object({ language: z.string(), level: languageLevel })),
  /** No window: the mediator can be booked whenever the desk is open. */
  availability: z.array(availabilityWindow),
  upcomingBookings: z.number().int(),
});
export type MediatorProfileView = z.infer<typeof mediatorProfileView>;

export const mediatorProposalsQuery = z.object({
  deskId: z.uuid({ error: 'Scegliere lo sportello' }),
  startsAt: z.iso.datetime({ offset: true, error: 'Indicare data e ora dell’appuntamento' }),
  /** The applicant's preferred language when absent. */
  language: knownLanguage.optional(),
});

export const mediatorProposals = z.object({
  language: z.string().nullable(),
  /** Who covers the language and is free at that time, the least booked first. */
  proposed: z.array(z.object({ id: z.uuid(), name: z.string(), level: languageLevel.nullable() })),
  /** Everyone else, with the reason they are not proposed. */
  notProposed: z.array(z.object({ id: z.uuid(), name: z.string(), reason: z.string() })),
});
export type MediatorProposals = z.infer<typeof mediatorProposals>;

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
