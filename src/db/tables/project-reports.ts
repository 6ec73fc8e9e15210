/** The project's progress reports: the facts assembled when the draft was made, and the editable sections. */
import type { ColumnType } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type ReportKind = 'INTERMEDIATE' | 'FINAL';
export type ReportStatus = 'DRAFT' | 'FINAL';

/** The state of an item in the period, as the report saw it at the period's end. */
export type ReportItemState = 'DONE' | 'LATE' | 'AHEAD' | 'ON_TIME' | 'CANCELLED';

/** What the server assembled for the report: frozen with it, the same numbers however the plan changes later. */
export type ReportFacts = {
  project: {
    code: string;
    acronym: string;
    title: string;
    cup: string | null;
    programme: string;
    /** The lead beneficiary (capofila); absent from the reports made before it was kept with the facts. */
    lead?: string | null;
  };
  /** The day the items' state is read on: the period's end, or the day of the draft if that came first. */
  asOf: LegalDay;
  packages: {
    code: string;
    title: string;
    items: {
      kind: 'ACTIVITY' | 'DELIVERABLE' | 'MILESTONE';
      code: string;
      title: string;
      plannedStart: LegalDay;
      plannedEnd: LegalDay;
      actualStart: LegalDay | null;
      actualEnd: LegalDay | null;
      state: ReportItemState;
      /** Days late (LATE, or DONE after the planned end) or ahead (AHEAD); 0 otherwise. */
      days: number;
    }[];
    notes: { month: string; text: string; authorName: string }[];
  }[];
  snapshot: {
    label: string;
    from: LegalDay;
    to: LegalDay;
    takenAt: string;
    values: {
      code: string;
      name: string;
      unit: string;
      target: number;
      value: number | null;
      share: number | null;
    }[];
  } | null;
};

type Json<T> = ColumnType<T, string, never>;

export type ProjectReportTable = {
  id: string;
  projectId: string;
  title: string;
  kind: ReportKind;
  periodFrom: LegalDay;
  periodTo: LegalDay;
  status: ReportStatus;
  snapshotId: string | null;
  facts: Json<ReportFacts>;
  createdBy: string;
  createdByName: string;
  createdAt: Instant;
  finalisedAt: NullableInstant;
  finalisedByName: string | null;
};

/** One editable section of a report: plain text in paragraphs, with who wrote it last and when. */
export type ProjectReportSectionTable = {
  reportId: string;
  key: string;
  position: number;
  heading: string;
  body: string;
  updatedBy: string;
  updatedByName: string;
  updatedAt: Instant;
};

export type ProjectReportTables = {
  projectReport: ProjectReportTable;
  projectReportSection: ProjectReportSectionTable;
};
