/** The council's rules: the life of the minutes, who sees which version, overdue and reminded actions. */
import { Temporal } from 'temporal-polyfill';

export type MinutesStatus = 'NONE' | 'DRAFT' | 'CIRCULATED' | 'REVISED' | 'APPROVED';
export type MinutesStep = 'save' | 'circulate' | 'approve' | 'comment';

/**
 * The minutes go draft → circulated for comments → revised (and circulated again, if need be) → approved.
 * A saved text after circulation is a revision; approved minutes are final.
 */
const MINUTES_STEPS: Record<MinutesStep, Partial<Record<MinutesStatus, MinutesStatus>>> = {
  save: { NONE: 'DRAFT', DRAFT: 'DRAFT', CIRCULATED: 'REVISED', REVISED: 'REVISED' },
  circulate: { DRAFT: 'CIRCULATED', REVISED: 'CIRCULATED' },
  approve: { CIRCULATED: 'APPROVED', REVISED: 'APPROVED' },
  comment: { CIRCULATED: 'CIRCULATED' },
};

/** The status the minutes move to, or null when the step is not allowed from where they are. */
export function nextMinutesStatus(status: MinutesStatus, step: MinutesStep): MinutesStatus | null {
  return MINUTES_STEPS[step][status] ?? null;
}

/**
 * How many versions a reader sees: the secretariat every one; participants those up to the last one sent out
 * (a revision stays with the secretariat until it is circulated again; approval circulates the final one).
 */
export function visibleVersionCount(
  versions: number,
  circulatedVersion: number | null,
  canManage: boolean,
): number {
  return canManage ? versions : Math.min(versions, circulatedVersion ?? 0);
}

/** Open and in-progress actions whose due day has passed. */
export function isOverdue(action: { status: string; dueOn: string }, today: Temporal.PlainDate): boolean {
  return (
    (action.status === 'OPEN' || action.status === 'IN_PROGRESS') &&
    Temporal.PlainDate.compare(Temporal.PlainDate.from(action.dueOn), today) < 0
  );
}

/** Whether an open action is due within `daysBefore` days (today included) and has not been reminded yet. */
export function isReminderDue(
  action: { status: string; dueOn: string; remindedAt: Date | null },
  today: Temporal.PlainDate,
  daysBefore: number,
): boolean {
  if (action.remindedAt || (action.status !== 'OPEN' && action.status !== 'IN_PROGRESS')) return false;
  const due = Temporal.PlainDate.from(action.dueOn);
  return (
    Temporal.PlainDate.compare(due, today) >= 0 &&
    Temporal.PlainDate.compare(due, today.add({ days: daysBefore })) <= 0
  );
}

/** Days before the due date on which the owner of an action is reminded (secretariat practice). */
export const REMINDER_DAYS_BEFORE = 3;

/** Attendance per organisation over the meetings held: present / invited, as a whole percentage. */
export function attendanceRates(
  rows: readonly { organisationName: string; attended: boolean | null }[],
): { organisationName: string; invited: number; present: number; rate: number }[] {
  const byOrganisation = new Map<string, { invited: number; present: number }>();
  for (const row of rows) {
    const tally = byOrganisation.get(row.organisationName) ?? { invited: 0, present: 0 };
    byOrganisation.set(row.organisationName, {
      invited: tally.invited + 1,
      present: tally.present + (row.attended ? 1 : 0),
    });
  }
  return [...byOrganisation]
    .map(([organisationName, { invited, present }]) => ({
      organisationName,
      invited,
      present,
      rate: Math.round((present / invited) * 100),
    }))
    .sort((a, b) => b.rate - a.rate || a.organisationName.localeCompare(b.organisationName, 'it'));
}

/** Of the actions done, those done on or before their due day. */
export function isDoneOnTime(action: { status: string; dueOn: string; doneOn: string | null }): boolean {
  return action.status === 'DONE' && action.doneOn !== null && action.doneOn <= action.dueOn;
}
