/**
 * Use cases of the procurement files. The project manager records any partner's files, a partner's contact
 * only their organisation's (and sees only those: another organisation's file answers 404); each file keeps
 * its documents and the expenses paid under it. The legal expert checks a file against the checklist of its
 * kind; a new check supersedes the previous one, and a change of the amount, CIG, kind or procedure of a
 * checked file sends it back to be checked. Every change is audited, and so is every read of a file (an
 * individual assignment names a person).
 */
import { attachedFile, openAttachedFile } from '../../../kernel/attachments.ts';
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf, partnerScope, today } from '../callers.ts';
import * as projectStore from '../store.ts';
import type {
  CheckInput,
  DocumentKind,
  ProcurementInput,
  ProcurementList,
  ProcurementSummary,
  ProcurementView,
} from './contract.ts';
import {
  changesUndoCheck,
  checkFaults,
  checklistFor,
  codeInForce,
  documentRemovalRefusal,
  type FileFields,
  fileFaults,
  fileFlags,
  fileName,
  linkFault,
  thresholdFor,
  thresholdsInForce,
} from './rules.ts';
import * as store from './store.ts';

const PROJECT_NOT_FOUND = 'Il progetto non esiste.';
const FILE_NOT_FOUND = 'La procedura non esiste o non è accessibile.';
const EXPENSE_NOT_FOUND = 'La spesa non esiste o non è accessibile.';

const OTHERS_FILE = 'Si modificano solo le procedure del proprio ente.';

/** A file the caller may read but not change: another organisation's, for a partner's contact. */
function refuseIfNotWritable(actor: Actor, file: { organisationId: string }) {
  const writable = partnerScope(actor, 'project.procurement.manage');
  if (writable !== null && file.organisationId !== writable) throw new Forbidden(OTHERS_FILE);
}

const can = (actor: Actor) => ({
  manage: hasPermission(actor, 'project.procurement.manage'),
  check: hasPermission(actor, 'project.procurement.check'),
});

async function visibleProject(db: Db, projectId: string, scope: string | null) {
  const project = await projectStore.findProject(db, projectId);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const partners = await projectStore.partnersOf(db, [projectId]);
  if (scope !== null && !partners.some((p) => p.organisationId === scope))
    throw new NotFound(PROJECT_NOT_FOUND);
  return { project, partners };
}

type Thresholds = Awaited<ReturnType<typeof store.thresholds>>;
type FileRow = NonNullable<Awaited<ReturnType<typeof store.findFile>>>;

function summaryOf(row: FileRow, thresholds: Thresholds): ProcurementSummary {
  const threshold = thresholdFor(row.kind, thresholdsInForce(thresholds, row.code, row.decisionOn));
  return {
    id: row.id,
    projectId: row.projectId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    subject: row.subject,
    kind: row.kind,
    procedure: row.procedure,
    cig: row.cig,
    amountCents: row.amountCents,
    contractorName: row.contractorName,
    decisionOn: row.decisionOn,
    contractOn: row.contractOn,
    code: row.code,
    threshold: threshold ? { limitCents: threshold.limitCents, source: threshold.source } : null,
    flags: fileFlags(row, threshold),
    standing: row.outcome ?? 'TO_CHECK',
    expenseCount: Number(row.expenseCount ?? 0),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A project's procurement files the caller may see. */
export async function listFiles(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<ProcurementList> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  const db = platform.database.db;
  const { project, partners } = await visibleProject(db, projectId, scope);
  const [rows, thresholds] = await Promise.all([store.filesOf(db, projectId, scope), store.thresholds(db)]);
  return {
    projectId,
    acronym: project.acronym,
    partners: partners
      .filter((p) => scope === null || p.organisationId === scope)
      .map((p) => ({ organisationId: p.organisationId, name: p.name })),
    files: rows.map((row) => summaryOf(row, thresholds)),
    scopedTo: scope,
    can: can(actor),
  };
}

/** One file as its reader may see it (another organisation's answers 404), without auditing the read. */
async function visibleFile(db: Db, actor: Actor, id: string): Promise<ProcurementView> {
  const scope = partnerScope(actor, 'project.procurement.read');
  const row = await store.findFile(db, id);
  if (!row || (scope !== null && row.organisationId !== scope)) throw new NotFound(FILE_NOT_FOUND);
  const [thresholds, documents, expenses, checks] = await Promise.all([
    store.thresholds(db),
    store.documentsOf(db, id),
    store.expensesOf(db, id),
    store.checksOf(db, id),
  ]);
  const items = await store.itemsOf(
    db,
    checks.map((c) => c.id),
  );
  return {
    ...summaryOf(row, thresholds),
    documents: documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
    expenses,
    checklist: checklistFor(row.kind).map(({ item, label }) => ({ item, label })),
    checks: checks.map((c) => ({
      ...c,
      recordedAt: c.recordedAt.toISOString(),
      supersededAt: c.supersededAt?.toISOString() ?? null,
      items: items
        .filter((i) => i.checkId === c.id)
        .map(({ item, label, answer, note }) => ({ item, label, answer, note })),
    })),
    can: can(actor),
  };
}

/** One file with its documents, expenses and checks; the read is audited. */
export async function getFile(platform: Platform, caller: Caller, id: string): Promise<ProcurementView> {
  const view = await visibleFile(platform.database.db, actorOf(caller), id);
  await auditRead(platform.database.db, platform.clock, caller, 'project_procurement', id, {
    projectId: view.projectId,
  });
  return view;
}

const fileFields = (input: ProcurementInput) => ({
  organisationId: input.organisationId,
  subject: input.subject,
  kind: input.kind,
  procedure: input.procedure,
  cig: input.cig ?? null,
  amountCents: input.amountCents,
  contractorName: input.contractorName ?? null,
  decisionOn: input.decisionOn,
  contractOn: input.contractOn ?? null,
  code: codeInForce(input.decisionOn),
});

/** Everything that refuses a file's fields: another organisation's file for a partner (403), the rules (422). */
async function refuseIfInvalid(
  platform: Platform,
  db: Db,
  scope: string | null,
  projectId: string,
  fields: ReturnType<typeof fileFields>,
) {
  if (scope !== null && fields.organisationId !== scope)
    throw new Forbidden('Si registrano solo le procedure del proprio ente.');
  const { partners } = await visibleProject(db, projectId, scope);
  const faults = fileFaults(fields, {
    partners: partners.map((p) => p.organisationId),
    today: today(platform),
  });
  if (faults.length > 0) throw new Invalid(faults);
}

/** Records a procurement file: the manager for any partner, a partner's contact for their own organisation. */
export async function createFile(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: ProcurementInput,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const id = newId();
  const fields = fileFields(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await refuseIfInvalid(
      platform,
      unit.db,
      partnerScope(actor, 'project.procurement.manage'),
      projectId,
      fields,
    );
    const now = platform.clock.now();
    await store.insertFile(unit.db, {
      id,
      projectId,
      ...fields,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.create',
      entityType: 'project_procurement',
      entityId: id,
      before: null,
      after: { projectId, ...fields },
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/**
 * Corrects a file. A change of its amount, CIG, kind or procedure supersedes its current check: the file goes
 * back to the legal expert.
 */
export async function updateFile(
  platform: Platform,
  caller: Caller,
  id: string,
  input: ProcurementInput,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  const fields = fileFields(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockFile(unit.db, id);
    if (!before || (scope !== null && before.organisationId !== scope)) throw new NotFound(FILE_NOT_FOUND);
    refuseIfNotWritable(actor, before);
    await refuseIfInvalid(
      platform,
      unit.db,
      partnerScope(actor, 'project.procurement.manage'),
      before.projectId,
      fields,
    );
    if (fields.organisationId !== before.organisationId && (await store.expensesOf(unit.db, id)).length > 0)
      throw new Conflict(
        'La procedura ha spese collegate del suo ente: scollegarle prima di cambiare ente.',
        undefined,
        [
          {
            path: 'organisationId',
            message: 'La procedura ha spese collegate: scollegarle prima di cambiare ente',
          },
        ],
      );
    const now = platform.clock.now();
    await store.updateFile(unit.db, id, { ...fields, updatedAt: now });
    const reset = changesUndoCheck(before as FileFields, fields)
      ? await store.supersedeCurrentCheck(unit.db, id, now, 'FILE_CHANGED')
      : undefined;
    const { createdAt, updatedAt, createdBy, ...kept } = before;
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.update',
      entityType: 'project_procurement',
      entityId: id,
      before: kept,
      after: { ...kept, ...fields, ...(reset ? { checkSuperseded: reset.id } : {}) },
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/** Attaches a document (PDF, JPEG or PNG, type read from the bytes) to a file. */
export async function attachDocument(
  platform: Platform,
  caller: Caller,
  id: string,
  input: { declaredName: string; file: StagedFile; kind: DocumentKind },
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const file = await store.lockFile(unit.db, id);
    if (!file || (scope !== null && file.organisationId !== scope)) throw new NotFound(FILE_NOT_FOUND);
    refuseIfNotWritable(actor, file);
    const row = {
      id: newId(),
      procurementId: id,
      kind: input.kind,
      ...attachedFile(input, actor.userId, platform.clock.now()),
    };
    await store.insertDocument(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.attach',
      entityType: 'project_procurement',
      entityId: id,
      before: null,
      after: { kind: input.kind, fileName: row.fileName, sha256: row.sha256, size: row.size },
    });
    await input.file.keep();
  });
  return visibleFile(platform.database.db, actor, id);
}

/**
 * Takes a document off a file while the legal expert's check of it is not positive and no expense under it is
 * claimed; the stored content goes with the orphan sweep once nothing else refers to it.
 */
export async function removeDocument(
  platform: Platform,
  caller: Caller,
  id: string,
  documentId: string,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const file = await store.lockFile(unit.db, id);
    const row =
      file && (scope === null || file.organisationId === scope)
        ? await store.findDocument(unit.db, id, documentId)
        : undefined;
    if (!file || !row) throw new NotFound('Il documento non esiste o non è accessibile.');
    refuseIfNotWritable(actor, file);
    const standing = await store.standingOf(unit.db, id);
    const refusal = documentRemovalRefusal(standing.outcome, standing.claimedExpenses);
    if (refusal) throw new Conflict(refusal);
    await store.deleteDocument(unit.db, id, documentId);
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.detach',
      entityType: 'project_procurement',
      entityId: id,
      before: { documentId, fileName: row.fileName, sha256: row.sha256, size: row.size },
      after: null,
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/** A document's content for download, to whoever may read the file; the read is audited. */
export async function openDocument(platform: Platform, caller: Caller, id: string, documentId: string) {
  const db = platform.database.db;
  const scope = partnerScope(actorOf(caller), 'project.procurement.read');
  const file = await store.findFile(db, id);
  const row =
    file && (scope === null || file.organisationId === scope)
      ? await store.findDocument(db, id, documentId)
      : undefined;
  if (!row) throw new NotFound('Il documento non esiste o non è accessibile.');
  return openAttachedFile(platform, caller, row, {
    entityType: 'project_procurement',
    entityId: id,
    details: { documentId, fileName: row.fileName },
  });
}

/** Links an expense of the same project and organisation, not yet claimed, to the file it was paid under. */
export async function linkExpense(
  platform: Platform,
  caller: Caller,
  id: string,
  expenseId: string,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const file = await store.lockFile(unit.db, id);
    if (!file || (scope !== null && file.organisationId !== scope)) throw new NotFound(FILE_NOT_FOUND);
    refuseIfNotWritable(actor, file);
    const expense = await store.lockExpense(unit.db, expenseId);
    if (!expense || (scope !== null && expense.organisationId !== scope))
      throw new NotFound(EXPENSE_NOT_FOUND);
    const fault = linkFault(file, expense);
    if (fault) throw new Invalid([{ path: 'expenseId', message: fault }]);
    const existing = await store.linkOf(unit.db, expenseId);
    if (existing)
      throw new Conflict(
        existing.procurementId === id
          ? 'La spesa è già collegata a questa procedura.'
          : `La spesa è già collegata a un’altra procedura: ${fileName(existing).replace(/^La procedura /, '')}.`,
      );
    await store.insertLink(unit.db, {
      expenseId,
      procurementId: id,
      linkedBy: actor.userId,
      linkedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.link',
      entityType: 'project_procurement',
      entityId: id,
      before: null,
      after: { expenseId, documentNumber: expense.documentNumber },
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/** Unlinks an expense not yet claimed from the file. */
export async function unlinkExpense(
  platform: Platform,
  caller: Caller,
  id: string,
  expenseId: string,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.procurement.read');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const file = await store.lockFile(unit.db, id);
    if (!file || (scope !== null && file.organisationId !== scope)) throw new NotFound(FILE_NOT_FOUND);
    refuseIfNotWritable(actor, file);
    const expense = await store.lockExpense(unit.db, expenseId);
    const link = expense ? await store.linkOf(unit.db, expenseId) : undefined;
    if (!expense || link?.procurementId !== id)
      throw new NotFound('La spesa non è collegata a questa procedura.');
    if (expense.claimId !== null)
      throw new Conflict('La spesa è in una domanda di rimborso: resta collegata alla sua procedura.');
    await store.deleteLink(unit.db, id, expenseId);
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.unlink',
      entityType: 'project_procurement',
      entityId: id,
      before: { expenseId, documentNumber: expense.documentNumber },
      after: null,
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/** The legal expert's check of a file: it becomes the file's standing, the previous one stays as history. */
export async function recordCheck(
  platform: Platform,
  caller: Caller,
  id: string,
  input: CheckInput,
): Promise<ProcurementView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const file = await store.lockFile(unit.db, id);
    if (!file) throw new NotFound(FILE_NOT_FOUND);
    if (input.fileUpdatedAt !== undefined && input.fileUpdatedAt !== file.updatedAt.toISOString())
      throw new Conflict(
        'La procedura è stata modificata mentre la verificavi: rileggerla e ripetere la verifica.',
      );
    const faults = checkFaults(input, {
      kind: file.kind,
      decisionOn: file.decisionOn,
      today: today(platform),
    });
    if (faults.length > 0) throw new Invalid(faults);
    const now = platform.clock.now();
    const previous = await store.supersedeCurrentCheck(unit.db, id, now, 'NEW_CHECK');
    const checkId = newId();
    const items = checklistFor(file.kind).map((entry, position) => {
      const answer = input.items.find((a) => a.item === entry.item);
      return {
        checkId,
        position,
        item: entry.item,
        label: entry.label,
        answer: answer?.answer ?? 'NOT_APPLICABLE',
        note: answer?.note ?? null,
      };
    });
    const row = {
      id: checkId,
      procurementId: id,
      number: await store.nextCheckNumber(unit.db, id),
      outcome: input.outcome,
      notes: input.notes ?? null,
      checkedOn: input.checkedOn,
      checkedBy: actor.userId,
      checkedByName: `${actor.givenName} ${actor.familyName}`,
      recordedAt: now,
      isCurrent: true,
      supersededAt: null,
      supersededReason: null,
    };
    await store.insertCheck(unit.db, row, items);
    await unit.audit({
      kind: 'change',
      action: 'project.procurement.check',
      entityType: 'project_procurement',
      entityId: id,
      before: previous
        ? { checkId: previous.id, outcome: previous.outcome, checkedOn: previous.checkedOn }
        : null,
      after: {
        checkId,
        outcome: row.outcome,
        notes: row.notes,
        checkedOn: row.checkedOn,
        items: items.map(({ item, answer, note }) => ({ item, answer, note })),
      },
    });
  });
  return visibleFile(platform.database.db, actor, id);
}

/** Among some stored files, those that are a procurement file's document: the orphan sweeper keeps them. */
export const procurementFiles = store.storedDocuments;
