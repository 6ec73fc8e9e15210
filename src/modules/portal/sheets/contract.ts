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

/** A sheet's text in one language. Paragraphs are separated by a blank line; `- ` and `1. ` start list items. */
export const sheetContent = z.object({
  title: text(200),
  summary: text(400),
  ...(Object.fromEntries(SHEET_SECTIONS.map((section) => [section, multilineText(6000)])) as Record<
    SheetSection,
    ReturnType<typeof multilineText>
  >),
});
export type SheetContent = z.infer<typeof sheetContent>;

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
  content: sheetContent,
  editedAt: z.string(),
  reviewedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedRevision: z.number().int().nullable(),
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
