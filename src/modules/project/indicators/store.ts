/** The queries of the project's indicators: definitions, manual values, snapshots and their frozen values. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  ProjectIndicatorEvidenceTable,
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

function values(db: Db) {
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
    .orderBy('v.measuredOn', 'desc')
    .orderBy('v.recordedAt', 'desc');
}

export function valuesOf(db: Db, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([]);
  return values(db).where('v.indicatorId', 'in', indicatorIds).execute();
}

export function valuesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return values(db).where('v.id', 'in', ids).execute();
}

/** The value, locked against a concurrent change of its evidence or a snapshot taking it. */
export function lockValue(db: Db, id: string) {
  return db
    .selectFrom('projectIndicatorValue')
    .select(['id', 'indicatorId', 'note'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The values a snapshot freezes, held while it is written: their evidence cannot change meanwhile. */
export async function holdValues(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.selectFrom('projectIndicatorValue').select('id').where('id', 'in', ids).forShare().execute();
}

/** Whether a snapshot took the value: its evidence is then kept as it is. */
export async function isFrozen(db: Db, valueId: string): Promise<boolean> {
  const found = await db
    .selectFrom('projectIndicatorSnapshotValue')
    .select('snapshotId')
    .where(sql<boolean>`parameters -> 'manualValueIds' @> to_jsonb(${valueId}::text)`)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

export function evidenceOf(db: Db, valueIds: readonly string[]) {
  if (valueIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectIndicatorEvidence')
    .select(['id', 'valueId', 'sha256', 'size', 'mediaType', 'fileName', 'uploadedAt'])
    .where('valueId', 'in', valueIds)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export function findEvidence(db: Db, valueId: string, id: string) {
  return db
    .selectFrom('projectIndicatorEvidence')
    .select(['id', 'valueId', 'sha256', 'size', 'mediaType', 'fileName'])
    .where('valueId', '=', valueId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEvidence(db: Db, rows: readonly Insertable<ProjectIndicatorEvidenceTable>[]) {
  if (rows.length > 0) await db.insertInto('projectIndicatorEvidence').values(rows).execute();
}

export async function deleteEvidence(db: Db, valueId: string, id: string) {
  await db
    .deleteFrom('projectIndicatorEvidence')
    .where('valueId', '=', valueId)
    .where('id', '=', id)
    .execute();
}

/** Among some stored files, those given as evidence of a manual value: the orphan sweeper keeps them. */
export async function storedEvidenceFiles(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('projectIndicatorEvidence')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
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
