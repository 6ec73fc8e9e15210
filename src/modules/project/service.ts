/**
 * Use cases of the project plan: the project manager sets up a project, its partners and work packages; the
 * manager and the WP supervisor keep the activities, deliverables and milestones up to date; the supervisor
 * writes each package's monthly progress note. The supervisor and the auditor read everything.
 */
import { attachedFile, openAttachedFile } from '../../kernel/attachments.ts';
import { type Caller, hasPermission } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import type { StagedFile } from '../../kernel/files.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import { actorOf, today } from './callers.ts';
import type {
  ItemInput,
  ItemView,
  NoteAttachmentView,
  NoteInput,
  PartnerInput,
  ProjectInput,
  ProjectSummary,
  ProjectView,
  WorkPackageInput,
} from './contract.ts';
import { itemFaults, monthStart, type Period, progressOf, workPackageCode } from './rules.ts';
import * as store from './store.ts';
import { timelineSvg } from './timeline.tsx';

export const PROJECT_NOT_FOUND = 'Il progetto non esiste.';
const PACKAGE_NOT_FOUND = 'Il work package non esiste.';
const ITEM_NOT_FOUND = 'L’attività non esiste.';

function periodFaults(input: Pick<ProjectInput, 'startsOn' | 'endsOn'>) {
  return input.endsOn <= input.startsOn
    ? [{ path: 'endsOn', message: 'La fine del progetto deve seguire l’inizio' }]
    : [];
}

export async function listProjects(platform: Platform): Promise<ProjectSummary[]> {
  const db = platform.database.db;
  const projects = await store.listProjects(db);
  const ids = projects.map((p) => p.id);
  const [partners, items, counts] = await Promise.all([
    store.partnersOf(db, ids),
    store.itemsOfProjects(db, ids),
    store.workPackageCounts(db, ids),
  ]);
  const day = today(platform);
  return projects.map((project) => ({
    ...project,
    lead: partners.find((p) => p.projectId === project.id && p.role === 'LEAD')?.name ?? null,
    workPackages: Number(counts.find((c) => c.projectId === project.id)?.count ?? 0),
    lateItems: items.filter((i) => i.projectId === project.id && progressOf(i, day).state === 'LATE').length,
  }));
}

function itemOut(row: Awaited<ReturnType<typeof store.itemsOf>>[number], day: string): ItemView {
  const progress = progressOf(row, day);
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    title: row.title,
    owner: row.owner,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    status: row.status,
    risks: row.risks,
    mitigation: row.mitigation,
    progress: progress.state,
    lateDays: progress.lateDays,
  };
}

export async function getProject(platform: Platform, caller: Caller, id: string): Promise<ProjectView> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const project = await store.findProject(db, id);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const [partners, packages] = await Promise.all([store.partnersOf(db, [id]), store.workPackagesOf(db, id)]);
  const packageIds = packages.map((p) => p.id);
  const [items, notes] = await Promise.all([store.itemsOf(db, packageIds), store.notesOf(db, packageIds)]);
  const attachments = await store.attachmentsOfNotes(
    db,
    notes.map((n) => n.id),
  );
  const day = today(platform);
  const views = items.map((item) => ({ workPackageId: item.workPackageId, view: itemOut(item, day) }));
  return {
    ...project,
    lead: partners.find((p) => p.role === 'LEAD')?.name ?? null,
    partners: partners.map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      role: p.role,
      tasks: p.tasks,
    })),
    lateItems: views.filter((v) => v.view.progress === 'LATE').length,
    workPackages: packages.map((wp) => ({
      id: wp.id,
      code: wp.code,
      title: wp.title,
      description: wp.description,
      leadOrganisationId: wp.leadOrganisationId,
      lead: wp.lead,
      items: views.filter((v) => v.workPackageId === wp.id).map((v) => v.view),
      notes: notes
        .filter((n) => n.workPackageId === wp.id)
        .map((n) => ({
          id: n.id,
          month: n.month.slice(0, 7),
          text: n.text,
          authorName: n.authorName,
          updatedAt: n.updatedAt.toISOString(),
          attachments: attachments.filter((f) => f.noteId === n.id).map(attachmentOut),
        })),
    })),
    can: {
      manage: hasPermission(actor, 'project.manage'),
      plan: hasPermission(actor, 'project.plan.manage'),
      note: hasPermission(actor, 'project.notes.write'),
    },
  };
}

function attachmentOut(row: {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
  uploadedAt: Date;
}): NoteAttachmentView {
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mediaType: row.mediaType as NoteAttachmentView['mediaType'],
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

export async function projectTimeline(platform: Platform, id: string): Promise<string> {
  const db = platform.database.db;
  const project = await store.findProject(db, id);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const packages = await store.workPackagesOf(db, id);
  const items = await store.itemsOf(
    db,
    packages.map((p) => p.id),
  );
  return timelineSvg(
    {
      acronym: project.acronym,
      startsOn: project.startsOn,
      endsOn: project.endsOn,
      packages: packages.map((wp) => ({
        code: wp.code,
        title: wp.title,
        items: items.filter((i) => i.workPackageId === wp.id),
      })),
    },
    today(platform),
  );
}

export async function createProject(platform: Platform, caller: Caller, input: ProjectInput) {
  const faults = periodFaults(input);
  if (faults.length > 0) throw new Invalid(faults);
  const now = platform.clock.now();
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (await store.projectByCode(unit.db, input.code))
      throw new Conflict(`Esiste già un progetto con il codice ${input.code}.`);
    const row = { id, ...input, cup: input.cup ?? null, createdAt: now, updatedAt: now };
    await store.insertProject(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.project.create',
      entityType: 'project',
      entityId: id,
      before: null,
      after: { ...input },
    });
  });
  return getProject(platform, caller, id);
}

export async function updateProject(platform: Platform, caller: Caller, id: string, input: ProjectInput) {
  const faults = periodFaults(input);
  if (faults.length > 0) throw new Invalid(faults);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockProject(unit.db, id);
    if (!before) throw new NotFound(PROJECT_NOT_FOUND);
    if (input.code !== before.code && (await store.projectByCode(unit.db, input.code)))
      throw new Conflict(`Esiste già un progetto con il codice ${input.code}.`);
    const span = await store.plannedSpan(unit.db, id);
    const shrinks = [
      ...(span.first !== null && input.startsOn > span.first
        ? [
            {
              path: 'startsOn',
              message: 'Alcune attività sono previste prima di questa data: spostarle prima',
            },
          ]
        : []),
      ...(span.last !== null && input.endsOn < span.last
        ? [{ path: 'endsOn', message: 'Alcune attività sono previste dopo questa data: spostarle prima' }]
        : []),
    ];
    if (shrinks.length > 0) throw new Invalid(shrinks);
    await store.updateProject(unit.db, id, {
      ...input,
      cup: input.cup ?? null,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.project.update',
      entityType: 'project',
      entityId: id,
      before,
      after: { ...before, ...input, cup: input.cup ?? null },
    });
  });
  return getProject(platform, caller, id);
}

export async function setPartner(platform: Platform, caller: Caller, projectId: string, input: PartnerInput) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockProject(unit.db, projectId))) throw new NotFound(PROJECT_NOT_FOUND);
    const name = await store.organisationName(unit.db, input.organisationId);
    if (name === null)
      throw new Invalid([{ path: 'organisationId', message: 'Scegliere un ente dall’elenco' }]);
    const lead = await store.leadOf(unit.db, projectId);
    if (input.role === 'LEAD' && lead && lead.organisationId !== input.organisationId) {
      const leadName = await store.organisationName(unit.db, lead.organisationId);
      throw new Conflict(`Il progetto ha già un capofila (${leadName}): indicarlo prima come partner.`);
    }
    const before = await store.findPartner(unit.db, projectId, input.organisationId);
    await store.upsertPartner(unit.db, { projectId, ...input, tasks: input.tasks ?? null });
    await unit.audit({
      kind: 'change',
      action: 'project.partner.set',
      entityType: 'project',
      entityId: projectId,
      before: before ?? null,
      after: { partner: name, role: input.role, tasks: input.tasks ?? null },
    });
  });
  return getProject(platform, caller, projectId);
}

export async function removePartner(
  platform: Platform,
  caller: Caller,
  projectId: string,
  organisationId: string,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockProject(unit.db, projectId))) throw new NotFound(PROJECT_NOT_FOUND);
    const before = await store.findPartner(unit.db, projectId, organisationId);
    if (!before) throw new NotFound('L’ente non è partner del progetto.');
    await store.removePartner(unit.db, projectId, organisationId);
    await unit.audit({
      kind: 'change',
      action: 'project.partner.remove',
      entityType: 'project',
      entityId: projectId,
      before,
      after: null,
    });
  });
  return getProject(platform, caller, projectId);
}

async function checkedLead(db: Db, input: WorkPackageInput) {
  if (input.leadOrganisationId && (await store.organisationName(db, input.leadOrganisationId)) === null)
    throw new Invalid([{ path: 'leadOrganisationId', message: 'Scegliere un ente dall’elenco' }]);
}

export async function createWorkPackage(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: WorkPackageInput,
) {
  const code = workPackageCode(input.code);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockProject(unit.db, projectId))) throw new NotFound(PROJECT_NOT_FOUND);
    await checkedLead(unit.db, input);
    if (await store.workPackageByCode(unit.db, projectId, code))
      throw new Conflict(`Il progetto ha già un ${code}.`);
    const id = newId();
    const row = {
      id,
      projectId,
      code,
      title: input.title,
      description: input.description ?? null,
      leadOrganisationId: input.leadOrganisationId ?? null,
      createdAt: platform.clock.now(),
    };
    await store.insertWorkPackage(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.work-package.create',
      entityType: 'project_work_package',
      entityId: id,
      before: null,
      after: {
        projectId,
        code,
        title: row.title,
        description: row.description,
        lead: row.leadOrganisationId,
      },
    });
  });
  return getProject(platform, caller, projectId);
}

export async function updateWorkPackage(
  platform: Platform,
  caller: Caller,
  id: string,
  input: WorkPackageInput,
) {
  const code = workPackageCode(input.code);
  const projectId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findWorkPackage(unit.db, id);
    if (!before) throw new NotFound(PACKAGE_NOT_FOUND);
    await store.lockProject(unit.db, before.projectId);
    await checkedLead(unit.db, input);
    const other = await store.workPackageByCode(unit.db, before.projectId, code);
    if (other && other.id !== id) throw new Conflict(`Il progetto ha già un ${code}.`);
    const after = {
      code,
      title: input.title,
      description: input.description ?? null,
      leadOrganisationId: input.leadOrganisationId ?? null,
    };
    await store.updateWorkPackage(unit.db, id, after);
    await unit.audit({
      kind: 'change',
      action: 'project.work-package.update',
      entityType: 'project_work_package',
      entityId: id,
      before,
      after: { ...before, ...after },
    });
    return before.projectId;
  });
  return getProject(platform, caller, projectId);
}

function checkItem(input: ItemInput, project: Period, day: string) {
  const faults = itemFaults(
    { ...input, actualStart: input.actualStart ?? null, actualEnd: input.actualEnd ?? null },
    project,
    day,
  );
  if (faults.length > 0) throw new Invalid(faults);
}

const itemRow = (input: ItemInput) => ({
  kind: input.kind,
  code: input.code,
  title: input.title,
  owner: input.owner ?? null,
  plannedStart: input.plannedStart,
  plannedEnd: input.plannedEnd,
  actualStart: input.actualStart ?? null,
  actualEnd: input.actualEnd ?? null,
  status: input.status,
  risks: input.risks ?? null,
  mitigation: input.mitigation ?? null,
});

/** The package and its project, the project locked: an item's dates are checked against a period that holds. */
async function lockedPackage(db: Db, workPackageId: string) {
  const wp = await store.findWorkPackage(db, workPackageId);
  if (!wp) throw new NotFound(PACKAGE_NOT_FOUND);
  const project = await store.lockProject(db, wp.projectId);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  return { wp, project };
}

export async function createItem(
  platform: Platform,
  caller: Caller,
  workPackageId: string,
  input: ItemInput,
) {
  const projectId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { wp, project } = await lockedPackage(unit.db, workPackageId);
    checkItem(input, project, today(platform));
    if (await store.itemByCode(unit.db, workPackageId, input.code))
      throw new Conflict(`${wp.code} ha già una voce con il codice ${input.code}.`);
    const id = newId();
    const row = { id, workPackageId, ...itemRow(input), updatedAt: platform.clock.now() };
    await store.insertItem(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.item.create',
      entityType: 'project_item',
      entityId: id,
      before: null,
      after: { workPackage: wp.code, ...itemRow(input) },
    });
    return wp.projectId;
  });
  return getProject(platform, caller, projectId);
}

export async function updateItem(platform: Platform, caller: Caller, id: string, input: ItemInput) {
  const projectId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findItem(unit.db, id);
    if (!before) throw new NotFound(ITEM_NOT_FOUND);
    const { wp, project } = await lockedPackage(unit.db, before.workPackageId);
    checkItem(input, project, today(platform));
    const other = await store.itemByCode(unit.db, wp.id, input.code);
    if (other && other.id !== id)
      throw new Conflict(`${wp.code} ha già una voce con il codice ${input.code}.`);
    await store.updateItem(unit.db, id, { ...itemRow(input), updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'project.item.update',
      entityType: 'project_item',
      entityId: id,
      before,
      after: { ...before, ...itemRow(input) },
    });
    return wp.projectId;
  });
  return getProject(platform, caller, projectId);
}

export async function deleteItem(platform: Platform, caller: Caller, id: string) {
  const projectId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findItem(unit.db, id);
    if (!before) throw new NotFound(ITEM_NOT_FOUND);
    const { wp } = await lockedPackage(unit.db, before.workPackageId);
    if (before.status !== 'PLANNED')
      throw new Conflict(
        'Si può togliere solo una voce non ancora iniziata: le altre si segnano come annullate.',
      );
    await store.deleteItem(unit.db, id);
    await unit.audit({
      kind: 'change',
      action: 'project.item.delete',
      entityType: 'project_item',
      entityId: id,
      before,
      after: null,
    });
    return wp.projectId;
  });
  return getProject(platform, caller, projectId);
}

export async function writeNote(platform: Platform, caller: Caller, workPackageId: string, input: NoteInput) {
  const actor = actorOf(caller);
  const month = monthStart(input.month);
  const projectId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { wp, project } = await lockedPackage(unit.db, workPackageId);
    const current = today(platform).slice(0, 7);
    const faults = [
      ...(input.month > current
        ? [{ path: 'month', message: 'Non si scrive la nota di un mese non ancora iniziato' }]
        : []),
      ...(month > project.endsOn || input.month < project.startsOn.slice(0, 7)
        ? [{ path: 'month', message: 'Il mese deve cadere nel periodo del progetto' }]
        : []),
    ];
    if (faults.length > 0) throw new Invalid(faults);
    const before = await store.findNote(unit.db, workPackageId, month);
    await store.upsertNote(unit.db, {
      id: newId(),
      workPackageId,
      month,
      text: input.text,
      authorId: actor.userId,
      authorName: `${actor.givenName} ${actor.familyName}`,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: before ? 'project.note.update' : 'project.note.create',
      entityType: 'project_work_package',
      entityId: wp.id,
      before: before ? { month: input.month, text: before.text } : null,
      after: { month: input.month, text: input.text },
    });
    return wp.projectId;
  });
  return getProject(platform, caller, projectId);
}

/** At most this many files per monthly note: minutes, photos, a report – not an archive. */
export const NOTE_FILES = 20;
const NOTE_NOT_FOUND = 'La nota mensile non esiste.';
const NOTE_FILE_NOT_FOUND = 'Il file non è allegato a questa nota.';

/** Attaches an uploaded file (PDF, JPEG or PNG, type read from the bytes) to a monthly progress note. */
export async function attachNoteFile(
  platform: Platform,
  caller: Caller,
  noteId: string,
  input: { declaredName: string; file: StagedFile },
): Promise<NoteAttachmentView> {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const note = await store.lockNote(unit.db, noteId);
    if (!note) throw new NotFound(NOTE_NOT_FOUND);
    const present = await store.attachmentsOfNotes(unit.db, [noteId]);
    if (present.length >= NOTE_FILES)
      throw new Conflict(`Una nota mensile può avere al massimo ${NOTE_FILES} allegati.`);
    const row = { id: newId(), noteId, ...attachedFile(input, actor.userId, platform.clock.now()) };
    await store.insertNoteAttachment(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.note.attach',
      entityType: 'project_work_package',
      entityId: note.workPackageId,
      before: null,
      after: { month: note.month.slice(0, 7), fileName: row.fileName, sha256: row.sha256, size: row.size },
    });
    await input.file.keep();
    return attachmentOut(row);
  });
}

/** Removes a file from a note; the stored content goes with the orphan sweep when nothing else refers to it. */
export async function removeNoteFile(
  platform: Platform,
  caller: Caller,
  noteId: string,
  attachmentId: string,
): Promise<void> {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const note = await store.lockNote(unit.db, noteId);
    const row = note ? await store.findNoteAttachment(unit.db, noteId, attachmentId) : undefined;
    if (!note || !row) throw new NotFound(NOTE_FILE_NOT_FOUND);
    await store.deleteNoteAttachment(unit.db, noteId, attachmentId);
    await unit.audit({
      kind: 'change',
      action: 'project.note.detach',
      entityType: 'project_work_package',
      entityId: note.workPackageId,
      before: { month: note.month.slice(0, 7), fileName: row.fileName, sha256: row.sha256 },
      after: null,
    });
  });
}

/** A note's file for download; the read is audited. */
export async function openNoteFile(platform: Platform, caller: Caller, noteId: string, attachmentId: string) {
  const row = await store.findNoteAttachment(platform.database.db, noteId, attachmentId);
  if (!row) throw new NotFound(NOTE_FILE_NOT_FOUND);
  return openAttachedFile(platform, caller, row, {
    entityType: 'project_note_attachment',
    entityId: attachmentId,
    details: { noteId, fileName: row.fileName },
  });
}

/** Among some stored files, those attached to a progress note: the orphan sweeper keeps them. */
export const noteFiles = store.storedNoteFiles;
