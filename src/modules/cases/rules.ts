/**
 * The workflow engine of case files: which actions a case allows now, and what one does. It reads the case
 * type's definition (`law/definitions.ts`) and the case as it is; the legal clock comes from `law/deadlines.ts`. Pure:
 * no I/O, today is an argument.
 */
import { Temporal } from 'temporal-polyfill';
import type { HolidayCalendar } from './law/calendar.ts';
import { type CaseEvent, computeDeadline, type Deadline, type TermStartEvent } from './law/deadlines.ts';
import { ACTIONS, type Action, type CaseTypeVersion, GUARDS, type Guard } from './law/definitions.ts';
import { type CaseRules, clockRulesOn, type IsoDate } from './law/law.ts';
import {
  longDate,
  mayDecideAfterNotice,
  type ObservationWindow,
  observationWindowOn,
} from './outcomes/rules.ts';

type PlainDate = Temporal.PlainDate;

export type OpinionFact = { body: string; outcome: 'FAVOURABLE' | 'UNFAVOURABLE' | 'SILENT_CONSENT' | null };

/** The case as the engine needs to see it. */
export type CaseFacts = {
  state: string;
  submittedOn: PlainDate;
  /** The day the request was imputed to the quota (art. 21 c.1 TUI); null outside the quotas or not yet. */
  quotaImputedOn: PlainDate | null;
  /** The events that move the legal clock, with their legal day. */
  clockEvents: readonly CaseEvent[];
  opinions: readonly OpinionFact[];
  /** Required checklist items with no document yet. */
  missingDocuments: readonly string[];
  /** Admitted within the quota (true for types outside the quotas). */
  quotaAvailable: boolean;
  highRiskCountry: boolean;
  /** The list of high-risk countries for the case's year is confirmed. */
  riskListConfirmed: boolean;
};

export type ActionOption = {
  action: Action;
  label: string;
  to: string;
  reasonRequired: boolean;
  /** Empty when the action may be taken now. */
  blockedBy: { guard: Guard; message: string }[];
};

export type Decision =
  | {
      ok: true;
      action: Action;
      from: string;
      to: string;
      closed: boolean;
      awaitingOpinions: boolean;
      clockEvent: CaseEvent['kind'] | null;
      outcome: string | null;
    }
  | { ok: false; code: 'NOT_ALLOWED_NOW'; state: string; allowed: Action[] }
  | { ok: false; code: 'GUARD_FAILED'; blockedBy: { guard: Guard; message: string }[] }
  | { ok: false; code: 'REASON_REQUIRED' };

/** The term and clock rules a case follows: its definition version's term, the clock rules of its day. */
export function caseRules(definition: CaseTypeVersion, submittedOn: PlainDate): CaseRules {
  const clock = clockRulesOn(submittedOn);
  if (!clock) throw new RangeError(`no clock rules in force on ${submittedOn}`);
  return {
    caseType: definition.code,
    term: { validFrom: definition.validFrom as IsoDate, ...definition.term },
    clock,
  };
}

/** An unfavourable answer of a body whose refusal is an impediment (motivi ostativi, art. 22 c.5.01 TUI). */
export function impedimentFound(definition: CaseTypeVersion, opinions: readonly OpinionFact[]): boolean {
  const impeding = new Set<string>(
    definition.opinions.filter((o) => o.impedimentOnUnfavourable).map((o) => o.body),
  );
  return opinions.some((opinion) => opinion.outcome === 'UNFAVOURABLE' && impeding.has(opinion.body));
}

export function deadlineOf(
  definition: CaseTypeVersion,
  facts: CaseFacts,
  calendar: HolidayCalendar,
  today: PlainDate,
): Deadline {
  const start: TermStartEvent =
    definition.term.startsFrom === 'QUOTA_IMPUTATION'
      ? { event: 'QUOTA_IMPUTATION', on: facts.quotaImputedOn }
      : { event: 'SUBMISSION', on: facts.submittedOn };
  return computeDeadline({
    submittedOn: facts.submittedOn,
    start,
    events: facts.clockEvents,
    rules: caseRules(definition, facts.submittedOn),
    calendar,
    today,
    silence: {
      impedimentFound: impedimentFound(definition, facts.opinions),
      quotaAvailable: facts.quotaAvailable,
      highRiskCountry: facts.highRiskCountry,
      riskListConfirmed: facts.riskListConfirmed,
    },
  });
}

/** art. 10-bis L. 241/1990: where the applicant's window for observations after the latest notice stands. */
export function observationWindowOf(facts: CaseFacts, calendar: HolidayCalendar, today: PlainDate) {
  const observationDays = clockRulesOn(facts.submittedOn)?.rejectionNotice.observationDays ?? 0;
  return observationWindowOn(facts.clockEvents, observationDays, calendar, today);
}

/** Why the office cannot yet decide on a notice's grounds, in the words of the case page. */
function noticeBlocker(window: ObservationWindow): string {
  switch (window.state) {
    case 'AWAITING_RECEIPT':
      return (
        'Il ricevimento del preavviso di rigetto non è registrato: i 10 giorni per le osservazioni ' +
        'non sono ancora iniziati'
      );
    case 'OPEN':
      return `Il richiedente può presentare osservazioni fino al ${longDate(window.lastDay)} compreso`;
    default:
      return GUARDS.REJECTION_NOTICE_GIVEN;
  }
}

type Context = { deadline: Deadline; calendar: HolidayCalendar; today: PlainDate };

function guardHolds(guard: Guard, definition: CaseTypeVersion, facts: CaseFacts, context: Context) {
  switch (guard) {
    case 'OPINIONS_COMPLETE':
      return definition.opinions.every((required) =>
        facts.opinions.some((opinion) => opinion.body === required.body && opinion.outcome !== null),
      );
    case 'NO_UNFAVOURABLE_OPINION':
      return !facts.opinions.some((opinion) => opinion.outcome === 'UNFAVOURABLE');
    case 'CHECKLIST_COMPLETE':
      return facts.missingDocuments.length === 0;
    case 'SILENCE_CONSENT':
      return context.deadline.canIssueBySilence;
    case 'REJECTION_NOTICE_GIVEN':
      return mayDecideAfterNotice(observationWindowOf(facts, context.calendar, context.today));
  }
}

function blockerMessage(guard: Guard, definition: CaseTypeVersion, facts: CaseFacts, context: Context) {
  switch (guard) {
    case 'CHECKLIST_COMPLETE': {
      const labels = facts.missingDocuments.map(
        (code) => definition.documents.find((document) => document.code === code)?.label ?? code,
      );
      return `${GUARDS[guard]}: mancano ${labels.join(', ')}`;
    }
    case 'REJECTION_NOTICE_GIVEN':
      return noticeBlocker(observationWindowOf(facts, context.calendar, context.today));
    default:
      return GUARDS[guard];
  }
}

function blockersOf(
  guards: readonly Guard[],
  definition: CaseTypeVersion,
  facts: CaseFacts,
  context: Context,
) {
  return guards
    .filter((guard) => !guardHolds(guard, definition, facts, context))
    .map((guard) => ({ guard, message: blockerMessage(guard, definition, facts, context) }));
}

/** Every action the case's state allows, each with what still blocks it. */
export function actionsFor(
  definition: CaseTypeVersion,
  facts: CaseFacts,
  deadline: Deadline,
  today: PlainDate,
  calendar: HolidayCalendar,
): ActionOption[] {
  return definition.transitions
    .filter((transition) => transition.from.includes(facts.state))
    .map((transition) => ({
      action: transition.action,
      label: ACTIONS[transition.action],
      to: transition.to,
      reasonRequired: transition.reasonRequired,
      blockedBy: blockersOf(transition.guards, definition, facts, { deadline, calendar, today }),
    }));
}

/** Whether `action` may be taken now and, if so, what it does. */
export function decide(
  definition: CaseTypeVersion,
  facts: CaseFacts,
  request: { action: Action; reason: string | null },
  deadline: Deadline,
  today: PlainDate,
  calendar: HolidayCalendar,
): Decision {
  const options = actionsFor(definition, facts, deadline, today, calendar);
  const option = options.find((candidate) => candidate.action === request.action);
  if (!option)
    return { ok: false, code: 'NOT_ALLOWED_NOW', state: facts.state, allowed: options.map((o) => o.action) };
  if (option.blockedBy.length) return { ok: false, code: 'GUARD_FAILED', blockedBy: option.blockedBy };
  if (option.reasonRequired && !request.reason?.trim()) return { ok: false, code: 'REASON_REQUIRED' };
  const transition = definition.transitions.find(
    (candidate) => candidate.action === request.action && candidate.from.includes(facts.state),
  );
  const target = definition.states.find((state) => state.code === option.to);
  if (!transition || !target) throw new RangeError(`definition ${definition.code} is inconsistent`);
  return {
    ok: true,
    action: request.action,
    from: facts.state,
    to: target.code,
    closed: target.closed,
    awaitingOpinions: target.awaitingOpinions,
    clockEvent: transition.clockEvent,
    outcome: transition.outcome,
  };
}

/** The days that divide due dates on one day: before `today` overdue, from it to `dueSoonUntil` due soon. */
export type DueDateBounds = { today: string; dueSoonUntil: string };

export function dueDateBoundsOn(today: PlainDate, dueSoonDays: number): DueDateBounds {
  return { today: today.toString(), dueSoonUntil: today.add({ days: dueSoonDays }).toString() };
}

/**
 * How the worklist reads a legal due date on the day of `bounds`. ISO dates compare as text in calendar
 * order, so a page of cases costs no date arithmetic.
 */
export function deadlineStatusOn(
  dueOn: string | null,
  suspended: boolean,
  bounds: DueDateBounds,
): 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'SUSPENDED' | 'CLOSED' {
  if (dueOn === null) return 'CLOSED';
  if (suspended) return 'SUSPENDED';
  if (dueOn < bounds.today) return 'OVERDUE';
  return dueOn <= bounds.dueSoonUntil ? 'DUE_SOON' : 'ON_TIME';
}

/** The required checklist items of a case type that no current document answers, in checklist order. */
export function missingDocumentsOf(definition: CaseTypeVersion, presentCodes: Iterable<string>): string[] {
  const present = new Set(presentCodes);
  return definition.documents
    .filter((document) => document.required && !present.has(document.code))
    .map((document) => document.code);
}

/** How the public check describes an outcome document today: valid, expired, or issued with no time limit. */
export function outcomeStateOn(
  validUntil: PlainDate | null,
  today: PlainDate,
): 'valido' | 'scaduto' | 'emesso' {
  if (validUntil === null) return 'emesso';
  return Temporal.PlainDate.compare(today, validUntil) <= 0 ? 'valido' : 'scaduto';
}
