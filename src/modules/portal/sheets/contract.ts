import { z } from 'zod';
import { multilineText, text } from '../../../kernel/contract.ts';

/** The parts of a procedure sheet, in reading order. */
export const SHEET_SECTIONS = [
  'what',
  'who',
  'requirements',
  'documents',
  'steps',
  'timeLimits',
  'costs',
  'whereHow',
  'refusalReasons',
] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];

/** The sections that carry a pictogram: what you need, how long, how much, where. */
export const PICTOGRAM_SECTIONS = ['documents', 'timeLimits', 'costs', 'whereHow'] as const;

/** A part a sheet may leave out (a short pointer to another office has no refusal reasons): empty is absent. */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    multilineText(max).optional(),
  );

/**
 * A sheet's text in one language. Paragraphs are separated by a blank line; `- ` and `1. ` start list items.
 * `inThreeSteps` is the box at the top, three numbered lines; `references` the legal references, shown folded.
 */
export const sheetContent = z.object({
  title: text(200),
  summary: text(400),
  inThreeSteps: optionalText(600),
  what: multilineText(6000),
  ...(Object.fromEntries(
    SHEET_SECTIONS.filter((section) => section !== 'what').map((section) => [section, optionalText(6000)]),
  ) as Record<Exclude<SheetSection, 'what'>, ReturnType<typeof optionalText>>),
  references: optionalText(2000),
});
export type SheetContent = z.infer<typeof sheetContent>;

// What the API answers: the same fields, already checked, without the input's clean-up (a response is encoded,
// and a clean-up step only reads one way).
const sectionView = z.string().optional();
const sheetContentView = z.object({
  title: z.string(),
  summary: z.string(),
  inThreeSteps: sectionView,
  what: z.string(),
  ...(Object.fromEntries(
    SHEET_SECTIONS.filter((section) => section !== 'what').map((section) => [section, sectionView]),
  ) as Record<Exclude<SheetSection, 'what'>, typeof sectionView>),
  references: sectionView,
});

/** How a translation was made. */
export const TRANSLATION_METHODS = { HUMAN: 'Traduzione umana', MACHINE: 'Traduzione automatica' } as const;

/**
 * Who wrote a text and, for a translation, how it was made and by whom. Who validated it is not written
 * here: it is the reviewer of the workflow, recorded when the review happens.
 */
export const provenance = z.object({
  author: text(200),
  translation: z.enum(['HUMAN', 'MACHINE']).nullable(),
  translator: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    text(200).nullable(),
  ),
});
export type Provenance = z.infer<typeof provenance>;
const provenanceView = z.object({
  author: z.string(),
  translation: z.enum(['HUMAN', 'MACHINE']).nullable(),
  translator: z.string().nullable(),
});

/** A draft as the back-office saves it: the text, and optionally who wrote it (else the one who saves it). */
export const sheetDraft = sheetContent.extend({ provenance: provenance.optional() });

export const sheetKey = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,60}$/),
  language: z.string().regex(/^[a-z]{2,3}$/),
});

export const SHEET_STATUSES = {
  DRAFT: 'Bozza',
  REVIEWED: 'Revisionata',
  PUBLISHED: 'Pubblicata',
} as const;

export const sheetTextView = z.object({
  code: z.string(),
  language: z.string(),
  status: z.enum(['DRAFT', 'REVIEWED', 'PUBLISHED']),
  revision: z.number().int(),
  sourceRevision: z.number().int().nullable(),
  content: sheetContentView,
  editedAt: z.string(),
  reviewedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedRevision: z.number().int().nullable(),
  provenance: provenanceView.nullable(),
  /** Who validated the published copy, and when; null for a copy published without a real review. */
  publishedReview: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** A translation whose published text was made from an older Italian text than the one published now. */
  outOfDate: z.boolean(),
});
export type SheetTextView = z.infer<typeof sheetTextView>;

export const glossaryInput = z.object({ term: text(120), definition: multilineText(1000) });
export const glossaryView = glossaryInput.extend({
  language: z.string(),
  termKey: z.string(),
  status: z.enum(['DRAFT', 'REVIEWED', 'PUBLISHED']),
  /** What the public reads, while a newer text waits for review. */
  publishedTerm: z.string().nullable(),
  publishedDefinition: z.string().nullable(),
});
export const glossaryKey = z.object({
  language: z.string().regex(/^[a-z]{2,3}$/),
  termKey: z.string().regex(/^[a-z0-9-]{2,60}$/),
});
export type GlossaryView = z.infer<typeof glossaryView>;

/** The answers of the "was this page useful?" form: yes or no, and for a no one reason from a fixed list. */
export const FEEDBACK_REASONS = ['unclear', 'missing', 'outdated', 'language', 'other'] as const;
export const FEEDBACK_REASON_LABELS: Record<(typeof FEEDBACK_REASONS)[number], string> = {
  unclear: 'Testo difficile da capire',
  missing: 'Mancano informazioni',
  outdated: 'Informazioni superate',
  language: 'Non c’è la mia lingua',
  other: 'Altro motivo',
};
export const feedbackForm = z.object({
  useful: z.enum(['yes', 'no'], 'Indicare sì o no'),
  reason: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(FEEDBACK_REASONS, 'Scegliere un motivo dalla lista').optional(),
  ),
});
export type FeedbackForm = z.infer<typeof feedbackForm>;

/** The answers to a sheet in a language: the counts the communications staff read. */
export const feedbackCount = z.object({
  code: z.string(),
  title: z.string(),
  language: z.string(),
  useful: z.number().int(),
  notUseful: z.number().int(),
  reasons: z.record(z.enum(FEEDBACK_REASONS), z.number().int()),
});
export type FeedbackCount = z.infer<typeof feedbackCount>;
