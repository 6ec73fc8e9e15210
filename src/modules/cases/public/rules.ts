/**
 * What the public status page says about a case: one wording per state, where the state decides what the
 * applicant must do and the legal clock of today decides what the time limit is doing. The two can never
 * contradict each other: a clock reading that asks something of the applicant (documents, observations) is
 * only given in the state that asks for it; in any other state a stopped clock is told by its restart date.
 * Pure: the deadline and today come in as arguments.
 */
import { Temporal } from 'temporal-polyfill';
import type { CaseEvent, Deadline, Suspension } from '../law/deadlines.ts';

type PlainDate = Temporal.PlainDate;

/** What the applicant must do in a state. */
export type ApplicantTask =
  | 'WAIT'
  | 'SEND_DOCUMENTS'
  | 'SEND_OBSERVATIONS'
  | 'COME_TO_DESK'
  | 'READ_DECISION'
  | 'NOTHING_MORE';

/**
 * The wording table: each state the applicant can meet, with the task it gives them. The texts are the
 * portal's `state.<code>` and `next.<code>` messages; `OTHER` and `OTHER_CLOSED` stand for the open and
 * closed states of a case type imported later, which these pages cannot word.
 */
export const STATE_WORDING = {
  SUBMITTED: 'WAIT',
  QUOTA_ASSIGNED: 'WAIT',
  QUOTA_EXHAUSTED: 'NOTHING_MORE',
  UNDER_REVIEW: 'WAIT',
  INTEGRATION_REQUESTED: 'SEND_DOCUMENTS',
  AWAITING_OPINIONS: 'WAIT',
  REJECTION_NOTICE_SENT: 'SEND_OBSERVATIONS',
  CONVOKED: 'COME_TO_DESK',
  ISSUED: 'READ_DECISION',
  REJECTED: 'READ_DECISION',
  WITHDRAWN: 'NOTHING_MORE',
  OTHER: 'WAIT',
  OTHER_CLOSED: 'READ_DECISION',
} as const satisfies Record<string, ApplicantTask>;
export type WordedState = keyof typeof STATE_WORDING;

/** What the time limit is doing today, as the applicant reads it. */
export type PublicClock =
  | { kind: 'RUNNING'; dueOn: PlainDate }
  | { kind: 'LATE'; dueOn: PlainDate }
  /** Stopped until the requested documents arrive, and at the latest until `restartsBy`. */
  | { kind: 'AWAITING_DOCUMENTS'; restartsBy: PlainDate }
  /** Stopped while the applicant may answer a notice of the grounds for refusal. */
  | { kind: 'AWAITING_OBSERVATIONS' }
  | { kind: 'STOPPED'; restartsBy: PlainDate }
  | { kind: 'CLOSED' };
export type PublicClockKind = PublicClock['kind'];

/** The clock readings each task allows: the two that ask something of the applicant belong to one task each. */
export const CLOCKS_OF_TASK: Record<ApplicantTask, readonly PublicClockKind[]> = {
  WAIT: ['RUNNING', 'LATE', 'STOPPED'],
  SEND_DOCUMENTS: ['RUNNING', 'LATE', 'STOPPED', 'AWAITING_DOCUMENTS'],
  SEND_OBSERVATIONS: ['RUNNING', 'LATE', 'STOPPED', 'AWAITING_OBSERVATIONS'],
  COME_TO_DESK: ['RUNNING', 'LATE', 'STOPPED'],
  READ_DECISION: ['CLOSED'],
  NOTHING_MORE: ['CLOSED'],
};

export type PublicWording = {
  state: WordedState;
  task: ApplicantTask;
  clock: PublicClock;
  /** Whether the page lists the documents the office still lacks: only when the task is about documents. */
  listsMissingDocuments: boolean;
};

export type PublicStatusFacts = {
  state: string;
  closed: boolean;
  /** The legal clock computed today; null once the case is closed. */
  deadline: Deadline | null;
  clockEvents: readonly CaseEvent[];
  /** art. 2 c.7 L. 241/1990: the longest suspension for documents, in days, for the case's rules. */
  integrationMaxDays: number;
  today: PlainDate;
};

const compare = Temporal.PlainDate.compare;

/** The last request for documents made by today, and whether documents came after it. */
function lastDocumentsRequest(facts: PublicStatusFacts) {
  const events = [...facts.clockEvents]
    .filter((event) => compare(event.on, facts.today) <= 0)
    .sort((a, b) => compare(a.on, b.on));
  const index = events.findLastIndex((event) => event.kind === 'INTEGRATION_REQUESTED');
  if (index < 0) return null;
  const answered = events.slice(index + 1).some((event) => event.kind === 'DOCUMENTS_RECEIVED');
  return { on: (events[index] as CaseEvent).on, awaited: !answered };
}

/** A preavviso di rigetto whose receipt is not recorded and that has no observations: its window has not started. */
const awaitingReceipt = (suspension: Suspension) =>
  suspension.observationWindow?.receivedOn === null && suspension.observationWindow.observationsOn === null;

/**
 * A suspension that stops the clock today: under way, not yet over, and longer than zero days — except for
 * documents still awaited, or a notice whose receipt is awaited, after a request or notice made on the day the
 * term starts, which stop the clock from its first day, the next one. Documents requested and received the same
 * day stop nothing.
 */
export function stopsTheClockOn(suspension: Suspension, facts: PublicStatusFacts): boolean {
  if (!suspension.ongoing || compare(facts.today, suspension.to) >= 0) return false;
  if (suspension.kind !== 'INTEGRATION_REQUEST') return suspension.days > 0 || awaitingReceipt(suspension);
  return lastDocumentsRequest(facts)?.awaited ?? suspension.days > 0;
}

/** art. 2 c.7 L. 241/1990: documents awaited stop the clock for at most its days after the request. */
function documentsRestartBy(facts: PublicStatusFacts, suspension: Suspension): PlainDate {
  const request = lastDocumentsRequest(facts);
  const cap = (request?.on.add({ days: 1 }) ?? suspension.from).add({ days: facts.integrationMaxDays });
  return compare(cap, suspension.to) > 0 ? cap : suspension.to;
}

function clockOf(facts: PublicStatusFacts, task: ApplicantTask): PublicClock {
  const { deadline, today } = facts;
  if (facts.closed || deadline === null) return { kind: 'CLOSED' };
  const stopping = deadline.suspensions.filter((suspension) => stopsTheClockOn(suspension, facts));
  if (stopping.length === 0)
    return compare(today, deadline.legalDueDate) <= 0
      ? { kind: 'RUNNING', dueOn: deadline.legalDueDate }
      : { kind: 'LATE', dueOn: deadline.legalDueDate };
  const documents = stopping.find((suspension) => suspension.kind === 'INTEGRATION_REQUEST');
  const notice = stopping.find((suspension) => suspension.kind === 'REJECTION_NOTICE');
  if (task === 'SEND_OBSERVATIONS' && notice) return { kind: 'AWAITING_OBSERVATIONS' };
  const restarts = [
    ...(documents ? [documentsRestartBy(facts, documents)] : []),
    ...(notice ? [notice.to] : []),
  ].sort(compare);
  const restartsBy = restarts.at(-1) as PlainDate;
  if (task === 'SEND_DOCUMENTS' && documents && !notice) return { kind: 'AWAITING_DOCUMENTS', restartsBy };
  return { kind: 'STOPPED', restartsBy };
}

const isWorded = (state: string): state is WordedState => Object.hasOwn(STATE_WORDING, state);
const endsTheCase = (task: ApplicantTask) => CLOCKS_OF_TASK[task].every((kind) => kind === 'CLOSED');

/** The row of the wording table for a case: its own state's when the table knows it as open or closed. */
function wordedState(state: string, closed: boolean): WordedState {
  const known = isWorded(state) && endsTheCase(STATE_WORDING[state]) === closed;
  if (known) return state;
  return closed ? 'OTHER_CLOSED' : 'OTHER';
}

/** The wording of a case's status page today. */
export function publicWording(facts: PublicStatusFacts): PublicWording {
  const state = wordedState(facts.state, facts.closed);
  const task = STATE_WORDING[state];
  return {
    state,
    task,
    clock: clockOf(facts, task),
    listsMissingDocuments: ['SEND_DOCUMENTS', 'SEND_OBSERVATIONS', 'COME_TO_DESK'].includes(task),
  };
}
