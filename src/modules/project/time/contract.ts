/**
 * The API of the project's staff and timesheets: who works on the project under which contract (staff of the
 * partners and the four assignments), the hourly cost of employees, and the monthly timesheets with hours per
 * work package and activity, from draft to approval and to the claim that locks them.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';

export const STAFF_KINDS = {
  INTERNAL: 'Personale interno',
  EXTERNAL: 'Personale esterno',
  LEGAL_EXPERT: 'Esperto legale',
  AUDITOR: 'Revisore indipendente',
  WP_SUPERVISOR: 'Supervisore delle WP',
  CTI_CONSULTANT: 'Consulente per la concertazione territoriale e il CTI',
} as const;
export type StaffKind = keyof typeof STAFF_KINDS;

export const TIMESHEET_STATUSES = {
  DRAFT: 'In compilazione',
  SUBMITTED: 'Inviato',
  APPROVED: 'Approvato',
  REJECTED: 'Respinto',
  LOCKED: 'In domanda di rimborso',
} as const;
export type TimesheetStatus = keyof typeof TIMESHEET_STATUSES;

const staffKind = z.enum(
  Object.keys(STAFF_KINDS) as [StaffKind, ...StaffKind[]],
  'Scegliere il tipo dall’elenco',
);
const timesheetStatus = z.enum(Object.keys(TIMESHEET_STATUSES) as [TimesheetStatus, ...TimesheetStatus[]]);

/** Hours as typed: quarters of an hour, so that minutes stay whole. */
const hours = (max: number) =>
  z
    .number('Indicare le ore')
    .positive('Le ore devono essere più di zero')
    .max(max, `al massimo ${max.toLocaleString('it-IT')} ore`)
    .refine((value) => Number.isInteger(value * 4), 'Le ore si indicano a quarti d’ora (per esempio 7,25)');

const cents = z
  .number()
  .int('Indicare l’importo in centesimi')
  .nonnegative('L’importo non può essere negativo');

/** `YYYY-MM`, the month a timesheet is about. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Indicare il mese');

export const staffInput = z.object({
  organisationId: z.uuid('Scegliere un ente dall’elenco'),
  /** The LOVIT account of the person, by its e-mail address: whoever signs in with it fills in the sheets. */
  userEmail: z.email('Indirizzo e-mail non valido').trim().toLowerCase().nullable().optional(),
  personName: text(200),
  kind: staffKind,
  contractReference: text(120),
  contractStartsOn: legalDay,
  contractEndsOn: legalDay,
  /** The most hours a month the contract allows (31 days × 24 hours at most). */
  monthlyHoursCap: hours(744).nullable().optional(),
  totalHoursCap: hours(100_000).nullable().optional(),
  /** The fee of an external assignment, in euro cents. */
  feeCents: cents.max(100_000_000_00, 'Importo troppo alto').nullable().optional(),
  deliverables: multilineText(2000).nullable().optional(),
  /** For employees: the annual gross cost including the employer's charges, in euro cents. */
  annualGrossCostCents: cents
    .positive('Il costo annuo deve essere più di zero')
    .max(10_000_000_00, 'Importo troppo alto')
    .nullable()
    .optional(),
  /** For employees: the hours a year the cost is divided by (e.g. 1.720). */
  annualHours: z
    .number('Indicare le ore annue')
    .int('Le ore annue sono un numero intero')
    .min(1, 'Le ore annue devono essere più di zero')
    .max(8784, 'Un anno ha al più 8.784 ore')
    .nullable()
    .optional(),
});
export type StaffInput = z.infer<typeof staffInput>;

export const staffView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  organisationId: z.uuid(),
  organisation: z.string(),
  userId: z.uuid().nullable(),
  userEmail: z.string().nullable(),
  personName: z.string(),
  kind: staffKind,
  contractReference: z.string(),
  contractStartsOn: z.string(),
  contractEndsOn: z.string(),
  monthlyHoursCap: z.number().nullable(),
  totalHoursCap: z.number().nullable(),
  feeCents: z.number().int().nullable(),
  deliverables: z.string().nullable(),
  annualGrossCostCents: z.number().int().nullable(),
  annualHours: z.number().int().nullable(),
  /** Annual gross cost ÷ annual hours, to the cent (half a cent rounds up). */
  hourlyCostCents: z.number().int().nullable(),
  /** Hours of the sheets sent, approved or claimed: what counts against the contract's total. */
  hoursCounted: z.number(),
});
export type StaffView = z.infer<typeof staffView>;

export const staffRegister = z.object({
  staff: z.array(staffView),
  partners: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
  can: z.object({ manage: z.boolean() }),
});
export type StaffRegister = z.infer<typeof staffRegister>;

/**
 * The contract of an external assignment (anything but an employee's), as the legal expert checks it: period,
 * hours or deliverables, fee, and the hours the sheets sent so far count against it. No cost of employees.
 */
export const assignmentView = z.object({
  id: z.uuid(),
  organisation: z.string(),
  personName: z.string(),
  kind: staffKind,
  contractReference: z.string(),
  contractStartsOn: z.string(),
  contractEndsOn: z.string(),
  monthlyHoursCap: z.number().nullable(),
  totalHoursCap: z.number().nullable(),
  feeCents: z.number().int().nullable(),
  deliverables: z.string().nullable(),
  hoursCounted: z.number(),
});
export type AssignmentView = z.infer<typeof assignmentView>;

export const assignmentList = z.object({ assignments: z.array(assignmentView) });
export type AssignmentList = z.infer<typeof assignmentList>;

export const timesheetLineInput = z.object({
  workPackageId: z.uuid('Scegliere un work package dall’elenco'),
  itemId: z.uuid('Scegliere un’attività dall’elenco').nullable().optional(),
  hours: hours(744),
  note: text(500).nullable().optional(),
});

export const timesheetInput = z.object({
  lines: z.array(timesheetLineInput).max(60, 'Al massimo 60 righe'),
});
export type TimesheetInput = z.infer<typeof timesheetInput>;

export const rejectionInput = z.object({ reason: multilineText(2000) });
export type RejectionInput = z.infer<typeof rejectionInput>;

export const timesheetView = z.object({
  id: z.uuid(),
  staffId: z.uuid(),
  personName: z.string(),
  organisation: z.string(),
  kind: staffKind,
  month: z.string(),
  status: timesheetStatus,
  hours: z.number(),
  lines: z.array(
    z.object({
      workPackageId: z.uuid(),
      workPackage: z.string(),
      itemId: z.uuid().nullable(),
      item: z.string().nullable(),
      hours: z.number(),
      note: z.string().nullable(),
    }),
  ),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  /** The hourly cost the sheet is valued at: frozen at approval, the contract's current one before. */
  hourlyCostCents: z.number().int().nullable(),
  /** Hours × hourly cost, to the cent: the staff cost charged, once approved. */
  costCents: z.number().int().nullable(),
  claimId: z.uuid().nullable(),
});
export type TimesheetView = z.infer<typeof timesheetView>;

export const timesheetQueue = z.object({
  sheets: z.array(timesheetView),
  can: z.object({ approve: z.boolean() }),
});
export type TimesheetQueue = z.infer<typeof timesheetQueue>;

export const queueQuery = z.object({ status: timesheetStatus.optional() });

/** What a person needs to fill in their sheets: their contracts in the project, the sheets, the activities. */
export const myTimesheets = z.object({
  contracts: z.array(
    staffView.pick({
      id: true,
      organisation: true,
      kind: true,
      contractReference: true,
      contractStartsOn: true,
      contractEndsOn: true,
      monthlyHoursCap: true,
      totalHoursCap: true,
      hoursCounted: true,
    }),
  ),
  sheets: z.array(timesheetView),
  workPackages: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      activities: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string() })),
    }),
  ),
  projectStartsOn: z.string(),
  projectEndsOn: z.string(),
});
export type MyTimesheets = z.infer<typeof myTimesheets>;
