/** The queries of the project's indicators: definitions, manual values, snapshots and their frozen values. */
import type { Insertable, Updateable } from 'kysely';
import type {
  ProjectIndicatorSnapshotTable,
  ProjectIndicatorTable,
  ProjectIndicatorValueTable,
} from '../../../db/tables/project-indicators.ts';
import type { Db } from '../../../kernel/db.ts';

export function findProject(db: Db, id: string) {
  return db
    .selectFrom('project')
    .select(['id', 'acronym', 'title', 'startsOn', 'endsOn'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function workPackagesOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectWorkPackage')
    .select(['id', 'code', 'title'])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .execute();
}

const INDICATOR_COLUMNS = [
  'i.id',
  'i.projectId',
  'i.code',
  'i.name',
  'i.kind',
  'i.unit',
  'i.baseline',
  'i.target',
  'i.workPackageId',
  'w.code as workPackage',
  'i.source',
  'i.version',
] as const;

export function indicatorsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectIndicator as i')
    .leftJoin('projectWorkPackage as w', 'w.id', 'i.workPackageId')
    .select(INDICATOR_COLUMNS)
    .where('i.projectId', '=', projectId)
    .orderBy('i.code')
    .execute();
}

export function findIndicator(db: Db, id: string) {
  return db
    .selectFrom('projectIndicator as i')
    .leftJoin('projectWorkPackage as w', 'w.id', 'i.workPackageId')
    .select(INDICATOR_COLUMNS)
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** The definition, locked against a concurrent change while its next version is written. */
export function lockIndicator(db: Db, id: string) {
  return db.selectFrom('projectIndicator').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function indicatorByCode(db: Db, projectId: string, code: string) {
  return db
    .selectFrom('projectIndicator')
    .select('id')
    .where('projectId', '=', projectId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertIndicator(db: Db, row: Insertable<ProjectIndicatorTable>) {
  await db.insertInto('projectIndicator').values(row).execute();
}

export async function updateIndicator(db: Db, id: string, row: Updateable<ProjectIndicatorTable>) {
  await db.updateTable('projectIndicator').set(row).where('id', '=', id).execute();
}

export function valuesOf(db: Db, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectIndicatorValue as v')
    .innerJoin('appUser as u', 'u.id', 'v.recordedBy')
    .select([
      'v.id',
      'v.indicatorId',
      'v.value',
      'v.measuredOn',
      'v.note',
      'v.recordedAt',
      'u.givenName',
      'u.familyName',
    ])
    .where('v.indicatorId', 'in', indicatorIds)
    .orderBy('v.measuredOn', 'desc')
    .orderBy('v.recordedAt', 'desc')
    .execute();
}

export async function insertValue(db: Db, row: Insertable<ProjectIndicatorValueTable>) {
  await db.insertInto('projectIndicatorValue').values(row).execute();
}

export function snapshotsOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectIndicatorSnapshot as s')
    .innerJoin('appUser as u', 'u.id', 's.takenBy')
    .select(['s.id', 's.label', 's.periodFrom', 's.periodTo', 's.takenAt', 'u.givenName', 'u.familyName'])
    .where('s.projectId', '=', projectId)
    .orderBy('s.periodTo', 'desc')
    .orderBy('s.takenAt', 'desc')
    .execute();
}

export function findSnapshot(db: Db, id: string) {
  return db
    .selectFrom('projectIndicatorSnapshot as s')
    .innerJoin('appUser as u', 'u.id', 's.takenBy')
    .select([
      's.id',
      's.projectId',
      's.label',
      's.periodFrom',
      's.periodTo',
      's.takenAt',
      'u.givenName',
      'u.familyName',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function snapshotValuesOf(db: Db, snapshotIds: readonly string[]) {
  if (snapshotIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectIndicatorSnapshotValue')
    .selectAll()
    .where('snapshotId', 'in', snapshotIds)
    .execute();
}

export async function insertSnapshot(
  db: Db,
  row: Insertable<ProjectIndicatorSnapshotTable>,
  values: readonly {
    indicatorId: string;
    definitionVersion: number;
    definition: string;
    value: number | null;
    parameters: string;
    computedAt: Date;
  }[],
) {
  await db.insertInto('projectIndicatorSnapshot').values(row).execute();
  if (values.length > 0)
    await db
      .insertInto('projectIndicatorSnapshotValue')
      .values(values.map((value) => ({ snapshotId: row.id, ...value })))
      .execute();
}
