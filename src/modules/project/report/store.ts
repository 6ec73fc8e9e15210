/** The progress reports' queries: reports, their sections, and the snapshots a report can take its values from. */
import type { Insertable } from 'kysely';
import type { ProjectReportSectionTable, ProjectReportTable } from '../../../db/tables/project-reports.ts';
import type { Db } from '../../../kernel/db.ts';

const REPORT_COLUMNS = [
  'id',
  'projectId',
  'title',
  'kind',
  'periodFrom',
  'periodTo',
  'status',
  'snapshotId',
  'facts',
  'createdByName',
  'createdAt',
  'finalisedAt',
  'finalisedByName',
] as const;

export function reportsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectReport')
    .select(['id', 'title', 'kind', 'periodFrom', 'periodTo', 'status', 'createdAt', 'createdByName'])
    .where('projectId', '=', projectId)
    .orderBy('periodTo', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

export function findReport(db: Db, id: string) {
  return db.selectFrom('projectReport').select(REPORT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The report, locked while a section is written or it is made final. */
export function lockReport(db: Db, id: string) {
  return db
    .selectFrom('projectReport')
    .select(REPORT_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertReport(
  db: Db,
  row: Insertable<ProjectReportTable>,
  sections: Insertable<ProjectReportSectionTable>[],
) {
  await db.insertInto('projectReport').values(row).execute();
  if (sections.length > 0) await db.insertInto('projectReportSection').values(sections).execute();
}

export function sectionsOf(db: Db, reportId: string) {
  return db
    .selectFrom('projectReportSection')
    .select(['key', 'heading', 'body', 'updatedByName', 'updatedAt'])
    .where('reportId', '=', reportId)
    .orderBy('position')
    .execute();
}

export function findSection(db: Db, reportId: string, key: string) {
  return db
    .selectFrom('projectReportSection')
    .select(['key', 'heading', 'body', 'updatedByName', 'updatedAt'])
    .where('reportId', '=', reportId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function updateSection(
  db: Db,
  reportId: string,
  key: string,
  row: { body: string; updatedBy: string; updatedByName: string; updatedAt: Date },
) {
  await db
    .updateTable('projectReportSection')
    .set(row)
    .where('reportId', '=', reportId)
    .where('key', '=', key)
    .execute();
}

export async function finaliseReport(db: Db, id: string, at: Date, byName: string) {
  await db
    .updateTable('projectReport')
    .set({ status: 'FINAL', finalisedAt: at, finalisedByName: byName })
    .where('id', '=', id)
    .execute();
}

/** The indicators' snapshots of a project, the latest first. */
export function snapshotsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectIndicatorSnapshot')
    .select(['id', 'label', 'periodFrom', 'periodTo', 'takenAt'])
    .where('projectId', '=', projectId)
    .orderBy('periodTo', 'desc')
    .orderBy('takenAt', 'desc')
    .execute();
}
