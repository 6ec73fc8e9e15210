/** The project's staff and assignments with their contracts, and their monthly timesheets. */
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type StaffKind =
  | 'INTERNAL'
  | 'EXTERNAL'
  | 'LEGAL_EXPERT'
  | 'AUDITOR'
  | 'WP_SUPERVISOR'
  | 'CTI_CONSULTANT';
export type TimesheetStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'LOCKED';

export type ProjectStaffTable = {
  id: string;
  projectId: string;
  organisationId: string;
  userId: string | null;
  personName: string;
  kind: StaffKind;
  contractReference: string;
  contractStartsOn: LegalDay;
  contractEndsOn: LegalDay;
  monthlyMinutesCap: number | null;
  totalMinutesCap: number | null;
  feeCents: number | null;
  deliverables: string | null;
  annualGrossCostCents: number | null;
  annualHours: number | null;
  hourlyCostCents: number | null;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProjectTimesheetTable = {
  id: string;
  staffId: string;
  /** The first day of the month the sheet is about. */
  month: LegalDay;
  status: TimesheetStatus;
  totalMinutes: number;
  submittedAt: NullableInstant;
  /** Who sent the sheet: never the one who approves it. */
  submittedBy: string | null;
  decidedAt: NullableInstant;
  decidedBy: string | null;
  decidedByName: string | null;
  rejectionReason: string | null;
  /** Frozen at approval, with the cost they give. */
  hourlyCostCents: number | null;
  costCents: number | null;
  claimId: string | null;
  lockedAt: NullableInstant;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProjectTimesheetLineTable = {
  id: string;
  timesheetId: string;
  workPackageId: string;
  itemId: string | null;
  minutes: number;
  note: string | null;
};

export type ProjectTimeTables = {
  projectStaff: ProjectStaffTable;
  projectTimesheet: ProjectTimesheetTable;
  projectTimesheetLine: ProjectTimesheetLineTable;
};
