/** The API of dissemination (WP4) for the staff: events, their sessions and registrations, the door. */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../kernel/contract.ts';

/** The kinds of event, with their Italian names. */
export const EVENT_KINDS = {
  CONFERENCE: 'Convegno',
  PERFORMANCE: 'Spettacolo o installazione teatrale',
  WORKSHOP: 'Laboratorio',
  OTHER: 'Altro evento',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;
export const eventKind = z.enum(
  Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]],
  'Scegliere il tipo di evento dall’elenco',
);

/** Where a registration stands, with its Italian name. */
export const REGISTRATION_STATUSES = {
  CONFIRMED: 'Confermata',
  WAITLISTED: 'In lista d’attesa',
  OFFERED: 'Posto offerto, in attesa di conferma',
  CANCELLED: 'Annullata',
  EXPIRED: 'Offerta scaduta',
} as const;
export const registrationStatus = z.enum(['CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED', 'EXPIRED']);

/** The kinds of organisation a person registering may name (public form), with their Italian names. */
export const PUBLIC_ORGANISATION_TYPES = {
  PUBLIC: 'Ente pubblico',
  THIRD_SECTOR: 'Terzo settore o associazione',
  SCHOOL: 'Scuola o università',
  COMPANY: 'Impresa',
  CITIZEN: 'Privato cittadino',
} as const;

const id = z.uuid();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'indicare l’ora come 09:30');
/** The portal's languages, by code (a unit test checks them against its catalogues). */
export const PORTAL_LANGUAGES = [
  'it',
  'en',
  'fr',
  'ar',
  'sq',
  'es',
  'uk',
  'zh',
  'ro',
  'ru',
  'pa',
  'hi',
  'ur',
  'bn',
] as const;
const publicLanguage = z.enum(PORTAL_LANGUAGES, 'Scegliere una lingua dall’elenco');

export const eventInput = z.object({
  kind: eventKind,
  title: text(200),
  summary: text(500),
  description: multilineText(6000),
  offerHours: z
    .number('indicare le ore')
    .int('indicare un numero intero di ore')
    .min(1, 'almeno 1 ora')
    .max(240, 'al massimo 240 ore (10 giorni)')
    .default(48),
});
export type EventInput = z.input<typeof eventInput>;
/** A correction names every field: an omitted one is not reset to its default. */
export const eventChangeInput = eventInput.extend({
  offerHours: z
    .number('indicare le ore')
    .int('indicare un numero intero di ore')
    .min(1, 'almeno 1 ora')
    .max(240, 'al massimo 240 ore (10 giorni)'),
});

export const eventTextInput = z.object({
  title: text(200),
  summary: text(500),
  description: multilineText(6000),
});
export const languageParams = z.object({ id, lang: publicLanguage });

export const sessionInput = z
  .object({
    label: text(120),
    day: legalDay,
    startTime: clockTime,
    endTime: clockTime,
    venue: text(200),
    address: text(300),
    accessibility: multilineText(1000),
    capacity: z
      .number('indicare i posti')
      .int('indicare un numero intero')
      .min(1, 'almeno 1 posto')
      .max(5000, 'al massimo 5000 posti'),
    /** The last day of registration, that day included; the day before the session when absent. */
    registrationUntil: legalDay.nullable().optional(),
  })
  .refine((session) => session.endTime > session.startTime, {
    path: ['endTime'],
    message: 'la fine deve venire dopo l’inizio',
  })
  .refine((session) => !session.registrationUntil || session.registrationUntil <= session.day, {
    path: ['registrationUntil'],
    message: 'le iscrizioni devono chiudersi entro il giorno della sessione',
  });
export type SessionInput = z.input<typeof sessionInput>;

export const capacityInput = z.object({
  capacity: z
    .number('indicare i posti')
    .int('indicare un numero intero')
    .min(1, 'almeno 1 posto')
    .max(5000, 'al massimo 5000 posti'),
});

export const checkInListInput = z.object({ name: text(80) });

export const sessionView = z.object({
  id,
  label: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  venue: z.string(),
  address: z.string(),
  accessibility: z.string(),
  capacity: z.number().int(),
  registrationUntil: z.date(),
  confirmed: z.number().int(),
  offered: z.number().int(),
  waiting: z.number().int(),
  checkedIn: z.number().int(),
});
export type SessionView = z.infer<typeof sessionView>;

export const eventSummary = z.object({
  id,
  kind: eventKind,
  title: z.string(),
  summary: z.string(),
  isPublished: z.boolean(),
  firstSessionAt: z.date().nullable(),
  sessions: z.number().int(),
  confirmed: z.number().int(),
  waiting: z.number().int(),
});

export const eventView = z.object({
  id,
  kind: eventKind,
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  offerHours: z.number().int(),
  publishedAt: z.date().nullable(),
  publicUrl: z.string().nullable(),
  translations: z.array(
    z.object({ language: z.string(), title: z.string(), summary: z.string(), description: z.string() }),
  ),
  sessions: z.array(sessionView),
  checkInLists: z.array(z.object({ id, name: z.string(), checkedIn: z.number().int() })),
  mayManage: z.boolean(),
});
export type EventView = z.infer<typeof eventView>;

export const registrationsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  status: registrationStatus.optional(),
  q: z.string().trim().max(100).optional(),
});

export const registrationView = z.object({
  id,
  ticketCode: z.string(),
  name: z.string(),
  email: z.string(),
  organisation: z.string().nullable(),
  language: z.string(),
  accessibilityNeeds: z.string().nullable(),
  interpretationLanguage: z.string().nullable(),
  status: registrationStatus,
  /** The place in the waitlist, for those waiting. */
  position: z.number().int().nullable(),
  createdAt: z.date(),
  offerExpiresAt: z.date().nullable(),
  checkIns: z.array(z.string()),
});

export const interpretationNeed = z.object({
  language: z.string(),
  sessionId: id,
  sessionLabel: z.string(),
  startsAt: z.date(),
  people: z.number().int(),
  accessibilityNeeds: z.array(z.string()),
});

export const checkInInput = z.object({
  listId: id,
  sessionId: id,
  code: z.string().trim().min(1, 'Campo obbligatorio').max(200),
});

export const checkInResult = z.object({
  /** Admitted now; admitted earlier on this list; for another session; not a live ticket of this event. */
  outcome: z.enum(['ADMITTED', 'ALREADY', 'OTHER_SESSION', 'NOT_VALID']),
  message: z.string(),
  name: z.string().nullable(),
  ticketCode: z.string().nullable(),
  checkedInAt: z.date().nullable(),
});

export const doorQuery = z.object({ q: z.string().trim().min(2, 'almeno 2 lettere').max(100) });
export const doorMatch = z.object({
  name: z.string(),
  ticketCode: z.string(),
  status: registrationStatus,
  checkedIn: z.boolean(),
});
