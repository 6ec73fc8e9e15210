/**
 * Use cases of the project's staff and timesheets. The project manager registers who works on the project
 * under which contract; each person fills in and sends their own monthly sheet; the WP supervisor approves or
 * rejects it; a claim later locks it. Those who read the project's finances read the staff, contracts and
 * sheets, a partner's referent only those of their own organisation.
 */
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf, partnerScope } from '../callers.ts';
import { PROJECT_NOT_FOUND } from '../service.ts';
import * as projectStore from '../store.ts';
import type {
  MyTimesheets,
  RejectionInput,
  StaffInput,
  StaffRegister,
  StaffView,
  TimesheetInput,
  TimesheetQueue,
  TimesheetStatus,
  TimesheetView,
} from './contract.ts';
import {
  type Contract,
  claimedMonth,
  contractFaults,
  costCents,
  hourlyCostCents,
  hoursInWords,
  hoursOf,
  minutesOf,
  monthInWords,
  monthSpan,
  nextStatus,
  type SheetAction,
  type SheetLine,
  sheetFaults,
} from './rules.ts';
import * as store from './store.ts';

const STAFF_NOT_FOUND = 'La persona non è nel personale del progetto.';
const SHEET_NOT_FOUND = 'Il foglio ore non esiste.';

/** The organisation whose staff and sheets the actor reads (a partner's referent: their own), or null for all. */
const organisationScope = (actor: Actor) => partnerScope(actor, 'project.finance.read');

const canRead = (actor: Actor, organisationId: string) => {
  if (!hasPermission(actor, 'project.finance.read')) return false;
  const scope = organisationScope(actor);
  return scope === null || scope === organisationId;
};

async function projectOrThrow(db: Db, id: string) {
  const project = await projectStore.findProject(db, id);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  return project;
}

type StaffRow = NonNullable<Awaited<ReturnType<typeof store.findStaff>>>;

const hoursOrNull = (minutes: number | null) => (minutes === null ? null : hoursOf(minutes));

function staffOut(row: StaffRow, countedMinutes: number): StaffView {
  return {
    id: row.id,
    projectId: row.projectId,
    organisationId: row.organisationId,
    organisation: row.organisation,
    userId: row.userId,
    userEmail: row.userEmail,
    personName: row.personName,
    kind: row.kind,
    contractReference: row.contractReference,
    contractStartsOn: row.contractStartsOn,
    contractEndsOn: row.contractEndsOn,
    monthlyHoursCap: hoursOrNull(row.monthlyMinutesCap),
    totalHoursCap: hoursOrNull(row.totalMinutesCap),
    feeCents: row.feeCents,
    deliverables: row.deliverables,
    annualGrossCostCents: row.annualGrossCostCents,
    annualHours: row.annualHours,
    hourlyCostCents: row.hourlyCostCents,
    hoursCounted: hoursOf(countedMinutes),
  };
}

async function staffViews(db: Db, rows: StaffRow[]) {
  const counted = await store.countedMinutes(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => staffOut(row, Number(counted.find((c) => c.staffId === row.id)?.minutes ?? 0)));
}

export async function staffRegister(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<StaffRegister> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  await projectOrThrow(db, projectId);
  const scope = organisationScope(actor);
  const [rows, partners] = await Promise.all([
    store.staffOf(db, projectId, scope),
    projectStore.partnersOf(db, [projectId]),
  ]);
  await auditRead(db, platform.clock, caller, 'project_staff_register', projectId, { people: rows.length });
  return {
    staff: await staffViews(db, rows),
    partners: partners
      .filter((p) => scope === null || p.organisationId === scope)
      .map((p) => ({ organisationId: p.organisationId, name: p.name })),
    can: { manage: hasPermission(actor, 'project.staff.manage') },
  };
}

function contractOf(input: StaffInput): Contract {
  return {
    kind: input.kind,
    contractStartsOn: input.contractStartsOn,
    contractEndsOn: input.contractEndsOn,
    monthlyMinutesCap: input.monthlyHoursCap == null ? null : minutesOf(input.monthlyHoursCap),
    totalMinutesCap: input.totalHoursCap == null ? null : minutesOf(input.totalHoursCap),
    feeCents: input.feeCents ?? null,
    deliverables: input.deliverables ?? null,
    annualGrossCostCents: input.annualGrossCostCents ?? null,
    annualHours: input.annualHours ?? null,
  };
}

function staffRow(input: StaffInput) {
  const contract = contractOf(input);
  const faults = contractFaults(contract);
  if (faults.length > 0) throw new Invalid(faults);
  return {
    organisationId: input.organisationId,
    personName: input.personName,
    ...contract,
    contractReference: input.contractReference,
    hourlyCostCents:
      contract.annualGrossCostCents !== null && contract.annualHours !== null
        ? hourlyCostCents(contract.annualGrossCostCents, contract.annualHours)
        : null,
  };
}

/** The partner and the account a staff record names, checked before anything is written; the account's id. */
async function checkReferences(db: Db, projectId: string, input: StaffInput) {
  const partners = await projectStore.partnersOf(db, [projectId]);
  const userId = input.userEmail ? await store.userIdByEmail(db, input.userEmail) : null;
  const faults = [
    ...(partners.some((p) => p.organisationId === input.organisationId)
      ? []
      : [{ path: 'organisationId', message: 'Scegliere uno degli enti partner del progetto' }]),
    ...(input.userEmail && userId === null
      ? [{ path: 'userEmail', message: 'Nessun utente di LOVIT ha questo indirizzo e-mail' }]
      : []),
  ];
  if (faults.length > 0) throw new Invalid(faults);
  return userId;
}

export async function createStaff(platform: Platform, caller: Caller, projectId: string, input: StaffInput) {
  const row = staffRow(input);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await projectStore.lockProject(unit.db, projectId))) throw new NotFound(PROJECT_NOT_FOUND);
    const userId = await checkReferences(unit.db, projectId, input);
    if (await store.staffByReference(unit.db, projectId, input.contractReference))
      throw new Conflict(`Il progetto ha già un contratto con il riferimento «${input.contractReference}».`);
    const now = platform.clock.now();
    await store.insertStaff(unit.db, { id, projectId, ...row, userId, createdAt: now, updatedAt: now });
    await unit.audit({
      kind: 'change',
      action: 'project.staff.create',
      entityType: 'project_staff',
      entityId: id,
      before: null,
      after: { projectId, ...row, userId },
    });
  });
  return staffById(platform, id);
}

/** Faults of a changed contract against the sheets already sent: their months and their hours must still fit. */
async function faultsAgainstSheets(db: Db, staff: StaffRow, organisationId: string, contract: Contract) {
  const staffId = staff.id;
  const span = await store.countedSpan(db, staffId);
  const [counted] = await store.countedMinutes(db, [staffId]);
  const minutes = Number(counted?.minutes ?? 0);
  return [
    ...(span.first !== null && organisationId !== staff.organisationId
      ? [
          {
            path: 'organisationId',
            message: 'La persona ha fogli ore già inviati o approvati per questo ente: l’ente non si cambia',
          },
        ]
      : []),
    ...(span.first !== null && span.first < monthSpan(contract.contractStartsOn.slice(0, 7)).startsOn
      ? [{ path: 'contractStartsOn', message: 'Ci sono fogli ore inviati per mesi prima di questa data' }]
      : []),
    ...(span.last !== null && span.last > contract.contractEndsOn
      ? [{ path: 'contractEndsOn', message: 'Ci sono fogli ore inviati per mesi dopo questa data' }]
      : []),
    ...(contract.totalMinutesCap !== null && minutes > contract.totalMinutesCap
      ? [
          {
            path: 'totalHoursCap',
            message: `Le ore già inviate (${hoursInWords(minutes)}) superano il nuovo totale del contratto`,
          },
        ]
      : []),
  ];
}

export async function updateStaff(platform: Platform, caller: Caller, id: string, input: StaffInput) {
  const row = staffRow(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findStaff(unit.db, id);
    if (!before) throw new NotFound(STAFF_NOT_FOUND);
    await projectStore.lockProject(unit.db, before.projectId);
    await store.lockStaff(unit.db, id);
    const userId = await checkReferences(unit.db, before.projectId, input);
    const other = await store.staffByReference(unit.db, before.projectId, input.contractReference);
    if (other && other.id !== id)
      throw new Conflict(`Il progetto ha già un contratto con il riferimento «${input.contractReference}».`);
    const faults = await faultsAgainstSheets(unit.db, before, input.organisationId, row);
    if (faults.length > 0) throw new Invalid(faults);
    await store.updateStaff(unit.db, id, { ...row, userId, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'project.staff.update',
      entityType: 'project_staff',
      entityId: id,
      before,
      after: { ...before, ...row, userId },
    });
  });
  return staffById(platform, id);
}

async function staffById(platform: Platform, id: string) {
  const db = platform.database.db;
  const row = await store.findStaff(db, id);
  if (!row) throw new NotFound(STAFF_NOT_FOUND);
  const [view] = await staffViews(db, [row]);
  return view as StaffView;
}

type SheetRow = NonNullable<Awaited<ReturnType<typeof store.findSheet>>>;

async function sheetViews(db: Db, rows: SheetRow[]): Promise<TimesheetView[]> {
  const lines = await store.linesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    staffId: row.staffId,
    personName: row.personName,
    organisation: row.organisation,
    kind: row.kind,
    month: row.month.slice(0, 7),
    status: row.status,
    hours: hoursOf(row.totalMinutes),
    lines: lines
      .filter((l) => l.timesheetId === row.id)
      .map((l) => ({
        workPackageId: l.workPackageId,
        workPackage: `${l.workPackageCode} ${l.workPackageTitle}`,
        itemId: l.itemId,
        item: l.itemCode === null ? null : `${l.itemCode} ${l.itemTitle}`,
        hours: hoursOf(l.minutes),
        note: l.note,
      })),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByName: row.decidedByName,
    rejectionReason: row.rejectionReason,
    hourlyCostCents: row.hourlyCostCents ?? row.currentHourlyCostCents,
    costCents: row.costCents,
    claimId: row.claimId,
  }));
}

export async function myTimesheets(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<MyTimesheets> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const project = await projectOrThrow(db, projectId);
  const contracts = await store.staffOfUser(db, projectId, actor.userId);
  const [views, sheets, activities] = await Promise.all([
    staffViews(db, contracts),
    store.sheets(db, { projectId, staffIds: contracts.map((c) => c.id) }),
    store.activitiesOf(db, projectId),
  ]);
  const packages = new Map<string, MyTimesheets['workPackages'][number]>();
  for (const row of activities) {
    const wp = packages.get(row.workPackageId) ?? {
      id: row.workPackageId,
      code: row.code,
      title: row.title,
      activities: [],
    };
    if (row.itemId !== null && row.itemCode !== null && row.itemTitle !== null)
      wp.activities.push({ id: row.itemId, code: row.itemCode, title: row.itemTitle });
    packages.set(row.workPackageId, wp);
  }
  return {
    contracts: views.map((v) => ({
      id: v.id,
      organisation: v.organisation,
      kind: v.kind,
      contractReference: v.contractReference,
      contractStartsOn: v.contractStartsOn,
      contractEndsOn: v.contractEndsOn,
      monthlyHoursCap: v.monthlyHoursCap,
      totalHoursCap: v.totalHoursCap,
      hoursCounted: v.hoursCounted,
    })),
    sheets: await sheetViews(db, sheets),
    workPackages: [...packages.values()],
    projectStartsOn: project.startsOn,
    projectEndsOn: project.endsOn,
  };
}

/** A person's own contract: someone who reads it but is not that person is refused, anyone else not told. */
async function ownStaff(db: Db, actor: Actor, staffId: string) {
  const staff = await store.findStaff(db, staffId);
  if (!staff) throw new NotFound(STAFF_NOT_FOUND);
  if (staff.userId === actor.userId) return staff;
  if (canRead(actor, staff.organisationId))
    throw new Forbidden('Il foglio ore si compila e si invia solo dalla persona interessata.');
  throw new NotFound(STAFF_NOT_FOUND);
}

function moved(status: TimesheetStatus, action: SheetAction, month: string) {
  const next = nextStatus(status, action, month);
  if (!next.ok) throw new Conflict(next.message);
  return next.status;
}

/** Locks the project against a claim submitted meanwhile and refuses a month a submitted claim took. */
async function refuseClaimedMonth(db: Db, projectId: string, month: string) {
  await projectStore.lockProject(db, projectId);
  const claim = await store.claimOfMonth(db, projectId, monthSpan(month));
  if (claim !== null) throw new Conflict(claimedMonth(month, claim));
}

/** The checks of a month's lines against the contract, the project and the plan, under the contract's lock. */
async function checkSheet(db: Db, staff: StaffRow, month: string, lines: SheetLine[], today: string) {
  const project = await projectOrThrow(db, staff.projectId);
  const [activities, others] = await Promise.all([
    store.activitiesOf(db, staff.projectId),
    store.countedMinutes(db, [staff.id], monthSpan(month).startsOn),
  ]);
  const map = new Map<string, Set<string>>();
  for (const row of activities) {
    const set = map.get(row.workPackageId) ?? new Set<string>();
    if (row.itemId !== null) set.add(row.itemId);
    map.set(row.workPackageId, set);
  }
  const faults = sheetFaults({
    month,
    currentMonth: today.slice(0, 7),
    contract: staff,
    project,
    lines,
    activities: map,
    otherMinutes: Number(others[0]?.minutes ?? 0),
  });
  if (faults.length > 0) throw new Invalid(faults);
}

export async function saveTimesheet(
  platform: Platform,
  caller: Caller,
  staffId: string,
  month: string,
  input: TimesheetInput,
) {
  const actor = actorOf(caller);
  const first = monthSpan(month).startsOn;
  const lines = input.lines.map((line) => ({
    workPackageId: line.workPackageId,
    itemId: line.itemId ?? null,
    minutes: minutesOf(line.hours),
    note: line.note ?? null,
  }));
  const id = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const staff = await ownStaff(unit.db, actor, staffId);
    await refuseClaimedMonth(unit.db, staff.projectId, month);
    await store.lockStaff(unit.db, staffId);
    const existing = await store.sheetOfMonth(unit.db, staffId, first);
    if (existing) moved(existing.status, 'EDIT', month);
    await checkSheet(unit.db, staff, month, lines, platform.clock.today().toString());
    const now = platform.clock.now();
    const total = lines.reduce((sum, line) => sum + line.minutes, 0);
    const sheetId = existing?.id ?? newId();
    if (existing)
      await store.updateSheet(unit.db, sheetId, { status: 'DRAFT', totalMinutes: total, updatedAt: now });
    else
      await store.insertSheet(unit.db, {
        id: sheetId,
        staffId,
        month: first,
        status: 'DRAFT',
        totalMinutes: total,
        createdAt: now,
        updatedAt: now,
      });
    await store.replaceLines(
      unit.db,
      sheetId,
      lines.map((line) => ({ id: newId(), timesheetId: sheetId, ...line })),
    );
    await unit.audit({
      kind: 'change',
      action: existing ? 'project.timesheet.update' : 'project.timesheet.create',
      entityType: 'project_timesheet',
      entityId: sheetId,
      before: existing ? { status: existing.status, minutes: existing.totalMinutes } : null,
      after: { staffId, month, status: 'DRAFT', minutes: total, lines },
    });
    return sheetId;
  });
  return timesheetById(platform, id);
}

export async function submitTimesheet(platform: Platform, caller: Caller, staffId: string, month: string) {
  const actor = actorOf(caller);
  const id = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const staff = await ownStaff(unit.db, actor, staffId);
    await refuseClaimedMonth(unit.db, staff.projectId, month);
    await store.lockStaff(unit.db, staffId);
    const sheet = await store.sheetOfMonth(unit.db, staffId, monthSpan(month).startsOn);
    if (!sheet || sheet.totalMinutes === 0)
      throw new Conflict(`Il foglio ore di ${monthInWords(month)} non ha ore: compilarlo prima di inviarlo.`);
    const status = moved(sheet.status, 'SUBMIT', month);
    const lines = await store.linesOf(unit.db, [sheet.id]);
    await checkSheet(unit.db, staff, month, lines, platform.clock.today().toString());
    await store.updateSheet(unit.db, sheet.id, {
      status,
      submittedAt: platform.clock.now(),
      submittedBy: actor.userId,
      decidedAt: null,
      decidedBy: null,
      decidedByName: null,
      rejectionReason: null,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.timesheet.submit',
      entityType: 'project_timesheet',
      entityId: sheet.id,
      before: { status: sheet.status },
      after: { status, minutes: sheet.totalMinutes },
    });
    return sheet.id;
  });
  return timesheetById(platform, id);
}

const OWN_SHEET = 'Il proprio foglio ore lo approva o lo respinge un altro supervisore.';

async function decide(
  platform: Platform,
  caller: Caller,
  id: string,
  action: 'APPROVE' | 'REJECT',
  reason: string | null,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const sheet = await store.findSheet(unit.db, id);
    if (!sheet || !canRead(actor, sheet.organisationId)) throw new NotFound(SHEET_NOT_FOUND);
    // whoever sent the sheet, and whoever the contract now names, never decides it
    if (sheet.userId === actor.userId || sheet.submittedBy === actor.userId) throw new Forbidden(OWN_SHEET);
    if (action === 'APPROVE') await refuseClaimedMonth(unit.db, sheet.projectId, sheet.month.slice(0, 7));
    const [locked] = await store.lockSheets(unit.db, [id]);
    const status = moved(locked?.status ?? sheet.status, action, sheet.month.slice(0, 7));
    const hourly = sheet.currentHourlyCostCents;
    const valued =
      action === 'APPROVE'
        ? {
            hourlyCostCents: hourly,
            costCents: hourly === null ? null : costCents(sheet.totalMinutes, hourly),
          }
        : { rejectionReason: reason };
    const decision = {
      status,
      decidedAt: platform.clock.now(),
      decidedBy: actor.userId,
      decidedByName: `${actor.givenName} ${actor.familyName}`,
      updatedAt: platform.clock.now(),
      ...valued,
    };
    await store.updateSheet(unit.db, id, decision);
    await unit.audit({
      kind: 'change',
      action: action === 'APPROVE' ? 'project.timesheet.approve' : 'project.timesheet.reject',
      entityType: 'project_timesheet',
      entityId: id,
      before: { status: sheet.status },
      after: { status, ...valued },
    });
  });
  return timesheetById(platform, id);
}

export const approveTimesheet = (platform: Platform, caller: Caller, id: string) =>
  decide(platform, caller, id, 'APPROVE', null);

export const rejectTimesheet = (platform: Platform, caller: Caller, id: string, input: RejectionInput) =>
  decide(platform, caller, id, 'REJECT', input.reason);

async function timesheetById(platform: Platform, id: string) {
  const db = platform.database.db;
  const row = await store.findSheet(db, id);
  if (!row) throw new NotFound(SHEET_NOT_FOUND);
  const [view] = await sheetViews(db, [row]);
  return view as TimesheetView;
}

/** One sheet with its lines, for whoever reads the project (a partner's referent, their organisation's). */
export async function getTimesheet(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const row = await store.findSheet(db, id);
  if (!row || !canRead(actor, row.organisationId)) throw new NotFound(SHEET_NOT_FOUND);
  await auditRead(db, platform.clock, caller, 'project_timesheet', id);
  const [view] = await sheetViews(db, [row]);
  return view as TimesheetView;
}

/** A project's sheets, of one state when asked (the supervisor's queue is the sent ones). */
export async function timesheetQueue(
  platform: Platform,
  caller: Caller,
  projectId: string,
  status: TimesheetStatus | undefined,
): Promise<TimesheetQueue> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  await projectOrThrow(db, projectId);
  const rows = await store.sheets(db, { projectId, organisationId: organisationScope(actor), status });
  await auditRead(db, platform.clock, caller, 'project_timesheets', projectId, {
    status: status ?? null,
    sheets: rows.length,
  });
  return {
    sheets: await sheetViews(db, rows),
    can: { approve: hasPermission(actor, 'project.timesheets.approve') },
  };
}

/**
 * Locks approved sheets into a claim, inside the claim's own transaction (whose audit entry records them):
 * from then on they are never edited. Every sheet must be approved; otherwise nothing is locked.
 */
export async function lockTimesheets(db: Db, ids: readonly string[], claimId: string, at: Date) {
  const sheets = await store.lockSheets(db, [...new Set(ids)]);
  if (sheets.length !== new Set(ids).size) throw new NotFound(SHEET_NOT_FOUND);
  for (const sheet of sheets) moved(sheet.status, 'LOCK', sheet.month.slice(0, 7));
  await store.updateSheets(
    db,
    sheets.map((s) => s.id),
    { status: 'LOCKED', claimId, lockedAt: at, updatedAt: at },
  );
  return sheets.map((s) => ({ id: s.id, month: s.month.slice(0, 7) }));
}
