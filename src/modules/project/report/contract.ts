/**
 * The progress report API: a report per project and period, its draft assembled from the plan, the monthly notes
 * and an indicators' snapshot; its sections edited as plain text until the report is final.
 */
import { z } from 'zod';
import { legalDay, refuseUnsafeText, text } from '../../../kernel/contract.ts';

export const REPORT_KINDS = { INTERMEDIATE: 'Intermedia', FINAL: 'Finale' } as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export const REPORT_STATUSES = { DRAFT: 'Bozza', FINAL: 'Definitiva' } as const;

/** The longest text of one section: some pages, not a book. */
export const SECTION_MAX = 20_000;

export const reportInput = z.object({
  title: text(200),
  kind: z.enum(['INTERMEDIATE', 'FINAL'], 'Scegliere il tipo dall’elenco'),
  from: legalDay,
  to: legalDay,
  snapshotId: z.uuid('Scegliere una rilevazione dall’elenco').nullable().optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

export const sectionInput = z.object({
  body: refuseUnsafeText(
    z.string('Campo obbligatorio').trim().max(SECTION_MAX, `Al massimo ${SECTION_MAX} caratteri`),
    true,
  ),
});
export type SectionInput = z.infer<typeof sectionInput>;

export const sectionKey = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const reportSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(['INTERMEDIATE', 'FINAL']),
  from: z.string(),
  to: z.string(),
  status: z.enum(['DRAFT', 'FINAL']),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type ReportSummary = z.infer<typeof reportSummary>;

const itemFact = z.object({
  kind: z.enum(['ACTIVITY', 'DELIVERABLE', 'MILESTONE']),
  code: z.string(),
  title: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  state: z.enum(['DONE', 'LATE', 'AHEAD', 'ON_TIME', 'CANCELLED']),
  days: z.number().int(),
});

export const reportFacts = z.object({
  project: z.object({
    code: z.string(),
    acronym: z.string(),
    title: z.string(),
    cup: z.string().nullable(),
    programme: z.string(),
    lead: z.string().nullable().optional(),
  }),
  asOf: z.string(),
  packages: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      items: z.array(itemFact),
      notes: z.array(z.object({ month: z.string(), text: z.string(), authorName: z.string() })),
    }),
  ),
  snapshot: z
    .object({
      label: z.string(),
      from: z.string(),
      to: z.string(),
      takenAt: z.string(),
      values: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          unit: z.string(),
          target: z.number(),
          value: z.number().nullable(),
          share: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
});

export const sectionView = z.object({
  key: z.string(),
  heading: z.string(),
  body: z.string(),
  updatedByName: z.string(),
  updatedAt: z.string(),
});
export type SectionView = z.infer<typeof sectionView>;

export const reportView = reportSummary.extend({
  projectId: z.uuid(),
  finalisedAt: z.string().nullable(),
  finalisedByName: z.string().nullable(),
  facts: reportFacts,
  sections: z.array(sectionView),
  can: z.object({ edit: z.boolean() }),
});
export type ReportView = z.infer<typeof reportView>;

export const reportList = z.object({
  project: z.object({ id: z.uuid(), acronym: z.string(), startsOn: z.string(), endsOn: z.string() }),
  reports: z.array(reportSummary),
  snapshots: z.array(z.object({ id: z.uuid(), label: z.string(), from: z.string(), to: z.string() })),
  can: z.object({ manage: z.boolean() }),
});
export type ReportList = z.infer<typeof reportList>;
