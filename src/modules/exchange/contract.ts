/** The API of opinions between bodies: inbox, answers, questions, problem log. */
import { z } from 'zod';
import { multilineText as text } from '../../kernel/contract.ts';

/** The bodies whose opinion a case may need, by the type of their organisation. */
export const OPINION_BODIES = {
  POLICE_HQ: 'Questura',
  LABOUR_INSPECTORATE: 'Ispettorato Territoriale del Lavoro',
};
export type OpinionBody = keyof typeof OPINION_BODIES;

const legalDay = z.iso.date();

export const OPINION_STATES = {
  PENDING: 'In attesa di risposta',
  QUESTION: 'Richiesta di informazioni al SUI',
  ANSWERED: 'Reso',
  SILENT_CONSENT: 'Silenzio-assenso',
} as const;
export const OPINION_OUTCOMES = {
  FAVOURABLE: 'Favorevole',
  UNFAVOURABLE: 'Contrario',
  SILENT_CONSENT: 'Silenzio-assenso',
} as const;
export const CLOCK_STATUSES = {
  ON_TIME: 'Nei termini',
  DUE_SOON: 'In scadenza',
  OVERDUE: 'Scaduto',
  PAUSED: 'Sospeso (domanda al SUI)',
  CLOSED: 'Concluso',
} as const;

const state = z.enum(Object.keys(OPINION_STATES) as [keyof typeof OPINION_STATES]);
const outcome = z.enum(Object.keys(OPINION_OUTCOMES) as [keyof typeof OPINION_OUTCOMES]);
const clock = z.object({
  status: z.enum(Object.keys(CLOCK_STATUSES) as [keyof typeof CLOCK_STATUSES]),
  dueOn: legalDay,
  daysLeft: z.number().int().nullable(),
});

export const inboxQuery = z.object({
  /** `open` (pending or waiting for the SUI), `closed`, or one state. */
  state: z.union([z.enum(['open', 'closed', 'all']), state]).default('open'),
  clock: z.enum(['DUE_SOON', 'OVERDUE']).optional(),
  caseType: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'codice non valido')
    .optional(),
  q: text(100).optional(),
  after: z.string().max(200).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const opinionSummary = z.object({
  id: z.uuid(),
  body: z.string(),
  bodyName: z.string(),
  caseNumber: z.string(),
  caseTypeCode: z.string(),
  caseTypeName: z.string(),
  label: z.string(),
  requesterName: z.string(),
  title: z.string(),
  requestedOn: legalDay,
  state,
  outcome: outcome.nullable(),
  clock,
  remote: z.boolean(),
});
export const inboxPage = z.object({ items: z.array(opinionSummary), next: z.string().nullable() });

const answerView = z.object({
  id: z.uuid(),
  outcome: z.enum(['FAVOURABLE', 'UNFAVOURABLE']),
  reasons: z.string().nullable(),
  answeredBy: z.string(),
  answeredAt: z.string(),
  answeredOn: legalDay,
  correctsId: z.uuid().nullable(),
  attachments: z.array(
    z.object({ sha256: z.string(), filename: z.string(), mediaType: z.string(), size: z.number().int() }),
  ),
});
/** An uploaded file waiting for the answer: the answer names it by its token. */
export const uploadedAttachmentView = z.object({
  token: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
const questionView = z.object({
  id: z.uuid(),
  question: z.string(),
  askedBy: z.string(),
  askedOn: legalDay,
  reply: z.string().nullable(),
  repliedBy: z.string().nullable(),
  repliedOn: legalDay.nullable(),
});

export const opinionDetail = opinionSummary.extend({
  responseDays: z.number().int(),
  silenceRule: z.string().nullable(),
  closedAt: z.string().nullable(),
  subject: z.object({
    persons: z.array(z.record(z.string(), z.unknown())),
    employers: z.array(z.record(z.string(), z.unknown())),
    quota: z.object({ year: z.number(), sector: z.string() }).nullable(),
    submittedOn: legalDay,
    highRiskCountry: z.boolean(),
  }),
  answers: z.array(answerView),
  questions: z.array(questionView),
  /** What the caller may do now. */
  can: z.object({ answer: z.boolean(), correct: z.boolean(), ask: z.boolean(), reply: z.boolean() }),
});
export type OpinionDetail = z.infer<typeof opinionDetail>;

export const answerInput = z
  .object({
    outcome: z.enum(['FAVOURABLE', 'UNFAVOURABLE']),
    reasons: text(4000).nullish(),
    /** The answer this one corrects: answers are final, a correction is a new, linked answer. */
    corrects: z.uuid().nullish(),
    /** Files uploaded beforehand by the same user for this opinion (`POST /api/opinions/:id/attachments`). */
    attachments: z
      .array(z.object({ token: z.uuid('allegato non valido: caricarlo di nuovo') }))
      .max(5, 'al massimo 5 allegati')
      .default([]),
  })
  .refine((input) => input.outcome === 'FAVOURABLE' || Boolean(input.reasons), {
    path: ['reasons'],
    message: 'un parere contrario va motivato',
  })
  .refine((input) => !input.corrects || Boolean(input.reasons), {
    path: ['reasons'],
    message: 'indicare il motivo della rettifica',
  });

export const bulkAnswerInput = z.object({
  ids: z.array(z.uuid()).min(1, 'selezionare almeno un parere').max(200, 'al massimo 200 pareri alla volta'),
  /** The number the officer confirmed: the answer is given only if it matches the selection. */
  confirm: z.number().int(),
});
export const bulkAnswerResult = z.object({ answered: z.number().int() });

export const questionInput = z.object({ question: text(4000) });
export const replyInput = z.object({ reply: text(4000) });

// ---- problem log

export const PROBLEM_CATEGORIES = {
  MISSING_DATA: 'Dati o documenti mancanti',
  IDENTITY: 'Identità o alias da verificare',
  SYSTEM: 'Sistemi informativi e interoperabilità',
  PROCEDURE: 'Interpretazione della procedura',
  WORKLOAD: 'Carichi di lavoro e personale',
  OTHER: 'Altro',
} as const;
export const PROBLEM_STATUSES = {
  OPEN: 'Aperto',
  IN_PROGRESS: 'In lavorazione',
  RESOLVED: 'Risolto',
} as const;

export const problemInput = z.object({
  caseNumber: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}-\d{4}-\d{6}$/, 'numero di pratica nel formato LO-2026-000123')
    .nullish(),
  category: z.enum(Object.keys(PROBLEM_CATEGORIES) as [keyof typeof PROBLEM_CATEGORIES]),
  title: text(200),
  description: text(4000),
  ownerOrganisationId: z.uuid(),
});
export const problemUpdate = z
  .object({
    status: z.enum(Object.keys(PROBLEM_STATUSES) as [keyof typeof PROBLEM_STATUSES]),
    resolution: text(4000).nullish(),
    version: z.number().int(),
  })
  .refine((input) => input.status !== 'RESOLVED' || Boolean(input.resolution), {
    path: ['resolution'],
    message: 'descrivere la soluzione adottata',
  });
export const problemQuery = z.object({
  status: z.enum(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'unresolved', 'all']).default('unresolved'),
  category: z.enum(Object.keys(PROBLEM_CATEGORIES) as [keyof typeof PROBLEM_CATEGORIES]).optional(),
});
export type ProblemQuery = z.infer<typeof problemQuery>;
export const problemView = z.object({
  id: z.uuid(),
  caseNumber: z.string().nullable(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  raisedBy: z.string(),
  raisedByOrganisationId: z.uuid(),
  raisedByOrganisation: z.string(),
  ownerOrganisationId: z.uuid(),
  ownerOrganisation: z.string(),
  status: z.enum(['OPEN', 'IN_PROGRESS', 'RESOLVED']),
  resolution: z.string().nullable(),
  raisedOn: legalDay,
  resolvedOn: legalDay.nullable(),
  version: z.number().int(),
});
