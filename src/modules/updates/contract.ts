/**
 * The legal updates API (WP3): the legal expert's notes on new legislation, circulars and judgments, the
 * articles and case types they concern, who has read them, and the case-type changes they require.
 */
import { z } from 'zod';
import { multilineText, text } from '../../kernel/contract.ts';

/** What an update is about, with its Italian name. */
export const UPDATE_KINDS = {
  LEGISLATION: 'Norma',
  CIRCULAR: 'Circolare',
  JUDGMENT: 'Sentenza',
} as const;
export type UpdateKind = keyof typeof UPDATE_KINDS;

export const UPDATE_STATUSES = { DRAFT: 'Bozza', PUBLISHED: 'Pubblicata' } as const;
export type UpdateStatus = keyof typeof UPDATE_STATUSES;

const id = z.uuid();
const day = z.iso.date('indicare una data valida');
const optionalText = (max: number) => text(max).nullable().optional();

/** An article an update concerns: act, article and, if any, paragraph (e.g. D.Lgs. 286/1998, 22, 5). */
export const articleInput = z.object({
  act: text(100),
  article: text(20),
  paragraph: optionalText(20),
});
export type ArticleInput = z.infer<typeof articleInput>;

export const caseTypeChangeInput = z.object({
  caseType: z
    .string('Scegliere un tipo di pratica dall’elenco')
    .min(1, 'Scegliere un tipo di pratica dall’elenco'),
  note: multilineText(2000),
});

export const updateInput = z.object({
  kind: z.enum(Object.keys(UPDATE_KINDS) as [UpdateKind, ...UpdateKind[]], 'Scegliere il tipo dall’elenco'),
  authority: text(200),
  number: text(50),
  issuedOn: day,
  title: text(300),
  summary: multilineText(4000),
  fullText: multilineText(200_000).nullable().optional(),
  articles: z.array(articleInput).min(1, 'indicare almeno un articolo').max(30, 'al massimo 30 articoli'),
  caseTypes: z.array(z.string().max(60)).max(20, 'al massimo 20 tipi di pratica'),
  validFrom: day,
  /** The change to a case type the update requires (a time limit, a rule): the SUI manager applies it. */
  caseTypeChange: caseTypeChangeInput.nullable().optional(),
});
export type UpdateInput = z.infer<typeof updateInput>;

export const updatesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Only the published updates the caller has not read yet. */
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Only those with a case-type change still to apply. */
  pendingChange: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Words to find in the title, summary, full text, authority or number. */
  q: z.string().trim().max(200, 'al massimo 200 caratteri').optional(),
  /** Part of an article concerned, as written: «286/1998 art. 22», «art. 22 c.5». */
  article: z.string().trim().max(100, 'al massimo 100 caratteri').optional(),
  /** The code of a case type the update affects. */
  caseType: z.string().trim().max(60).optional(),
});

export const appliedChangeInput = z.object({ validFrom: day });

const caseTypeRef = z.object({ code: z.string(), name: z.string() });

export const articleView = articleInput.extend({
  paragraph: z.string().nullable(),
  /** As a lawyer writes it: D.Lgs. 286/1998 art. 22 c.5. */
  label: z.string(),
});

export const updateSummary = z.object({
  id,
  kind: z.enum(Object.keys(UPDATE_KINDS) as [UpdateKind, ...UpdateKind[]]),
  authority: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  title: z.string(),
  validFrom: z.string(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
  publishedAt: z.string().nullable(),
  readAt: z.string().nullable(),
  caseTypes: z.array(caseTypeRef),
  /** A case-type change is required and not yet applied. */
  hasPendingChange: z.boolean(),
});
export type UpdateSummary = z.infer<typeof updateSummary>;

export const updateView = updateSummary.extend({
  summary: z.string(),
  fullText: z.string().nullable(),
  attachment: z.object({ fileName: z.string(), size: z.number().int() }).nullable(),
  articles: z.array(articleView),
  writtenBy: z.string(),
  caseTypeChange: z
    .object({
      caseType: caseTypeRef,
      note: z.string(),
      appliedFrom: z.string().nullable(),
      appliedBy: z.string().nullable(),
      appliedAt: z.string().nullable(),
    })
    .nullable(),
  /** The training topic the update became, and the course it is in once a trainer planned it. */
  trainingTopic: z
    .object({ proposedAt: z.string(), course: z.object({ title: z.string() }).nullable() })
    .nullable(),
});
export type UpdateView = z.infer<typeof updateView>;

/** A published update as a notice on a case of an affected type. */
export const caseNotice = z.object({
  id,
  title: z.string(),
  issuedOn: z.string(),
  readAt: z.string().nullable(),
});
export type CaseNotice = z.infer<typeof caseNotice>;

export const readersView = z.object({
  read: z.array(z.object({ id, name: z.string(), readAt: z.string() })),
  notRead: z.array(z.object({ id, name: z.string() })),
});
export type ReadersView = z.infer<typeof readersView>;

export const caseTypeOption = z.object({ code: z.string(), name: z.string(), versions: z.array(z.string()) });
export type CaseTypeOption = z.infer<typeof caseTypeOption>;
