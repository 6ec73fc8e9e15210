/**
 * The rules of staff contracts and timesheets, without I/O: the hourly cost of an employee and the cost of a
 * month's hours, what a contract must state, which months a sheet may be about, the caps on its hours, and the
 * states a sheet goes through.
 */
import { Temporal } from 'temporal-polyfill';

export type StaffKind =
  | 'INTERNAL'
  | 'EXTERNAL'
  | 'LEGAL_EXPERT'
  | 'AUDITOR'
  | 'WP_SUPERVISOR'
  | 'CTI_CONSULTANT';
export type TimesheetStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'LOCKED';
export type Fault = { path: string; message: string };
export type Period = { startsOn: string; endsOn: string };

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const monthFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const hoursFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/** A legal day in words: «12 marzo 2026». */
export const dayInWords = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));
/** A month (`YYYY-MM`) in words: «marzo 2026». */
export const monthInWords = (month: string) => monthFormat.format(new Date(`${month}-15T12:00:00Z`));
/** Hours in words: «7,5 ore», «1 ora». */
export const hoursInWords = (minutes: number) =>
  minutes === 60 ? '1 ora' : `${hoursFormat.format(minutes / 60)} ore`;

/** Minutes from typed hours, which come in quarters of an hour. */
export const minutesOf = (hours: number) => Math.round(hours * 60);
export const hoursOf = (minutes: number) => minutes / 60;

/** `a / b` for non-negative integers, to the nearest integer, half rounding up, with no floating-point step. */
function divideHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/**
 * An employee's hourly cost in cents: the annual gross cost (employer's charges included) divided by the annual
 * hours, to the cent, half a cent rounding up. The cost is checked by the auditor with the payslips.
 */
export const hourlyCostCents = (annualGrossCostCents: number, annualHours: number) =>
  divideHalfUp(annualGrossCostCents, annualHours);

/**
 * The staff cost of a month's hours in cents: total minutes × hourly cost ÷ 60, rounded once on the month's
 * total (half a cent up), never line by line, so the lines do not add rounding to the figure claimed.
 */
export const costCents = (minutes: number, hourlyCents: number) => divideHalfUp(minutes * hourlyCents, 60);

export type Contract = {
  kind: StaffKind;
  contractStartsOn: string;
  contractEndsOn: string;
  monthlyMinutesCap: number | null;
  totalMinutesCap: number | null;
  feeCents: number | null;
  deliverables: string | null;
  annualGrossCostCents: number | null;
  annualHours: number | null;
};

/** What is wrong with a contract as the project manager typed it, field by field. */
export function contractFaults(contract: Contract): Fault[] {
  const faults: Fault[] = [];
  if (contract.contractEndsOn < contract.contractStartsOn)
    faults.push({ path: 'contractEndsOn', message: 'La fine del contratto non può precedere l’inizio' });
  if (
    contract.monthlyMinutesCap === null &&
    contract.totalMinutesCap === null &&
    contract.deliverables === null
  )
    faults.push({
      path: 'monthlyHoursCap',
      message: 'Indicare le ore del contratto (al mese o in totale) o i prodotti attesi',
    });
  if (
    contract.monthlyMinutesCap !== null &&
    contract.totalMinutesCap !== null &&
    contract.monthlyMinutesCap > contract.totalMinutesCap
  )
    faults.push({ path: 'monthlyHoursCap', message: 'Le ore al mese non possono superare le ore totali' });
  if (contract.kind === 'INTERNAL') {
    if (contract.annualGrossCostCents === null)
      faults.push({
        path: 'annualGrossCostCents',
        message: 'Per il personale interno indicare il costo annuo lordo, oneri del datore compresi',
      });
    if (contract.annualHours === null)
      faults.push({
        path: 'annualHours',
        message: 'Per il personale interno indicare le ore lavorabili annue',
      });
    if (contract.feeCents !== null)
      faults.push({ path: 'feeCents', message: 'Il compenso si indica solo per gli incarichi esterni' });
  } else {
    if (contract.feeCents === null && contract.deliverables === null)
      faults.push({ path: 'feeCents', message: 'Indicare il compenso dell’incarico o i prodotti attesi' });
    if (contract.annualGrossCostCents !== null || contract.annualHours !== null)
      faults.push({
        path: 'annualGrossCostCents',
        message:
          'Il costo orario si calcola solo per il personale interno: per gli incarichi vale il compenso',
      });
  }
  return faults;
}

/** The first and last day of a month given as `YYYY-MM`. */
export function monthSpan(month: string): Period {
  const first = Temporal.PlainYearMonth.from(month);
  return {
    startsOn: first.toPlainDate({ day: 1 }).toString(),
    endsOn: first.toPlainDate({ day: first.daysInMonth }).toString(),
  };
}

const overlaps = (a: Period, b: Period) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

export type SheetLine = { workPackageId: string; itemId: string | null; minutes: number };

export type SheetCheck = {
  month: string;
  /** The month of today, `YYYY-MM`: a month not yet begun has no hours to declare. */
  currentMonth: string;
  contract: Contract;
  project: Period;
  lines: readonly SheetLine[];
  /** The activities of each of the project's work packages. */
  activities: ReadonlyMap<string, ReadonlySet<string>>;
  /** Minutes of the contract's other sheets already sent, approved or claimed. */
  otherMinutes: number;
};

/** What is wrong with a month's sheet: its month, each line, and its hours against the contract's caps. */
export function sheetFaults(check: SheetCheck): Fault[] {
  const faults: Fault[] = [];
  const span = monthSpan(check.month);
  const words = monthInWords(check.month);
  const { contract } = check;
  if (check.month > check.currentMonth)
    faults.push({
      path: 'month',
      message: `Non si compila il foglio ore di ${words}: il mese non è ancora iniziato`,
    });
  if (!overlaps(span, { startsOn: contract.contractStartsOn, endsOn: contract.contractEndsOn }))
    faults.push({
      path: 'month',
      message: `${capitalised(words)} è fuori dal periodo del contratto (dal ${dayInWords(contract.contractStartsOn)} al ${dayInWords(contract.contractEndsOn)})`,
    });
  if (!overlaps(span, check.project))
    faults.push({
      path: 'month',
      message: `${capitalised(words)} è fuori dal periodo del progetto (dal ${dayInWords(check.project.startsOn)} al ${dayInWords(check.project.endsOn)})`,
    });
  faults.push(...lineFaults(check.lines, check.activities));
  const total = check.lines.reduce((sum, line) => sum + line.minutes, 0);
  const daysInMonth = Temporal.PlainYearMonth.from(check.month).daysInMonth;
  if (total > daysInMonth * 24 * 60)
    faults.push({ path: 'lines', message: `Le ore superano quelle che ${words} contiene` });
  if (contract.monthlyMinutesCap !== null && total > contract.monthlyMinutesCap)
    faults.push({
      path: 'lines',
      message: `Le ore del mese (${hoursInWords(total)}) superano il limite mensile del contratto (${hoursInWords(contract.monthlyMinutesCap)})`,
    });
  if (contract.totalMinutesCap !== null && total + check.otherMinutes > contract.totalMinutesCap)
    faults.push({
      path: 'lines',
      message: `Con questo mese le ore del contratto salirebbero a ${hoursInWords(total + check.otherMinutes)}, oltre le ${hoursInWords(contract.totalMinutesCap)} previste`,
    });
  return faults;
}

function lineFaults(
  lines: readonly SheetLine[],
  activities: ReadonlyMap<string, ReadonlySet<string>>,
): Fault[] {
  const faults: Fault[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const inPackage = activities.get(line.workPackageId);
    if (!inPackage) {
      faults.push({
        path: `lines.${index}.workPackageId`,
        message: 'Scegliere un work package del progetto',
      });
      return;
    }
    if (line.itemId !== null && !inPackage.has(line.itemId))
      faults.push({ path: `lines.${index}.itemId`, message: 'Scegliere un’attività di questo work package' });
    const key = `${line.workPackageId}/${line.itemId ?? ''}`;
    if (seen.has(key))
      faults.push({
        path: `lines.${index}.itemId`,
        message: 'Questa attività è già in un’altra riga: sommare le ore lì',
      });
    seen.add(key);
  });
  return faults;
}

/** Why a month taken by a submitted claim gets no sheet written, sent or approved any more. */
export const claimedMonth = (month: string, claimNumber: number) =>
  `${capitalised(monthInWords(month))} è nella domanda di rimborso n. ${claimNumber}, già presentata: i fogli ore del mese non si compilano, non si inviano e non si approvano più.`;

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export type SheetAction = 'EDIT' | 'SUBMIT' | 'APPROVE' | 'REJECT' | 'LOCK';

const NEXT: Record<SheetAction, Partial<Record<TimesheetStatus, TimesheetStatus>>> = {
  EDIT: { DRAFT: 'DRAFT', REJECTED: 'DRAFT' },
  SUBMIT: { DRAFT: 'SUBMITTED', REJECTED: 'SUBMITTED' },
  APPROVE: { SUBMITTED: 'APPROVED' },
  REJECT: { SUBMITTED: 'REJECTED' },
  LOCK: { APPROVED: 'LOCKED' },
};

const WHY_NOT: Record<TimesheetStatus, (month: string) => string> = {
  DRAFT: (m) => `Il foglio ore di ${m} è ancora in compilazione: non è stato inviato`,
  SUBMITTED: (m) =>
    `Il foglio ore di ${m} è stato inviato: non si modifica, salvo che il supervisore lo respinga`,
  APPROVED: (m) => `Il foglio ore di ${m} è già approvato: non si modifica più`,
  REJECTED: (m) => `Il foglio ore di ${m} è stato respinto: va corretto e inviato di nuovo`,
  LOCKED: (m) => `Il foglio ore di ${m} è in una domanda di rimborso: è bloccato`,
};

/**
 * The state a sheet moves to, or why it cannot: a draft or a rejected sheet is edited and sent; the supervisor
 * approves or rejects a sent one; a claim locks an approved one. Nothing else moves.
 */
export function nextStatus(
  status: TimesheetStatus,
  action: SheetAction,
  month: string,
): { ok: true; status: TimesheetStatus } | { ok: false; message: string } {
  const next = NEXT[action][status];
  return next
    ? { ok: true, status: next }
    : { ok: false, message: `${WHY_NOT[status](monthInWords(month))}.` };
}
