import type { ColumnType } from 'kysely';
import type { Instant, Json, NullableInstant, NullableJson } from '../columns.ts';

export type SheetStatus = 'DRAFT' | 'REVIEWED' | 'PUBLISHED';

/** A procedure sheet of the public portal. */
export type ProcedureSheetTable = { code: string; caseType: string | null; position: number };

/** A sheet in one language: the working copy and the copy the public reads (see the portal migration). */
export type ProcedureSheetTextTable = {
  sheetCode: string;
  language: string;
  status: SheetStatus;
  revision: number;
  /** For a translation, the revision of the Italian text it was made from. */
  sourceRevision: number | null;
  content: Json;
  editedAt: Instant;
  editedBy: string | null;
  reviewedAt: NullableInstant;
  reviewedBy: string | null;
  publishedContent: NullableJson;
  publishedAt: NullableInstant;
  publishedRevision: number | null;
  publishedSourceRevision: number | null;
  publishedReviewedAt: NullableInstant;
  /** Who validated the published copy; null for a copy published without a real review (a labelled draft). */
  publishedReviewedBy: string | null;
  /** Who wrote the working copy, how a translation was made (see `sheets/contract.ts`, `provenance`). */
  provenance: NullableJson;
  publishedProvenance: NullableJson;
  /** The published text's words for the portal's search, kept by the database (see the search migration). */
  searchDocument: ColumnType<string | null, never, never>;
};

export type GlossaryTermTable = {
  language: string;
  termKey: string;
  term: string;
  definition: string;
  status: ColumnType<SheetStatus, SheetStatus | undefined>;
  /** What the public reads: the last reviewed text published. */
  publishedTerm: string | null;
  publishedDefinition: string | null;
  reviewedBy: string | null;
  /** Who reviewed the published copy, copied at publication; null for a draft the public reads as such. */
  publishedReviewedBy: string | null;
  /** The published term's words for the portal's search, kept by the database. */
  searchDocument: ColumnType<string | null, never, never>;
};

/** Answers to "was this page useful?", counted per sheet, language, answer and reason (`none` for a yes). */
export type SheetFeedbackTable = {
  sheetCode: string;
  language: string;
  useful: boolean;
  reason: string;
  answers: number;
};

/** The tables of the public portal's texts, as Kysely sees them. */
export type PortalTables = {
  sheetFeedback: SheetFeedbackTable;
  procedureSheet: ProcedureSheetTable;
  procedureSheetText: ProcedureSheetTextTable;
  glossaryTerm: GlossaryTermTable;
};
