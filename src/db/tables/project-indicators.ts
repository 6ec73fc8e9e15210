/** The project's indicators: versioned definitions, manual values with evidence, snapshots per period. */
import type { ColumnType } from 'kysely';
import type { Instant, LegalDay } from '../columns.ts';
import type { ProjectNoteAttachmentTable } from './project.ts';

export type IndicatorKind = 'OUTPUT' | 'RESULT';

export type ProjectIndicatorTable = {
  id: string;
  projectId: string;
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  baseline: number;
  target: number;
  workPackageId: string | null;
  /** A registered source's key, or `MANUAL`. */
  source: string;
  /** Raised by every change of the definition. */
  version: number;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProjectIndicatorValueTable = {
  id: string;
  indicatorId: string;
  value: number;
  measuredOn: LegalDay;
  /** What the value comes from; may be missing when files give the evidence. */
  note: string | null;
  recordedBy: string;
  recordedAt: Instant;
};

/** A file given as evidence of a manual value, described as a monthly note's; never changed once the value is frozen. */
export type ProjectIndicatorEvidenceTable = Omit<ProjectNoteAttachmentTable, 'noteId'> & { valueId: string };

export type ProjectIndicatorSnapshotTable = {
  id: string;
  projectId: string;
  label: string;
  periodFrom: LegalDay;
  periodTo: LegalDay;
  takenAt: Instant;
  takenBy: string;
};

type Json<T> = ColumnType<T, string, never>;

/** The definition as it was when the value was computed. */
export type FrozenDefinition = {
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  baseline: number;
  target: number;
  workPackage: string | null;
  source: string;
};

/** What the value was computed from: the source and period, or the manual values taken. */
export type SnapshotParameters = {
  source: string;
  from: string;
  to: string;
  manualValueIds?: string[];
};

export type ProjectIndicatorSnapshotValueTable = {
  snapshotId: string;
  indicatorId: string;
  definitionVersion: number;
  definition: Json<FrozenDefinition>;
  value: number | null;
  parameters: Json<SnapshotParameters>;
  computedAt: Instant;
};

export type ProjectIndicatorTables = {
  projectIndicator: ProjectIndicatorTable;
  projectIndicatorValue: ProjectIndicatorValueTable;
  projectIndicatorEvidence: ProjectIndicatorEvidenceTable;
  projectIndicatorSnapshot: ProjectIndicatorSnapshotTable;
  projectIndicatorSnapshotValue: ProjectIndicatorSnapshotValueTable;
};
