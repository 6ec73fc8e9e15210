/**
 * Use cases of the project's budget and expenses. The project manager records the initial budget and each
 * re-modulation as a new version, checked against the rulebook's caps; the manager and the partners' contacts
 * record expenses (a partner only their organisation's), each shown with its eligibility checks. The
 * supervisor and the auditor read everything; a partner's contact reads only their organisation's lines and
 * expenses. Every change is audited, and so is every read of an expense (a payslip names a person).
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
  AttachmentKind,
  BudgetVersionInput,
  BudgetVersionView,
  BudgetView,
  ExpenseFilter,
  ExpenseInput,
  ExpenseList,
  ExpenseView,
} from './contract.ts';
import {
  budgetFaults,
  budgetTotals,
  type Cap,
  capStatus,
  doubleFundingFault,
  expenseChecks,
  expenseFaults,
  isClaimable,
  missingLines,
  type RequiredLine,
  sumOf,
} from './rules.ts';
import * as store from './store.ts';

const PROJECT_NOT_FOUND = 'Il progetto non esiste.';
const EXPENSE_NOT_FOUND = 'La spesa non esiste o non è accessibile.';

const OTHERS_EXPENSE = 'Si modificano solo le spese del proprio ente.';

type Project = NonNullable<Awaited<ReturnType<typeof projectStore.findProject>>>;

/** The project and its partners, as the caller may see them: another organisation's contact finds nothing. */
async function visibleProject(db: Db, projectId: string, scope: string | null, lock = false) {
  const project = lock
    ? await projectStore.lockProject(db, projectId)
    : await projectStore.findProject(db, projectId);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const partners = await projectStore.partnersOf(db, [projectId]);
  if (scope !== null && !partners.some((p) => p.organisationId === scope))
    throw new NotFound(PROJECT_NOT_FOUND);
  return { project, partners };
}

async function rulebookOf(db: Db, project: Project, day: string) {
  const rulebook = await store.rulebookOf(db, project.programme, day);
  if (!rulebook) throw new Conflict('Il programma del progetto non ha regole di ammissibilità in vigore.');
  return rulebook;
}

type Line = Awaited<ReturnType<typeof store.linesOf>>[number];
type Version = Awaited<ReturnType<typeof store.versionsOf>>[number];

function versionSummary(version: Version, lines: readonly Line[]) {
  return {
    number: version.number,
    isCurrent: version.isCurrent,
    reason: version.reason,
    approvedOn: version.approvedOn,
    approvalReference: version.approvalReference,
    recordedByName: version.recordedByName,
    recordedAt: version.recordedAt.toISOString(),
    totalCents: sumOf(lines.map((l) => l.amountCents)),
  };
}

type Rules = {
  caps: readonly Cap[];
  required: readonly RequiredLine[];
  procurementKinds: ReadonlySet<string>;
};

function versionView(
  version: Version,
  lines: readonly Line[],
  charged: readonly { organisationId: string; lineCode: string; chargedCents: number }[],
  rules: Rules | null,
): BudgetVersionView {
  const totals = budgetTotals(lines);
  return {
    ...versionSummary(version, lines),
    lines: lines.map((line) => ({
      id: line.id,
      code: line.code,
      description: line.description,
      organisationId: line.organisationId,
      organisationName: line.organisationName,
      amountCents: line.amountCents,
      chargedCents:
        charged.find((c) => c.organisationId === line.organisationId && c.lineCode === line.code)
          ?.chargedCents ?? 0,
    })),
    directCents: totals.directCents,
    indirectCents: totals.indirectCents,
    caps: rules ? capStatus(lines, rules.caps) : [],
    missingLines: rules ? missingLines(lines, rules.required, rules.procurementKinds) : [],
  };
}

/** A project's budget: the version asked for (the current one by default) and the list of every version. */
export async function getBudget(
  platform: Platform,
  caller: Caller,
  projectId: string,
  number?: number,
): Promise<BudgetView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.finance.read');
  const db = platform.database.db;
  const { project, partners } = await visibleProject(db, projectId, scope);
  const versions = await store.versionsOf(db, projectId);
  const allLines = await store.linesOf(
    db,
    versions.map((v) => v.id),
  );
  const visible = (versionId: string) =>
    allLines.filter((l) => l.versionId === versionId && (scope === null || l.organisationId === scope));
  const chosen =
    number === undefined ? versions.find((v) => v.isCurrent) : versions.find((v) => v.number === number);
  if (number !== undefined && !chosen) throw new NotFound('La versione del budget non esiste.');
  const rulebook = chosen && scope === null ? await rulebookOf(db, project, today(platform)) : null;
  const rules = rulebook && { ...rulebook, procurementKinds: await store.procurementKindsOf(db, projectId) };
  const charged = chosen ? await store.chargedByLine(db, projectId) : [];
  return {
    projectId,
    acronym: project.acronym,
    programme: project.programme,
    partners: partners
      .filter((p) => scope === null || p.organisationId === scope)
      .map((p) => ({ organisationId: p.organisationId, name: p.name })),
    version: chosen ? versionView(chosen, visible(chosen.id), charged, rules) : null,
    versions: versions.map((v) => versionSummary(v, visible(v.id))),
    scopedTo: scope,
    can: {
      manage: hasPermission(actor, 'project.budget.manage'),
      writeExpenses: hasPermission(actor, 'project.expenses.write'),
    },
  };
}

/**
 * Records a budget version: the initial budget, or a re-modulation approved by the Managing Authority. The
 * new version becomes the current one; the previous ones stay as they were.
 */
export async function recordBudgetVersion(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: BudgetVersionInput,
): Promise<BudgetView> {
  const actor = actorOf(caller);
  const day = today(platform);
  const number = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { project, partners } = await visibleProject(unit.db, projectId, null, true);
    const previous = await store.currentVersionOf(unit.db, projectId);
    const { caps, required } = await rulebookOf(unit.db, project, day);
    const faults = budgetFaults(input, {
      isInitial: previous === undefined,
      partners: partners.map((p) => p.organisationId),
      caps,
      required,
      procurementKinds: await store.procurementKindsOf(unit.db, projectId),
      today: day,
    });
    if (faults.length > 0) throw new Invalid(faults);
    const id = newId();
    const number = (previous?.number ?? 0) + 1;
    const initial = previous === undefined;
    const version = {
      id,
      projectId,
      number,
      reason: initial ? null : (input.reason ?? null),
      approvedOn: initial ? null : (input.approvedOn ?? null),
      approvalReference: initial ? null : (input.approvalReference ?? null),
      isCurrent: true,
      recordedBy: actor.userId,
      recordedByName: `${actor.givenName} ${actor.familyName}`,
      recordedAt: platform.clock.now(),
    };
    const lines = input.lines.map((line, position) => ({
      id: newId(),
      versionId: id,
      position,
      code: line.code,
      description: line.description ?? null,
      organisationId: line.organisationId,
      amountCents: line.amountCents,
    }));
    await store.retireCurrentVersion(unit.db, projectId);
    await store.insertVersion(unit.db, version, lines);
    await unit.audit({
      kind: 'change',
      action: initial ? 'project.budget.create' : 'project.budget.revise',
      entityType: 'project_budget_version',
      entityId: id,
      before: previous ? { number: previous.number } : null,
      after: {
        projectId,
        number,
        reason: version.reason,
        approvedOn: version.approvedOn,
        approvalReference: version.approvalReference,
        lines: input.lines.map((l) => ({ ...l, description: l.description ?? null })),
      },
    });
    return number;
  });
  return getBudget(platform, caller, projectId, number);
}

type Attachment = Awaited<ReturnType<typeof store.attachmentsOf>>[number];

/** The views of some expenses of one project, each with its eligibility checks. */
async function expenseViews(
  db: Db,
  project: Project,
  rows: readonly store.ExpenseRow[],
  day: string,
): Promise<ExpenseView[]> {
  if (rows.length === 0) return [];
  const [rulebook, current, charged, attachments, charges] = await Promise.all([
    rulebookOf(db, project, day),
    store.currentVersionOf(db, project.id),
    store.chargedByLine(db, project.id),
    store.attachmentsOf(
      db,
      rows.map((r) => r.id),
    ),
    store.sharedDocumentCharges(db, project.id),
  ]);
  const lines = current ? await store.linesOf(db, [current.id]) : [];
  return rows.map((row) => {
    const budgeted = lines.filter((l) => l.organisationId === row.organisationId && l.code === row.lineCode);
    const sameDocument = charges.filter((c) => c.expenseId === row.id);
    const checks = expenseChecks(row, {
      project,
      rulebook,
      lineBudgetCents: budgeted.length === 0 ? null : sumOf(budgeted.map((l) => l.amountCents)),
      lineChargedCents:
        charged.find((c) => c.organisationId === row.organisationId && c.lineCode === row.lineCode)
          ?.chargedCents ?? 0,
      organisationName: row.organisationName,
      earlier: sameDocument,
    });
    const { claimId, updatedAt, ...fields } = row;
    return {
      ...fields,
      locked: claimId !== null,
      checks,
      claimable: isClaimable(row.status, checks),
      attachments: attachments.filter((a) => a.expenseId === row.id).map(attachmentView),
      updatedAt: updatedAt.toISOString(),
    };
  });
}

const attachmentView = (a: Attachment) => ({
  id: a.id,
  kind: a.kind,
  fileName: a.fileName,
  size: a.size,
  mediaType: a.mediaType,
  uploadedAt: a.uploadedAt.toISOString(),
});

/** A project's expenses the caller may see, filtered, each with its checks. */
export async function listExpenses(
  platform: Platform,
  caller: Caller,
  projectId: string,
  filter: ExpenseFilter,
): Promise<ExpenseList> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.finance.read');
  const db = platform.database.db;
  const { project, partners } = await visibleProject(db, projectId, scope);
  if (scope !== null && filter.organisationId && filter.organisationId !== scope)
    throw new NotFound('L’ente non è accessibile.');
  const rows = await store.expensesOf(db, projectId, {
    organisationId: scope ?? filter.organisationId,
    lineCode: filter.lineCode,
    status: filter.status,
  });
  const views = await expenseViews(db, project, rows, today(platform));
  const shown =
    filter.flagged === undefined
      ? views
      : views.filter((v) => v.checks.some((c) => !c.ok) === (filter.flagged === 'true'));
  const packages = await projectStore.workPackagesOf(db, projectId);
  // the list names the people paid (a payslip's employee, a consultant's notula): one read of the list
  await auditRead(db, platform.clock, caller, 'project_expenses', projectId, {
    expenses: shown.length,
    ...filter,
  });
  return {
    projectId,
    acronym: project.acronym,
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    partners: partners
      .filter((p) => scope === null || p.organisationId === scope)
      .map((p) => ({ organisationId: p.organisationId, name: p.name })),
    workPackages: packages.map((wp) => ({ id: wp.id, code: wp.code, title: wp.title })),
    expenses: shown,
    totalCents: sumOf(shown.map((v) => v.amountCents)),
    scopedTo: scope,
    can: { write: hasPermission(actor, 'project.expenses.write') },
  };
}

/** One expense as its reader may see it (another organisation's answers 404), without auditing the read. */
async function visibleExpense(db: Db, actor: Actor, id: string, day: string): Promise<ExpenseView> {
  const scope = partnerScope(actor, 'project.finance.read');
  const row = await store.findExpense(db, id);
  if (!row || (scope !== null && row.organisationId !== scope)) throw new NotFound(EXPENSE_NOT_FOUND);
  const project = await projectStore.findProject(db, row.projectId);
  if (!project) throw new NotFound(EXPENSE_NOT_FOUND);
  const [view] = await expenseViews(db, project, [row], day);
  return view as ExpenseView;
}

/** One expense with its checks and attachments; the read is audited. */
export async function getExpense(platform: Platform, caller: Caller, id: string): Promise<ExpenseView> {
  const view = await visibleExpense(platform.database.db, actorOf(caller), id, today(platform));
  await auditRead(platform.database.db, platform.clock, caller, 'project_expense', id, {
    projectId: view.projectId,
  });
  return view;
}

const expenseColumns = (input: ExpenseInput) => ({
  organisationId: input.organisationId,
  lineCode: input.lineCode,
  workPackageId: input.workPackageId ?? null,
  description: input.description,
  documentType: input.documentType,
  documentNumber: input.documentNumber,
  documentDate: input.documentDate,
  supplierName: input.supplierName,
  supplierTaxCode: input.supplierTaxCode,
  netCents: input.netCents,
  vatCents: input.vatCents,
  totalCents: input.totalCents,
  amountCents: input.amountCents,
  cig: input.cig ?? null,
  cup: input.cup ?? null,
  paymentDate: input.paymentDate ?? null,
  paymentMethod: input.paymentMethod ?? null,
  paymentReference: input.paymentReference ?? null,
  annulled: input.annulled,
  status: input.status,
});

/**
 * Everything that refuses an expense, checked under the locks of its project and its document: the rules'
 * faults (422), then the double funding of its document across every project (409).
 */
async function refuseIfIneligible(
  platform: Platform,
  db: Db,
  scope: string | null,
  projectId: string,
  input: ExpenseInput,
  existing: { id: string; hasDocument: boolean } | null,
) {
  if (scope !== null && input.organisationId !== scope)
    throw new Forbidden('Si registrano solo le spese del proprio ente.');
  const { project, partners } = await visibleProject(db, projectId, scope, true);
  const packages = await projectStore.workPackagesOf(db, projectId);
  const faults = expenseFaults(input, {
    project,
    partners: partners.map((p) => p.organisationId),
    workPackages: packages.map((wp) => wp.id),
    today: today(platform),
    hasDocument: existing?.hasDocument ?? false,
  });
  if (faults.length > 0) throw new Invalid(faults);
  await store.lockDocument(db, input);
  const earlier = (await store.chargesOfDocuments(db, [input])).filter((c) => c.id !== existing?.id);
  const doubled = doubleFundingFault(input, earlier);
  if (doubled)
    throw new Conflict(`${doubled}.`, { rule: 'DOUBLE_FUNDING' }, [
      { path: 'documentNumber', message: doubled },
    ]);
}

/** Records an expense of a project: the manager for any partner, a partner's contact for their own. */
export async function createExpense(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: ExpenseInput,
): Promise<ExpenseView> {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await refuseIfIneligible(
      platform,
      unit.db,
      partnerScope(actor, 'project.expenses.write'),
      projectId,
      input,
      null,
    );
    const now = platform.clock.now();
    const columns = expenseColumns(input);
    await store.insertExpense(unit.db, {
      id,
      projectId,
      ...columns,
      claimId: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'project.expense.create',
      entityType: 'project_expense',
      entityId: id,
      before: null,
      after: { projectId, ...columns },
    });
  });
  return visibleExpense(platform.database.db, actor, id, today(platform));
}

const LOCKED = 'La spesa è in una domanda di rimborso: non si modifica più.';

/**
 * The expense, locked after its project: a claim being submitted locks the project and then its expenses, so
 * a change takes the locks in the same order and either waits for the claim or is seen by it.
 */
async function lockedExpense(db: Db, id: string, scope: string | null) {
  const found = await store.findExpense(db, id);
  if (!found || (scope !== null && found.organisationId !== scope)) throw new NotFound(EXPENSE_NOT_FOUND);
  await projectStore.lockProject(db, found.projectId);
  const expense = await store.lockExpense(db, id);
  if (!expense) throw new NotFound(EXPENSE_NOT_FOUND);
  return expense;
}

/** Corrects an expense not yet in a claim. */
export async function updateExpense(
  platform: Platform,
  caller: Caller,
  id: string,
  input: ExpenseInput,
): Promise<ExpenseView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.finance.read');
  const writable = partnerScope(actor, 'project.expenses.write');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await lockedExpense(unit.db, id, scope);
    if (writable !== null && before.organisationId !== writable) throw new Forbidden(OTHERS_EXPENSE);
    if (before.claimId !== null) throw new Conflict(LOCKED);
    const attachments = await store.attachmentsOf(unit.db, [id]);
    await refuseIfIneligible(platform, unit.db, writable, before.projectId, input, {
      id,
      hasDocument: attachments.some((a) => a.kind === 'DOCUMENT'),
    });
    const columns = expenseColumns(input);
    await store.updateExpense(unit.db, id, { ...columns, updatedAt: platform.clock.now() });
    const { createdAt, updatedAt, createdBy, ...kept } = before;
    await unit.audit({
      kind: 'change',
      action: 'project.expense.update',
      entityType: 'project_expense',
      entityId: id,
      before: kept,
      after: { ...kept, ...columns },
    });
  });
  return visibleExpense(platform.database.db, actor, id, today(platform));
}

/** Attaches a file (PDF, JPEG or PNG, read from its content) to an expense not yet in a claim. */
export async function attachToExpense(
  platform: Platform,
  caller: Caller,
  id: string,
  input: { declaredName: string; file: StagedFile; kind: AttachmentKind },
): Promise<ExpenseView> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.finance.read');
  const writable = partnerScope(actor, 'project.expenses.write');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const expense = await store.lockExpense(unit.db, id);
    if (!expense || (scope !== null && expense.organisationId !== scope))
      throw new NotFound(EXPENSE_NOT_FOUND);
    if (writable !== null && expense.organisationId !== writable) throw new Forbidden(OTHERS_EXPENSE);
    if (expense.claimId !== null) throw new Conflict(LOCKED);
    const row = {
      id: newId(),
      expenseId: id,
      kind: input.kind,
      ...attachedFile(input, actor.userId, platform.clock.now()),
    };
    await store.insertAttachment(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'project.expense.attach',
      entityType: 'project_expense',
      entityId: id,
      before: null,
      after: { kind: input.kind, fileName: row.fileName, sha256: row.sha256, size: row.size },
    });
    await input.file.keep();
  });
  return visibleExpense(platform.database.db, actor, id, today(platform));
}

/**
 * Deletes an expense no claim took, with its attachments (their stored files go with the orphan sweep once
 * nothing else refers to them) and its link to a procurement file; the audit entry keeps what it was.
 */
export async function deleteExpense(platform: Platform, caller: Caller, id: string): Promise<void> {
  const actor = actorOf(caller);
  const scope = partnerScope(actor, 'project.finance.read');
  const writable = partnerScope(actor, 'project.expenses.write');
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await lockedExpense(unit.db, id, scope);
    if (writable !== null && before.organisationId !== writable) throw new Forbidden(OTHERS_EXPENSE);
    if (before.claimId !== null) throw new Conflict(`${LOCKED} Non si elimina.`);
    const claim = await store.claimOfExpense(unit.db, id);
    if (claim)
      throw new Conflict(
        `La spesa è nella domanda di rimborso n. ${claim.number}, in preparazione: toglierla dalla domanda prima di eliminarla.`,
      );
    const [attachments, link] = await Promise.all([
      store.attachmentsOf(unit.db, [id]),
      store.procurementOfExpense(unit.db, id),
    ]);
    await store.deleteExpense(unit.db, id);
    const { createdAt, updatedAt, createdBy, ...kept } = before;
    await unit.audit({
      kind: 'change',
      action: 'project.expense.delete',
      entityType: 'project_expense',
      entityId: id,
      before: {
        ...kept,
        attachments: attachments.map((a) => ({ kind: a.kind, fileName: a.fileName, sha256: a.sha256 })),
        procurementId: link?.procurementId ?? null,
      },
      after: null,
    });
  });
}

/** An attachment's content for download, to whoever may read the expense; the read is audited. */
export async function openExpenseAttachment(
  platform: Platform,
  caller: Caller,
  id: string,
  attachmentId: string,
) {
  const db = platform.database.db;
  const scope = partnerScope(actorOf(caller), 'project.finance.read');
  const expense = await store.findExpense(db, id);
  const row =
    expense && (scope === null || expense.organisationId === scope)
      ? await store.findAttachment(db, id, attachmentId)
      : undefined;
  if (!row) throw new NotFound('L’allegato non esiste o non è accessibile.');
  return openAttachedFile(platform, caller, row, {
    entityType: 'project_expense',
    entityId: id,
    details: { attachmentId, fileName: row.fileName },
  });
}

/** Among some stored files, those attached to an expense: the orphan sweeper keeps them. */
export const expenseFiles = store.storedAttachments;

/**
 * The expenses a claim takes, read on the claim's own transaction once they are locked: each with its
 * eligibility checks as it is now. An edit that came first is judged; one that comes later waits for the claim
 * and then finds the expense in it. The documents are held too, so that no other project charges one of them
 * meanwhile. Expenses of another project are left out.
 */
export async function lockExpensesForClaim(
  platform: Platform,
  db: Db,
  projectId: string,
  expenseIds: readonly string[],
): Promise<Map<string, ExpenseView>> {
  const project = await projectStore.findProject(db, projectId);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const rows = await store.lockExpenses(db, projectId, expenseIds);
  await store.lockDocuments(db, rows);
  const views = await expenseViews(db, project, rows, today(platform));
  return new Map(views.map((view) => [view.id, view]));
}

/**
 * The budget in force for a claim being submitted, read on its transaction under the project's lock: its number
 * and the mandatory macro-voci it lacks (a legal expert becomes mandatory with the first procurement), each
 * naming its rule. Null when the project has no budget yet.
 */
export async function budgetInForce(platform: Platform, db: Db, projectId: string) {
  const project = await projectStore.findProject(db, projectId);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  const current = await store.currentVersionOf(db, projectId);
  if (!current) return null;
  const [{ required }, lines, kinds] = await Promise.all([
    rulebookOf(db, project, today(platform)),
    store.linesOf(db, [current.id]),
    store.procurementKindsOf(db, projectId),
  ]);
  return { number: current.number, missingLines: missingLines(lines, required, kinds) };
}
