/**
 * The legal clock of a SUI case file: from its events, the rules in force on its submission date and the
 * office calendar, the legal due date, the days left and whether the clearance is due by silence. Pure: today
 * is an argument.
 *
 * A suspension is the span of days [from, to) that do not count. The day of the request or notice still counts
 * if the term is running; the day the term restarts from does not (art. 2963 c.c.: the first day is not
 * counted), so `from` is the day after the event and `to` the day after the restart: the day after the
 * documents arrive, after the last day of the applicant's window, or after the tenth day from the observations.
 */
import { Temporal } from 'temporal-polyfill';
import { type HolidayCalendar, nonWorkingReason, workingDayOnOrAfter } from './calendar.ts';
import type { CaseRules, ClockRules, TermStart, TermVersion } from './law.ts';

type PlainDate = Temporal.PlainDate;

/** Office policy, not law: how near the legal due date must be for a case to show as due soon. */
export const DEADLINE_POLICY: DeadlinePolicy = { dueSoonDays: 7 };
export type DeadlinePolicy = { dueSoonDays: number };

export const CASE_EVENT_KINDS = [
  'INTEGRATION_REQUESTED',
  'DOCUMENTS_RECEIVED',
  'REJECTION_NOTICE_SENT',
  'REJECTION_NOTICE_RECEIVED',
  'OBSERVATIONS_RECEIVED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Something that happened to the case on a legal day. Events of one day are taken in the order given. */
export type CaseEvent = { kind: CaseEventKind; on: PlainDate };

export type SuspensionKind = 'INTEGRATION_REQUEST' | 'REJECTION_NOTICE';

export type Suspension = {
  kind: SuspensionKind;
  /** First day that does not count. */
  from: PlainDate;
  /** First day that counts again. */
  to: PlainDate;
  days: number;
  /** Still under way today (documents or observations awaited, or the restart not reached yet). */
  ongoing: boolean;
  /** Cut at the legal maximum although the documents came later or never. */
  capped: boolean;
  legalBasis: string;
  /**
   * For a preavviso di rigetto: the applicant's window for observations. Null receipt while none is recorded:
   * the window has not started and the suspension lasts.
   */
  observationWindow?: ObservationWindowSpan;
};

/** art. 10-bis L. 241/1990: 10 days from the receipt of the notice, the last one moved off a holiday. */
export type ObservationWindowSpan = {
  receivedOn: PlainDate | null;
  lastDay: PlainDate | null;
  rollOver: RollOver | null;
  /** The day observations were filed, which sets the restart of the term. */
  observationsOn: PlainDate | null;
};

export type IgnoredReason =
  | 'BEFORE_SUBMISSION'
  | 'INTEGRATION_SUSPENSION_ALREADY_USED'
  | 'NO_PENDING_INTEGRATION_REQUEST'
  | 'NO_PENDING_REJECTION_NOTICE'
  | 'OBSERVATIONS_AFTER_WINDOW'
  | 'TERM_ALREADY_EXPIRED';

export type IgnoredEvent = { event: CaseEvent; reason: IgnoredReason };

export type DeadlineStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'SUSPENDED';

/** What decides automatic issue once the term has passed, as known today. */
export type SilenceFacts = {
  /** The Questura communicated grounds for refusal (motivi ostativi). */
  impedimentFound: boolean;
  quotaAvailable: boolean;
  /** The worker's country is on the yearly list of high-risk countries. */
  highRiskCountry: boolean;
  /** The list of high-risk countries for the case's year is recorded and confirmed by the manager. */
  riskListConfirmed: boolean;
};

export type SilenceReason =
  | 'NOT_PROVIDED_BY_LAW'
  | 'TERM_NOT_STARTED'
  | 'TERM_RUNNING'
  | 'RISK_LIST_NOT_CONFIRMED'
  | 'IMPEDIMENT_FOUND'
  | 'HIGH_RISK_COUNTRY'
  | 'NO_QUOTA_AVAILABLE'
  | 'TERM_EXPIRED_WITHOUT_IMPEDIMENT';

/**
 * The event the term runs from and its day: null while it has not happened (a request not yet imputed to the
 * quota), in which case the due date is counted from the submission and silence is never offered.
 */
export type TermStartEvent = { event: TermStart; on: PlainDate | null };

/** A last day of the term that is not a working day, moved to the next one (art. 155 c.4 c.p.c.). */
export type RollOver = {
  from: PlainDate;
  to: PlainDate;
  /** The days skipped, with why each is not a working day. */
  skipped: { date: PlainDate; reason: string }[];
};

export type DeadlineInput = {
  submittedOn: PlainDate;
  start: TermStartEvent;
  events: readonly CaseEvent[];
  rules: CaseRules;
  calendar: HolidayCalendar;
  today: PlainDate;
  silence: SilenceFacts;
  policy?: DeadlinePolicy;
};

export type Deadline = {
  /** The starting event and the day the count starts from (that day itself is not counted). */
  start: { event: TermStart; on: PlainDate; recorded: boolean };
  termDays: number;
  termValidFrom: string;
  /** The due date from the term alone, before suspensions and roll-overs. */
  baseDueDate: PlainDate;
  legalDueDate: PlainDate;
  /** The last day of the term before moving off a Sunday, a holiday or a non-working Saturday. */
  unadjustedDueDate: PlainDate;
  /** Calendar days from today to the legal due date; negative when overdue. */
  daysLeft: number;
  status: DeadlineStatus;
  /** Days added to the term by the suspensions, overlaps counted once. */
  suspendedDays: number;
  suspensions: Suspension[];
  /** Each last day moved off a Sunday or holiday, in order: one inside the term when a suspension began on it. */
  rollOvers: RollOver[];
  ignoredEvents: IgnoredEvent[];
  canIssueBySilence: boolean;
  silenceReason: SilenceReason;
  legalBasis: string;
};

type IntegrationRecord = { requested: CaseEvent; documents: CaseEvent | null };
type NoticeRecord = { sent: CaseEvent; received: CaseEvent | null; observations: CaseEvent | null };
type Ledger = { integrations: IntegrationRecord[]; notices: NoticeRecord[]; ignored: IgnoredEvent[] };
/** A suspension with the events that opened and closed it, and the day of the one that opened it. */
type Candidate = Suspension & { events: CaseEvent[]; opened: PlainDate };

const compare = Temporal.PlainDate.compare;
const later = (a: PlainDate, b: PlainDate) => (compare(a, b) >= 0 ? a : b);
const earlier = (a: PlainDate, b: PlainDate) => (compare(a, b) <= 0 ? a : b);
const daysBetween = (from: PlainDate, to: PlainDate) => from.until(to, { largestUnit: 'days' }).days;

/**
 * art. 10-bis L. 241/1990: the applicant has 10 days from receipt of the notice to file observations; a last
 * day that is a Sunday or holiday moves to the next working day (art. 2963 c.c., art. 155 c.4 c.p.c.).
 */
export function lastDayForObservations(
  receivedOn: PlainDate,
  days: number,
  calendar: HolidayCalendar,
): PlainDate {
  return workingDayOnOrAfter(receivedOn.add({ days }), calendar);
}

/** The window of a notice: not started (null) while its receipt is not recorded. */
function observationWindowEnd(
  notice: NoticeRecord,
  clock: ClockRules,
  calendar: HolidayCalendar,
): PlainDate | null {
  if (!notice.received) return null;
  return lastDayForObservations(notice.received.on, clock.rejectionNotice.observationDays, calendar);
}

/** Files one event in the ledger, or says why it cannot move the clock. */
function fileEvent(
  ledger: Ledger,
  event: CaseEvent,
  clock: ClockRules,
  calendar: HolidayCalendar,
): IgnoredReason | null {
  switch (event.kind) {
    case 'INTEGRATION_REQUESTED':
      // art. 2 c.7 L. 241/1990: the term is suspended once only
      if (ledger.integrations.length >= clock.integration.maxSuspensions)
        return 'INTEGRATION_SUSPENSION_ALREADY_USED';
      ledger.integrations.push({ requested: event, documents: null });
      return null;
    case 'DOCUMENTS_RECEIVED': {
      const pending = ledger.integrations.findLast((record) => record.documents === null);
      if (!pending) return 'NO_PENDING_INTEGRATION_REQUEST';
      pending.documents = event;
      return null;
    }
    case 'REJECTION_NOTICE_SENT':
      ledger.notices.push({ sent: event, received: null, observations: null });
      return null;
    case 'REJECTION_NOTICE_RECEIVED': {
      const pending = ledger.notices.findLast(
        (notice) => notice.received === null && notice.observations === null,
      );
      if (!pending) return 'NO_PENDING_REJECTION_NOTICE';
      pending.received = event;
      return null;
    }
    case 'OBSERVATIONS_RECEIVED': {
      const pending = ledger.notices.findLast((notice) => notice.observations === null);
      if (!pending) return 'NO_PENDING_REJECTION_NOTICE';
      // observations filed before a receipt is recorded show the notice was received: they are on time
      const windowEnd = observationWindowEnd(pending, clock, calendar);
      if (windowEnd && compare(event.on, windowEnd) > 0) return 'OBSERVATIONS_AFTER_WINDOW';
      pending.observations = event;
      return null;
    }
  }
}

function fileEvents(
  events: readonly CaseEvent[],
  submittedOn: PlainDate,
  clock: ClockRules,
  calendar: HolidayCalendar,
): Ledger {
  const ledger: Ledger = { integrations: [], notices: [], ignored: [] };
  const chronological = [...events].sort((a, b) => compare(a.on, b.on));
  for (const event of chronological) {
    const reason =
      compare(event.on, submittedOn) < 0 ? 'BEFORE_SUBMISSION' : fileEvent(ledger, event, clock, calendar);
    if (reason) ledger.ignored.push({ event, reason });
  }
  return ledger;
}

/**
 * A suspension opened by an event, up to the day the term restarts from: the days after the event up to that
 * day included do not count, never before the clock starts and never ending before it begins.
 */
function span(
  kind: SuspensionKind,
  events: [CaseEvent, ...(CaseEvent | null)[]],
  restartsFrom: PlainDate,
  context: { clockStart: PlainDate; today: PlainDate; capped: boolean; legalBasis: string },
): Candidate {
  const [opening] = events;
  const from = later(opening.on.add({ days: 1 }), context.clockStart);
  const to = later(restartsFrom.add({ days: 1 }), from);
  // A span of no days (documents received the day they were asked for) never stops the clock; a request still
  // awaited stops it from the day it was made, even before the clock's first day.
  const awaited = events[events.length - 1] === null;
  const ongoing =
    (awaited || compare(from, to) < 0) &&
    compare(opening.on, context.today) <= 0 &&
    compare(context.today, to) < 0;
  const { capped, legalBasis } = context;
  const recorded = events.filter((event) => event !== null);
  const days = daysBetween(from, to);
  return { kind, from, to, days, ongoing, capped, legalBasis, events: recorded, opened: opening.on };
}

/** art. 2 c.7 L. 241/1990: until the documents arrive, at most 30 days; while awaited, up to today. */
function integrationSuspension(
  record: IntegrationRecord,
  clock: ClockRules,
  clockStart: PlainDate,
  today: PlainDate,
): Candidate {
  const cap = record.requested.on.add({ days: clock.integration.maxDays });
  const end = record.documents?.on ?? today;
  const capped = compare(end, cap) > 0;
  const legalBasis = clock.integration.legalBasis;
  const events: [CaseEvent, CaseEvent | null] = [record.requested, record.documents];
  return span('INTEGRATION_REQUEST', events, earlier(end, cap), { clockStart, today, capped, legalBasis });
}

/**
 * art. 10-bis L. 241/1990: restarts 10 days after the observations, or when their window closes; while the
 * receipt is not recorded the window has not started, so the term stays suspended up to today.
 */
function noticeSuspension(
  record: NoticeRecord,
  clock: ClockRules,
  calendar: HolidayCalendar,
  clockStart: PlainDate,
  today: PlainDate,
): Candidate {
  const { restartAfterObservationsDays, observationDays, legalBasis } = clock.rejectionNotice;
  const lastDay = observationWindowEnd(record, clock, calendar);
  const end = record.observations
    ? record.observations.on.add({ days: restartAfterObservationsDays })
    : (lastDay ?? today);
  const received = record.received?.on ?? null;
  const observationWindow: ObservationWindowSpan = {
    receivedOn: received,
    lastDay,
    rollOver: received && rollOver(received.add({ days: observationDays }), calendar),
    observationsOn: record.observations?.on ?? null,
  };
  const events: [CaseEvent, CaseEvent | null, CaseEvent | null] = [
    record.sent,
    record.received,
    record.observations,
  ];
  const context = { clockStart, today, capped: false, legalBasis };
  return { ...span('REJECTION_NOTICE', events, end, context), observationWindow };
}

function rollOver(from: PlainDate, calendar: HolidayCalendar): RollOver | null {
  const to = workingDayOnOrAfter(from, calendar);
  if (to.equals(from)) return null;
  const skipped: RollOver['skipped'] = [];
  for (let date = from; compare(date, to) < 0; date = date.add({ days: 1 }))
    skipped.push({ date, reason: nonWorkingReason(date, calendar) ?? '' });
  return { from, to, skipped };
}

/**
 * Pushes the due date by every suspension that begins while the term is still running, counting days covered
 * by two suspensions once. The term runs up to its last day, extended off a Sunday or holiday (art. 2963 c.c.):
 * a request made on that extended day still suspends it, and the remaining days count from there. One that
 * begins after the term ran out changes nothing.
 */
function applySuspensions(
  baseDueDate: PlainDate,
  candidates: readonly Candidate[],
  calendar: HolidayCalendar,
) {
  const byStart = [...candidates].sort((a, b) => compare(a.from, b.from));
  let dueDate = baseDueDate;
  let coveredUntil: PlainDate | null = null;
  const effective: Candidate[] = [];
  const expired: Candidate[] = [];
  const rollOvers: RollOver[] = [];
  let suspendedDays = 0;
  for (const candidate of byStart) {
    if (compare(candidate.opened, dueDate) > 0) {
      const extended = rollOver(dueDate, calendar);
      if (!extended || compare(candidate.opened, extended.to) > 0) {
        expired.push(candidate);
        continue;
      }
      rollOvers.push(extended);
      dueDate = extended.to;
    }
    const newFrom = coveredUntil ? later(candidate.from, coveredUntil) : candidate.from;
    const added = Math.max(0, daysBetween(newFrom, candidate.to));
    suspendedDays += added;
    dueDate = dueDate.add({ days: added });
    coveredUntil = coveredUntil ? later(coveredUntil, candidate.to) : candidate.to;
    effective.push(candidate);
  }
  const last = rollOver(dueDate, calendar);
  if (last) rollOvers.push(last);
  return { dueDate, effective, expired, rollOvers, suspendedDays };
}

function statusOf(daysLeft: number, suspended: boolean, policy: DeadlinePolicy): DeadlineStatus {
  if (suspended) return 'SUSPENDED';
  if (daysLeft < 0) return 'OVERDUE';
  return daysLeft <= policy.dueSoonDays ? 'DUE_SOON' : 'ON_TIME';
}

// art. 22 c.5.01, art. 24 c.2-bis TUI: issue once the term passes; DL 145/2024 art. 3: not for risk countries
// art. 22 c.5 TUI (DL 146/2025): never before the term counted from the imputation to the quota has run
function assessSilence(
  term: TermVersion,
  facts: SilenceFacts,
  daysLeft: number,
  started: boolean,
): SilenceReason {
  if (!term.silenceMeansConsent) return 'NOT_PROVIDED_BY_LAW';
  if (!started) return 'TERM_NOT_STARTED';
  if (daysLeft >= 0) return 'TERM_RUNNING';
  if (facts.impedimentFound) return 'IMPEDIMENT_FOUND';
  if (!facts.riskListConfirmed) return 'RISK_LIST_NOT_CONFIRMED';
  if (facts.highRiskCountry) return 'HIGH_RISK_COUNTRY';
  if (!facts.quotaAvailable) return 'NO_QUOTA_AVAILABLE';
  return 'TERM_EXPIRED_WITHOUT_IMPEDIMENT';
}

const asSuspension = ({ events: _events, opened: _opened, ...suspension }: Candidate): Suspension =>
  suspension;

export function computeDeadline(input: DeadlineInput): Deadline {
  const { submittedOn, rules, calendar, today } = input;
  const started = input.start.on !== null;
  const startOn = input.start.on ?? submittedOn;
  // art. 2 c.6 L. 241/1990: the term starts on receipt; art. 2963 c.2 c.c.: the first day is not counted
  const clockStart = startOn.add({ days: 1 });
  const baseDueDate = startOn.add({ days: rules.term.termDays });
  const ledger = fileEvents(input.events, submittedOn, rules.clock, calendar);
  const candidates = [
    ...ledger.integrations.map((record) => integrationSuspension(record, rules.clock, clockStart, today)),
    ...ledger.notices.map((record) => noticeSuspension(record, rules.clock, calendar, clockStart, today)),
  ];
  const { dueDate, effective, expired, rollOvers, suspendedDays } = applySuspensions(
    baseDueDate,
    candidates,
    calendar,
  );
  // art. 155 c.4 c.p.c., art. 2963 c.3 c.c.: a term ending on a holiday moves to the next working day
  const legalDueDate = workingDayOnOrAfter(dueDate, calendar);
  const daysLeft = daysBetween(today, legalDueDate);
  const suspended = effective.some((suspension) => suspension.ongoing);
  const silenceReason = assessSilence(rules.term, input.silence, daysLeft, started);
  const ignoredEvents = [
    ...ledger.ignored,
    ...expired.flatMap((candidate) =>
      candidate.events.map((event) => ({ event, reason: 'TERM_ALREADY_EXPIRED' as const })),
    ),
  ].sort((a, b) => compare(a.event.on, b.event.on));
  return {
    start: { event: input.start.event, on: startOn, recorded: started },
    termDays: rules.term.termDays,
    termValidFrom: rules.term.validFrom,
    baseDueDate,
    legalDueDate,
    unadjustedDueDate: dueDate,
    daysLeft,
    status: statusOf(daysLeft, suspended, input.policy ?? DEADLINE_POLICY),
    suspendedDays,
    suspensions: effective.map(asSuspension),
    rollOvers,
    ignoredEvents,
    canIssueBySilence: silenceReason === 'TERM_EXPIRED_WITHOUT_IMPEDIMENT',
    silenceReason,
    legalBasis: rules.term.legalBasis,
  };
}
