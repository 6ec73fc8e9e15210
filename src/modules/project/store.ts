/** The project management's queries: projects, partners, work packages, their items and monthly notes. */
import type { Insertable, Updateable } from 'kysely';
import type {
  ProjectItemTable,
  ProjectNoteAttachmentTable,
  ProjectPartnerTable,
  ProjectProgressNoteTable,
  ProjectTable,
  ProjectWorkPackageTable,
} from '../../db/tables/project.ts';
import type { Db } from '../../kernel/db.ts';

const PROJECT_COLUMNS = [
  'id',
  'code',
  'acronym',
  'title',
  'programme',
  'objective',
  'cup',
  'startsOn',
  'endsOn',
] as const;

export function listProjects(db: Db) {
  return db
    .selectFrom('project')
    .select(PROJECT_COLUMNS)
    .orderBy('startsOn', 'desc')
    .orderBy('code')
    .execute();
}

export function findProject(db: Db, id: string) {
  return db.selectFrom('project').select(PROJECT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The project, locked against a concurrent change of its period while its plan is written. */
export function lockProject(db: Db, id: string) {
  return db.selectFrom('project').select(PROJECT_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function projectByCode(db: Db, code: string) {
  return db.selectFrom('project').select('id').where('code', '=', code).executeTakeFirst();
}

export async function insertProject(db: Db, row: Insertable<ProjectTable>) {
  await db.insertInto('project').values(row).execute();
}

export async function updateProject(db: Db, id: string, row: Updateable<ProjectTable>) {
  await db.updateTable('project').set(row).where('id', '=', id).execute();
}

/** The earliest and latest planned day of a project's items: its period may not shrink past them. */
export function plannedSpan(db: Db, projectId: string) {
  return db
    .selectFrom('projectItem as i')
    .innerJoin('projectWorkPackage as w', 'w.id', 'i.workPackageId')
    .select(({ fn }) => [fn.min('i.plannedStart').as('first'), fn.max('i.plannedEnd').as('last')])
    .where('w.projectId', '=', projectId)
    .executeTakeFirstOrThrow();
}

/** The partners of some projects with their names, the lead first. */
export function partnersOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectPartner as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisationId')
    .select(['p.projectId', 'p.organisationId', 'o.name', 'p.role', 'p.tasks'])
    .where('p.projectId', 'in', projectIds)
    .orderBy('p.role')
    .orderBy('o.name')
    .execute();
}

/** An organisation's name, if it exists (the organisations are the directory's reference data). */
export async function organisationName(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export async function upsertPartner(db: Db, row: ProjectPartnerTable) {
  await db
    .insertInto('projectPartner')
    .values(row)
    .onConflict((c) =>
      c.columns(['projectId', 'organisationId']).doUpdateSet({ role: row.role, tasks: row.tasks }),
    )
    .execute();
}

export function removePartner(db: Db, projectId: string, organisationId: string) {
  return db
    .deleteFrom('projectPartner')
    .where('projectId', '=', projectId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

/** One partner of a project with its name, as the audit trail records it before a change. */
export function findPartner(db: Db, projectId: string, organisationId: string) {
  return db
    .selectFrom('projectPartner as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisationId')
    .select(['o.name as partner', 'p.role', 'p.tasks'])
    .where('p.projectId', '=', projectId)
    .where('p.organisationId', '=', organisationId)
    .executeTakeFirst();
}

export function leadOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectPartner')
    .select('organisationId')
    .where('projectId', '=', projectId)
    .where('role', '=', 'LEAD')
    .executeTakeFirst();
}

export function workPackagesOf(db: Db, projectId: string) {
  return db
    .selectFrom('projectWorkPackage as w')
    .leftJoin('organisation as o', 'o.id', 'w.leadOrganisationId')
    .select([
      'w.id',
      'w.projectId',
      'w.code',
      'w.title',
      'w.description',
      'w.leadOrganisationId',
      'o.name as lead',
    ])
    .where('w.projectId', '=', projectId)
    .orderBy('w.code')
    .execute();
}

/** How many work packages each project has. */
export function workPackageCounts(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectWorkPackage')
    .select(({ fn }) => ['projectId', fn.countAll<string>().as('count')])
    .where('projectId', 'in', projectIds)
    .groupBy('projectId')
    .execute();
}

export function findWorkPackage(db: Db, id: string) {
  return db
    .selectFrom('projectWorkPackage')
    .select(['id', 'projectId', 'code', 'title', 'description', 'leadOrganisationId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function workPackageByCode(db: Db, projectId: string, code: string) {
  return db
    .selectFrom('projectWorkPackage')
    .select('id')
    .where('projectId', '=', projectId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertWorkPackage(db: Db, row: Insertable<ProjectWorkPackageTable>) {
  await db.insertInto('projectWorkPackage').values(row).execute();
}

export async function updateWorkPackage(db: Db, id: string, row: Updateable<ProjectWorkPackageTable>) {
  await db.updateTable('projectWorkPackage').set(row).where('id', '=', id).execute();
}

const ITEM_COLUMNS = [
  'id',
  'workPackageId',
  'kind',
  'code',
  'title',
  'owner',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'status',
  'risks',
  'mitigation',
] as const;

export function itemsOf(db: Db, workPackageIds: readonly string[]) {
  if (workPackageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectItem')
    .select(ITEM_COLUMNS)
    .where('workPackageId', 'in', workPackageIds)
    .orderBy('plannedStart')
    .orderBy('code')
    .execute();
}

/** The items of many projects at once, with their project: for the list's count of late items. */
export function itemsOfProjects(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectItem as i')
    .innerJoin('projectWorkPackage as w', 'w.id', 'i.workPackageId')
    .select([
      'w.projectId',
      'i.kind',
      'i.status',
      'i.plannedStart',
      'i.plannedEnd',
      'i.actualStart',
      'i.actualEnd',
    ])
    .where('w.projectId', 'in', projectIds)
    .execute();
}

export function findItem(db: Db, id: string) {
  return db.selectFrom('projectItem').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function itemByCode(db: Db, workPackageId: string, code: string) {
  return db
    .selectFrom('projectItem')
    .select('id')
    .where('workPackageId', '=', workPackageId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertItem(db: Db, row: Insertable<ProjectItemTable>) {
  await db.insertInto('projectItem').values(row).execute();
}

export async function updateItem(db: Db, id: string, row: Updateable<ProjectItemTable>) {
  await db.updateTable('projectItem').set(row).where('id', '=', id).execute();
}

export function deleteItem(db: Db, id: string) {
  return db.deleteFrom('projectItem').where('id', '=', id).executeTakeFirst();
}

export function notesOf(db: Db, workPackageIds: readonly string[]) {
  if (workPackageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectProgressNote')
    .select(['id', 'workPackageId', 'month', 'text', 'authorName', 'updatedAt'])
    .where('workPackageId', 'in', workPackageIds)
    .orderBy('month', 'desc')
    .execute();
}

export function findNote(db: Db, workPackageId: string, month: string) {
  return db
    .selectFrom('projectProgressNote')
    .select(['id', 'text', 'authorName'])
    .where('workPackageId', '=', workPackageId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** Writes a package's note for a month: the first one, or the new text of the month's note. */
export async function upsertNote(db: Db, row: Insertable<ProjectProgressNoteTable>) {
  await db
    .insertInto('projectProgressNote')
    .values(row)
    .onConflict((c) =>
      c.columns(['workPackageId', 'month']).doUpdateSet({
        text: row.text,
        authorId: row.authorId,
        authorName: row.authorName,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

/** A package's note of a month, locked while a file is attached to it or removed from it. */
export function lockNote(db: Db, noteId: string) {
  return db
    .selectFrom('projectProgressNote as n')
    .innerJoin('projectWorkPackage as w', 'w.id', 'n.workPackageId')
    .select(['n.id', 'n.month', 'n.workPackageId', 'w.projectId', 'w.code'])
    .where('n.id', '=', noteId)
    .forUpdate('n')
    .executeTakeFirst();
}

export function insertNoteAttachment(db: Db, row: Insertable<ProjectNoteAttachmentTable>) {
  return db.insertInto('projectNoteAttachment').values(row).execute();
}

/** The files of some notes, oldest first. */
export function attachmentsOfNotes(db: Db, noteIds: readonly string[]) {
  if (noteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projectNoteAttachment')
    .select(['id', 'noteId', 'sha256', 'size', 'mediaType', 'fileName', 'uploadedAt'])
    .where('noteId', 'in', noteIds)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export function findNoteAttachment(db: Db, noteId: string, id: string) {
  return db
    .selectFrom('projectNoteAttachment')
    .select(['id', 'noteId', 'sha256', 'size', 'mediaType', 'fileName'])
    .where('noteId', '=', noteId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function deleteNoteAttachment(db: Db, noteId: string, id: string) {
  return db
    .deleteFrom('projectNoteAttachment')
    .where('noteId', '=', noteId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Among `sha256s`, the files attached to some progress note. */
export async function storedNoteFiles(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('projectNoteAttachment')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}
