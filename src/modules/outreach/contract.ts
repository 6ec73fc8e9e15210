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
  PENDING: 'Da approvare',
  CONFIRMED: 'Confermata',
  WAITLISTED: 'In lista d’attesa',
  OFFERED: 'Posto offerto, in attesa di conferma',
  CANCELLED: 'Annullata',
  EXPIRED: 'Offerta scaduta',
  DECLINED: 'Non accolta',
} as const;
export const registrationStatus = z.enum([
  'PENDING',
  'CONFIRMED',
  'WAITLISTED',
  'OFFERED',
  'CANCELLED',
  'EXPIRED',
  'DECLINED',
]);

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
    /** By invitation: each registration waits for the staff's approval. */
    requiresApproval: z.boolean('indicare sì o no').default(false),
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

/** The kinds of the organisers' own questions on the registration form, with their Italian names. */
export const QUESTION_KINDS = {
  TEXT: 'Risposta libera',
  CHOICE: 'Una scelta da un elenco',
  YES_NO: 'Sì o no',
} as const;
export type QuestionKind = keyof typeof QUESTION_KINDS;
export const questionKind = z.enum(
  Object.keys(QUESTION_KINDS) as [QuestionKind, ...QuestionKind[]],
  'Scegliere il tipo di domanda dall’elenco',
);
export const MAX_QUESTIONS = 10;

export const questionInput = z
  .object({
    label: text(300),
    kind: questionKind,
    /** The choices, for a question answered from a list. */
    options: z.array(text(120)).max(12, 'al massimo 12 scelte').default([]),
    required: z.boolean('indicare sì o no').default(false),
  })
  .refine((question) => question.kind !== 'CHOICE' || question.options.length >= 2, {
    path: ['options'],
    message: 'indicare almeno due scelte, una per riga',
  })
  .refine((question) => question.kind === 'CHOICE' || question.options.length === 0, {
    path: ['options'],
    message: 'le scelte servono solo per una domanda con un elenco',
  })
  .refine((question) => new Set(question.options).size === question.options.length, {
    path: ['options'],
    message: 'ogni scelta una volta sola',
  });
export type QuestionInput = z.input<typeof questionInput>;

export const questionView = z.object({
  id,
  label: z.string(),
  kind: questionKind,
  options: z.array(z.string()),
  required: z.boolean(),
  /** How many registrations answered it: an answered question can no longer be removed. */
  answered: z.number().int(),
});
export type QuestionView = z.infer<typeof questionView>;

/** The staff's answer to a request for a session by invitation. */
export const decisionInput = z.object({ approve: z.boolean('indicare se la richiesta è accolta') });
export const decisionView = z.object({ status: z.enum(['CONFIRMED', 'WAITLISTED', 'DECLINED']) });

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
  requiresApproval: z.boolean(),
  pending: z.number().int(),
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
  questions: z.array(questionView),
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
  /** The answers to the event's questions, in the questions' order. */
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
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

/** The kinds of article, with their Italian names. */
export const ARTICLE_KINDS = { NEWS: 'Notizia', ANNOUNCEMENT: 'Avviso' } as const;
export const articleKind = z.enum(['NEWS', 'ANNOUNCEMENT'], 'Scegliere il tipo dall’elenco');

/** Where an article stands, with its Italian name. */
export const ARTICLE_STATUSES = {
  DRAFT: 'In preparazione',
  SCHEDULED: 'Pubblicazione programmata',
  PUBLISHED: 'Pubblicato',
  ARCHIVED: 'Archiviato',
} as const;
export const articleStatus = z.enum(['DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED']);

/** Where the text in one language stands, with its Italian name. */
export const ARTICLE_TEXT_STATUSES = {
  DRAFT: 'Bozza',
  REVIEWED: 'Revisionato',
  PUBLISHED: 'Pubblicato',
} as const;
export const articleTextStatus = z.enum(['DRAFT', 'REVIEWED', 'PUBLISHED']);

const tag = z
  .string()
  .trim()
  .min(2, 'ogni etichetta almeno 2 caratteri')
  .max(40, 'ogni etichetta al massimo 40 caratteri')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'’-]*$/u, 'solo lettere, cifre, spazi, punti e trattini');

export const articleSettings = z.object({
  kind: articleKind,
  tags: z
    .array(tag)
    .max(8, 'al massimo 8 etichette')
    .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, 'etichetta ripetuta'),
  /** The image shown at the top and in the list; one of the article's own images. */
  coverImageId: id.nullable(),
});

/** The text in one language. The body is Markdown: its images are the article's own, each with its text. */
export const articleTextInput = z.object({
  title: text(200),
  summary: text(400),
  body: multilineText(20_000),
  /** What the cover image shows, for those who cannot see it: required when the article has one. */
  imageAlt: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    text(300).nullable(),
  ),
});
export type ArticleTextInput = z.infer<typeof articleTextInput>;

export const articleInput = articleSettings.extend({ text: articleTextInput });

export const articleLanguageParams = z.object({ id, lang: publicLanguage });
export const articleImageParams = z.object({ id, imageId: id });

export const scheduleInput = z.object({ day: legalDay, time: clockTime });

export const articlesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  status: articleStatus.optional(),
});

export const articleSummary = z.object({
  id,
  kind: articleKind,
  status: articleStatus,
  title: z.string(),
  tags: z.array(z.string()),
  publishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
  languages: z.array(z.object({ language: z.string(), status: articleTextStatus })),
});

export const articleTextView = z.object({
  language: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  imageAlt: z.string().nullable(),
  status: articleTextStatus,
  revision: z.number().int(),
  /** A translation made from an older Italian text than the current one. */
  outOfDate: z.boolean(),
  editedAt: z.date(),
  editedBy: z.string(),
  reviewedAt: z.date().nullable(),
  reviewedBy: z.string().nullable(),
  publishedAt: z.date().nullable(),
  /** Whether the one asking may review this text now. */
  mayReview: z.boolean(),
});
export type ArticleTextView = z.infer<typeof articleTextView>;

export const articleImageView = z.object({
  id,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  /** What to write in the body to show it, with the text for those who cannot see it still to fill in. */
  markdown: z.string(),
});

export const articleView = z.object({
  id,
  kind: articleKind,
  status: articleStatus,
  tags: z.array(z.string()),
  coverImageId: id.nullable(),
  publishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  archivedAt: z.date().nullable(),
  publicUrl: z.string().nullable(),
  texts: z.array(articleTextView),
  images: z.array(articleImageView),
  mayManage: z.boolean(),
});
export type ArticleView = z.infer<typeof articleView>;

export const previewInput = z.object({ body: z.string().max(20_000) });
export const previewView = z.object({
  html: z.string(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The kinds of publication, with their Italian names. */
export const PUBLICATION_KINDS = {
  BROCHURE: 'Opuscolo',
  LEAFLET: 'Volantino',
  POSTER: 'Manifesto',
  REPORT: 'Rapporto',
} as const;
export const publicationKind = z.enum(
  ['BROCHURE', 'LEAFLET', 'POSTER', 'REPORT'],
  'Scegliere il tipo dall’elenco',
);

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    text(max).nullable(),
  );

export const publicationInput = z.object({
  kind: publicationKind,
  title: text(200),
  description: multilineText(2000),
  /** The print format as the printer names it: A5, A4 piegato in tre, 70×100 cm… */
  printFormat: optionalText(80),
  pages: z
    .number('indicare le pagine')
    .int('indicare un numero intero')
    .min(1, 'almeno 1 pagina')
    .max(1000, 'al massimo 1000 pagine')
    .nullable(),
  copiesPrinted: z
    .number('indicare le copie stampate')
    .int('indicare un numero intero')
    .min(0, 'non può essere negativo')
    .max(1_000_000, 'al massimo 1.000.000 di copie'),
  printedOn: legalDay.nullable(),
});
export type PublicationInput = z.infer<typeof publicationInput>;

export const publicationFileFields = z.object({ title: text(200) });
/** With a cover image: what it shows, read in its place by a screen reader. */
export const publicationCoverFields = z.object({ alt: text(300) });

export const distributionInput = z.object({
  point: text(200),
  copies: z
    .number('indicare le copie')
    .int('indicare un numero intero')
    .min(1, 'almeno 1 copia')
    .max(1_000_000, 'al massimo 1.000.000 di copie'),
  deliveredOn: legalDay,
  notes: optionalText(500),
});

export const publicationParams = z.object({ id, fileId: id });

export const publicationSummary = z.object({
  id,
  kind: publicationKind,
  title: z.string(),
  isPublished: z.boolean(),
  languages: z.array(z.string()),
  copiesPrinted: z.number().int(),
  copiesDistributed: z.number().int(),
  downloads: z.number().int(),
  updatedAt: z.date(),
});

export const publicationView = z.object({
  id,
  kind: publicationKind,
  title: z.string(),
  description: z.string(),
  printFormat: z.string().nullable(),
  pages: z.number().int().nullable(),
  copiesPrinted: z.number().int(),
  printedOn: z.string().nullable(),
  publishedAt: z.date().nullable(),
  publicUrl: z.string().nullable(),
  /** The cover image, where the staff see it, and its description. */
  cover: z.object({ url: z.string(), alt: z.string(), size: z.number().int() }).nullable(),
  files: z.array(
    z.object({
      id,
      language: z.string(),
      version: z.number().int(),
      title: z.string(),
      fileName: z.string(),
      size: z.number().int(),
      uploadedAt: z.date(),
      uploadedBy: z.string(),
      /** The version the public downloads: the latest of its language. */
      isCurrent: z.boolean(),
      downloads: z.number().int(),
    }),
  ),
  distributions: z.array(
    z.object({
      id,
      point: z.string(),
      copies: z.number().int(),
      deliveredOn: z.string(),
      notes: z.string().nullable(),
    }),
  ),
  copiesDistributed: z.number().int(),
  mayManage: z.boolean(),
});
export type PublicationView = z.infer<typeof publicationView>;

/** The kinds of media a piece of coverage appeared in, with their Italian names. */
export const COVERAGE_MEDIA = { PRINT: 'Stampa', WEB: 'Web', RADIO: 'Radio', TV: 'Televisione' } as const;
export const coverageMedia = z.enum(['PRINT', 'WEB', 'RADIO', 'TV'], 'Scegliere il mezzo dall’elenco');

export const coverageInput = z.object({
  publishedOn: legalDay,
  outlet: text(200),
  title: text(300),
  media: coverageMedia,
  url: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z
      .url({ protocol: /^https?$/, error: 'indicare un indirizzo web che inizia con https://' })
      .max(1000, 'al massimo 1000 caratteri')
      .nullable(),
  ),
  /** Readers, listeners or viewers as estimated by the outlet or the staff. */
  reach: z
    .number('indicare un numero')
    .int('indicare un numero intero')
    .min(0, 'non può essere negativo')
    .max(100_000_000, 'al massimo 100.000.000')
    .nullable(),
  notes: optionalText(1000),
});

export const coverageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  media: coverageMedia.optional(),
});

export const coverageView = z.object({
  id,
  publishedOn: z.string(),
  outlet: z.string(),
  title: z.string(),
  media: coverageMedia,
  url: z.string().nullable(),
  reach: z.number().int().nullable(),
  notes: z.string().nullable(),
  clipping: z.object({ fileName: z.string(), size: z.number().int() }).nullable(),
  recordedAt: z.date(),
});

/** Why the press office may write to a contact, with the Italian words (GDPR art. 6). */
export const PRESS_LEGAL_BASES = {
  CONSENT: 'Consenso della persona',
  LEGITIMATE_INTEREST: 'Legittimo interesse (recapito professionale pubblico)',
} as const;
export const pressLegalBasis = z.enum(
  ['CONSENT', 'LEGITIMATE_INTEREST'],
  'Scegliere la base giuridica dall’elenco',
);

export const pressContactInput = z.object({
  outlet: text(200),
  name: text(200),
  beat: optionalText(120),
  email: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.email('indirizzo e-mail non valido').max(254, 'al massimo 254 caratteri'),
  ),
  phone: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ./-]{6,25}$/, 'indicare un numero di telefono, ad esempio +39 0371 123456')
      .nullable(),
  ),
  language: publicLanguage,
  legalBasis: pressLegalBasis,
  /** Where the consent was given, or why the interest is legitimate. */
  legalBasisNote: optionalText(500),
});

export const pressContactsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
  /** Only those who may be written to. */
  reachable: z.enum(['true', 'false']).optional(),
});

export const pressContactView = z.object({
  id,
  outlet: z.string(),
  name: z.string(),
  beat: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  language: z.string(),
  legalBasis: pressLegalBasis,
  legalBasisNote: z.string().nullable(),
  unsubscribedAt: z.date().nullable(),
  /** When the contact's data were erased on their request. */
  erasedAt: z.date().nullable(),
});

export const PRESS_RELEASE_STATUSES = { DRAFT: 'Bozza', REVIEWED: 'Revisionato', SENT: 'Inviato' } as const;

export const pressReleaseInput = z.object({
  title: text(200),
  summary: text(500),
  body: multilineText(20_000),
});

export const pressSendInput = z.object({
  contactIds: z
    .array(id)
    .min(1, 'scegliere almeno un destinatario')
    .max(2000, 'al massimo 2000 destinatari per invio')
    .refine((ids) => new Set(ids).size === ids.length, 'destinatario ripetuto'),
});

export const pressReleaseSummary = z.object({
  id,
  title: z.string(),
  status: z.enum(['DRAFT', 'REVIEWED', 'SENT']),
  editedAt: z.date(),
  sentAt: z.date().nullable(),
  recipients: z.number().int(),
});

export const pressReleaseView = pressReleaseSummary.extend({
  summary: z.string(),
  body: z.string(),
  editedBy: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  /** Whether the one asking may review it now: someone other than its writer. */
  mayReview: z.boolean(),
  publicUrl: z.string().nullable(),
  sends: z.array(
    z.object({
      contactId: id,
      name: z.string(),
      outlet: z.string(),
      email: z.string(),
      status: z.enum(['PENDING', 'SENT', 'UNDELIVERABLE']),
      sentAt: z.date().nullable(),
    }),
  ),
});
