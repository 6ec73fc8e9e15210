/**
 * The project's indicators API: definitions as data (bound to a module's source or entered by hand), manual
 * values with their evidence, snapshots per reporting period, the records behind a value, and the chart.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';
import { noteAttachmentView } from '../contract.ts';

export const INDICATOR_KINDS = { OUTPUT: 'Realizzazione', RESULT: 'Risultato' } as const;
export type IndicatorKind = keyof typeof INDICATOR_KINDS;

/** The source of an indicator entered by hand, with its evidence. */
export const MANUAL_SOURCE = 'MANUAL';

const kind = z.enum(
  Object.keys(INDICATOR_KINDS) as [IndicatorKind, ...IndicatorKind[]],
  'Scegliere il tipo dall’elenco',
);
const figure = z
  .number('Indicare un numero')
  .min(0, 'Il valore non può essere negativo')
  .max(1_000_000_000, 'Il valore è troppo grande');

export const indicatorInput = z.object({
  code: text(20),
  name: text(300),
  kind,
  unit: text(40),
  baseline: figure,
  target: figure,
  workPackageId: z.uuid('Scegliere un work package dall’elenco').nullable().optional(),
  source: z
    .string()
    .trim()
    .min(1, 'Scegliere la fonte dall’elenco')
    .max(80, 'Scegliere la fonte dall’elenco'),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;

/** At most this many evidence files per manual value: minutes, registers, questionnaires – not an archive. */
export const VALUE_FILES = 10;

/**
 * A manual value with its evidence: a note, files uploaded beforehand and named by their upload tokens, or
 * both; a value with neither is refused.
 */
export const valueInput = z.object({
  value: figure,
  measuredOn: legalDay,
  note: multilineText(2000).nullable().optional(),
  files: z
    .array(z.uuid('Caricare di nuovo il file'))
    .max(VALUE_FILES, `Al massimo ${VALUE_FILES} file per valore`)
    .optional(),
});
export type ValueInput = z.infer<typeof valueInput>;

/** A file given as evidence of a manual value, described as the monthly notes' files are. */
export const evidenceFileView = noteAttachmentView;
export type EvidenceFileView = z.infer<typeof evidenceFileView>;

/** A file uploaded for a manual value still to be recorded: the value names it by its token. */
export const uploadedEvidenceView = z.object({
  token: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});
export type UploadedEvidenceView = z.infer<typeof uploadedEvidenceView>;

export const snapshotInput = z.object({
  label: text(120),
  from: legalDay,
  to: legalDay,
});
export type SnapshotInput = z.infer<typeof snapshotInput>;

export const RECORDS_PAGE_SIZE = 20;

export const recordsQuery = z.object({
  from: legalDay,
  to: legalDay,
  page: z.coerce.number().int('Pagina non valida').min(1, 'Pagina non valida').max(100_000).default(1),
});
export type RecordsQuery = z.infer<typeof recordsQuery>;

export const sourceView = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  module: z.string(),
  workPackage: z.string(),
});
export type SourceView = z.infer<typeof sourceView>;

export const manualValueView = z.object({
  id: z.uuid(),
  value: z.number(),
  measuredOn: z.string(),
  note: z.string().nullable(),
  files: z.array(evidenceFileView),
  /** Taken into a snapshot: its evidence is kept as it is, no file added or removed. */
  frozen: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type ManualValueView = z.infer<typeof manualValueView>;

export const indicatorView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind,
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  workPackageId: z.uuid().nullable(),
  workPackage: z.string().nullable(),
  source: z.string(),
  /** The source's name in Italian, or null for a manual indicator. */
  sourceName: z.string().nullable(),
  version: z.number().int(),
  /** The value over the project so far (from its start to today), and its share of the target. */
  current: z.object({
    value: z.number().nullable(),
    from: z.string(),
    to: z.string(),
    share: z.number().nullable(),
  }),
  values: z.array(manualValueView),
});
export type IndicatorView = z.infer<typeof indicatorView>;

export const snapshotValueView = z.object({
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.number(),
  source: z.string(),
  value: z.number().nullable(),
  definitionVersion: z.number().int(),
  computedAt: z.string(),
  /** For an indicator entered by hand, the value frozen with its note and files; null otherwise. */
  evidence: manualValueView.nullable(),
});
export type SnapshotValueView = z.infer<typeof snapshotValueView>;

export const snapshotView = z.object({
  id: z.uuid(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  takenAt: z.string(),
  takenBy: z.string(),
  values: z.array(snapshotValueView),
});
export type SnapshotView = z.infer<typeof snapshotView>;

export const indicatorsPage = z.object({
  project: z.object({
    id: z.uuid(),
    acronym: z.string(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
  }),
  workPackages: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string() })),
  sources: z.array(sourceView),
  indicators: z.array(indicatorView),
  snapshots: z.array(snapshotView),
  /** `evidence`: may download the evidence files, which may name people (registers, questionnaires). */
  can: z.object({ manage: z.boolean(), evidence: z.boolean() }),
});
export type IndicatorsPage = z.infer<typeof indicatorsPage>;

export const recordsView = z.object({
  indicatorId: z.uuid(),
  source: z.string(),
  from: z.string(),
  to: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The caller may not see the records of this source: the figure stands, the list is not shown. */
  restricted: z.boolean(),
});
export type RecordsView = z.infer<typeof recordsView>;
