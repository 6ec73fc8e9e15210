/**
 * The contracts of the project's external assignments (the legal expert, the auditor, the WP supervisor, the
 * CTI consultant and any other external person), read by the legal expert, who checks every external individual
 * assignment and the timesheets and invoices paid under it. Only these contracts: the employees' records, with
 * their salaries, stay with those who read the project's finances. Every read is audited (a contract names a
 * person and their fee).
 */
import type { Caller } from '../../../kernel/auth.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import { PROJECT_NOT_FOUND } from '../service.ts';
import * as projectStore from '../store.ts';
import type { AssignmentList, AssignmentView } from './contract.ts';
import { hoursOf } from './rules.ts';
import * as store from './store.ts';

const ASSIGNMENT_NOT_FOUND = 'L’incarico non esiste.';

type StaffRow = NonNullable<Awaited<ReturnType<typeof store.findStaff>>>;

const hoursOrNull = (minutes: number | null) => (minutes === null ? null : hoursOf(minutes));

async function assignmentViews(platform: Platform, rows: readonly StaffRow[]): Promise<AssignmentView[]> {
  const counted = await store.countedMinutes(
    platform.database.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    organisation: row.organisation,
    personName: row.personName,
    kind: row.kind,
    contractReference: row.contractReference,
    contractStartsOn: row.contractStartsOn,
    contractEndsOn: row.contractEndsOn,
    monthlyHoursCap: hoursOrNull(row.monthlyMinutesCap),
    totalHoursCap: hoursOrNull(row.totalMinutesCap),
    feeCents: row.feeCents,
    deliverables: row.deliverables,
    hoursCounted: hoursOf(Number(counted.find((c) => c.staffId === row.id)?.minutes ?? 0)),
  }));
}

/** The contracts of a project's external assignments; the read is audited. */
export async function listAssignments(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<AssignmentList> {
  const db = platform.database.db;
  if (!(await projectStore.findProject(db, projectId))) throw new NotFound(PROJECT_NOT_FOUND);
  const rows = await store.assignmentsOf(db, projectId);
  await auditRead(db, platform.clock, caller, 'project_assignments', projectId, { contracts: rows.length });
  return { assignments: await assignmentViews(platform, rows) };
}

/** One external assignment's contract; an employee's record is not one (404). The read is audited. */
export async function getAssignment(platform: Platform, caller: Caller, id: string): Promise<AssignmentView> {
  const db = platform.database.db;
  const row = await store.findStaff(db, id);
  if (!row || row.kind === 'INTERNAL') throw new NotFound(ASSIGNMENT_NOT_FOUND);
  await auditRead(db, platform.clock, caller, 'project_staff', id, { projectId: row.projectId });
  const [view] = await assignmentViews(platform, [row]);
  return view as AssignmentView;
}
