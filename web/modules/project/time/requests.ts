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
} from '../../../../src/modules/project/time/contract.ts';
import { api } from '../../../app/api.ts';

export { STAFF_KINDS, TIMESHEET_STATUSES } from '../../../../src/modules/project/time/contract.ts';
export type { MyTimesheets, StaffInput, StaffView, TimesheetStatus, TimesheetView };

export const timeKeys = {
  staff: (projectId: string) => ['project', 'staff', projectId] as const,
  mine: (projectId: string) => ['project', 'timesheets', projectId, 'mine'] as const,
  queue: (projectId: string, status: string) =>
    ['project', 'timesheets', projectId, 'queue', status] as const,
  sheets: (projectId: string) => ['project', 'timesheets', projectId] as const,
};

export const time = {
  register: (projectId: string) => api.get<StaffRegister>(`/api/project/projects/${projectId}/staff`),
  addStaff: (projectId: string, input: StaffInput) =>
    api.post<StaffView>(`/api/project/projects/${projectId}/staff`, input),
  updateStaff: (id: string, input: StaffInput) => api.put<StaffView>(`/api/project/staff/${id}`, input),
  mine: (projectId: string) => api.get<MyTimesheets>(`/api/project/projects/${projectId}/timesheets/mine`),
  save: (staffId: string, month: string, input: TimesheetInput) =>
    api.put<TimesheetView>(`/api/project/staff/${staffId}/timesheets/${month}`, input),
  submit: (staffId: string, month: string) =>
    api.post<TimesheetView>(`/api/project/staff/${staffId}/timesheets/${month}/submit`),
  queue: (projectId: string, status: TimesheetStatus | '') =>
    api.get<TimesheetQueue>(
      `/api/project/projects/${projectId}/timesheets`,
      status === '' ? undefined : { status },
    ),
  approve: (id: string) => api.post<TimesheetView>(`/api/project/timesheets/${id}/approve`),
  reject: (id: string, input: RejectionInput) =>
    api.post<TimesheetView>(`/api/project/timesheets/${id}/reject`, input),
};

const euroFormat = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });
const hoursFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

export const euro = (cents: number) => euroFormat.format(cents / 100);
export const hoursText = (hours: number) => hoursFormat.format(hours);

/** Euro as typed in Italian («38.500,00», «38500») in cents; null when it is not an amount. */
export function centsOf(typed: string): number | null {
  const compact = typed.replace(/[\s€]/g, '');
  const normalised = compact.includes(',')
    ? compact.replace(/\./g, '').replace(',', '.')
    : compact.replace(/\.(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
}

/** Hours as typed in Italian («7,5», «7.5»); null when they are not a number. */
export function hoursOfText(typed: string): number | null {
  const normalised = typed.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Number(normalised);
}

/** A month (`YYYY-MM`) in words: «marzo 2026». */
export const monthText = (month: string) =>
  new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
