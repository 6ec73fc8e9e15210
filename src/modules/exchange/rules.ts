/**
 * The opinion's clock and what happens when it runs out: pure functions of the opinion and the day. A question
 * back to the SUI pauses the clock; the deadline moves by the days the question stayed open. A lapsed opinion
 * becomes silent consent where the case type says so (never for the yearly high-risk list), otherwise it is
 * escalated to the SUI manager.
 */
import { Temporal } from 'temporal-polyfill';

export type OpinionState = 'PENDING' | 'QUESTION' | 'ANSWERED' | 'SILENT_CONSENT';

/** Days before the deadline when the body is reminded. */
export const REMINDER_DAYS = 3;

export type ClockStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'PAUSED' | 'CLOSED';

export type OpinionClock = {
  status: ClockStatus;
  dueOn: string;
  /** Days left to the deadline (negative when overdue); null once answered. */
  daysLeft: number | null;
};

type ClockInput = { state: OpinionState; dueOn: string; pausedSince: string | null };

function daysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return from.until(to, { largestUnit: 'days' }).days;
}

/** The deadline after a question that paused the clock from `pausedSince` was answered on `resumedOn`. */
export function resumedDueOn(dueOn: string, pausedSince: string, resumedOn: string): string {
  const paused = Math.max(
    0,
    daysBetween(Temporal.PlainDate.from(pausedSince), Temporal.PlainDate.from(resumedOn)),
  );
  return Temporal.PlainDate.from(dueOn).add({ days: paused }).toString();
}

/** The first deadline of a request: its response days from the day it was requested. */
export function firstDueOn(requestedOn: string, responseDays: number): string {
  return Temporal.PlainDate.from(requestedOn).add({ days: responseDays }).toString();
}

export function clockOf(opinion: ClockInput, today: Temporal.PlainDate): OpinionClock {
  if (opinion.state === 'ANSWERED' || opinion.state === 'SILENT_CONSENT')
    return { status: 'CLOSED', dueOn: opinion.dueOn, daysLeft: null };
  if (opinion.state === 'QUESTION' && opinion.pausedSince) {
    const dueOn = resumedDueOn(opinion.dueOn, opinion.pausedSince, today.toString());
    return { status: 'PAUSED', dueOn, daysLeft: daysBetween(today, Temporal.PlainDate.from(dueOn)) };
  }
  const daysLeft = daysBetween(today, Temporal.PlainDate.from(opinion.dueOn));
  const status = daysLeft < 0 ? 'OVERDUE' : daysLeft <= REMINDER_DAYS ? 'DUE_SOON' : 'ON_TIME';
  return { status, dueOn: opinion.dueOn, daysLeft };
}

export type LapseInput = ClockInput & {
  silenceRule: string | null;
  highRiskCountry: boolean;
  escalatedOn: string | null;
};

export type Lapse =
  | { kind: 'NONE' }
  | { kind: 'SILENT_CONSENT'; rule: string; lapsedOn: string }
  | { kind: 'ESCALATE'; lapsedOn: string };

/** What a day past the deadline means for a pending opinion. */
export function lapseOf(opinion: LapseInput, today: Temporal.PlainDate): Lapse {
  if (opinion.state !== 'PENDING') return { kind: 'NONE' };
  const due = Temporal.PlainDate.from(opinion.dueOn);
  if (Temporal.PlainDate.compare(today, due) <= 0) return { kind: 'NONE' };
  const lapsedOn = due.add({ days: 1 }).toString();
  if (opinion.silenceRule && !opinion.highRiskCountry)
    return { kind: 'SILENT_CONSENT', rule: opinion.silenceRule, lapsedOn };
  if (opinion.escalatedOn) return { kind: 'NONE' };
  return { kind: 'ESCALATE', lapsedOn };
}

/** Whether the body should be reminded today (once, in the last days before the deadline). */
export function reminderDue(
  opinion: ClockInput & { remindedOn: string | null },
  today: Temporal.PlainDate,
): boolean {
  if (opinion.state !== 'PENDING' || opinion.remindedOn) return false;
  const daysLeft = daysBetween(today, Temporal.PlainDate.from(opinion.dueOn));
  return daysLeft >= 0 && daysLeft <= REMINDER_DAYS;
}

export type AnswerCheck =
  | { ok: true; late: boolean }
  | { ok: false; code: 'ALREADY_ANSWERED' | 'QUESTION_OPEN' | 'NOTHING_TO_CORRECT' | 'NOT_LATEST' };

/**
 * Whether a body may answer now. A first answer needs the opinion pending (or lapsed into silent consent:
 * a late finding is still recorded, and may lead to revocation); a correction names the latest answer.
 */
export function checkAnswer(
  state: OpinionState,
  latestAnswerId: string | null,
  corrects: string | null,
): AnswerCheck {
  if (corrects !== null) {
    if (latestAnswerId === null) return { ok: false, code: 'NOTHING_TO_CORRECT' };
    if (corrects !== latestAnswerId) return { ok: false, code: 'NOT_LATEST' };
    return { ok: true, late: false };
  }
  if (state === 'QUESTION') return { ok: false, code: 'QUESTION_OPEN' };
  if (state === 'ANSWERED') return { ok: false, code: 'ALREADY_ANSWERED' };
  return { ok: true, late: state === 'SILENT_CONSENT' };
}

export type PartyFacts = {
  role: string;
  kind: 'PERSON' | 'EMPLOYER';
  surname: string | null;
  givenName: string | null;
  sex: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  citizenship: string | null;
  passportNumber: string | null;
  fiscalCode: string | null;
  employerKind: string | null;
  employerName: string | null;
  vatNumber: string | null;
  address: string | null;
};

export type CaseFactsForOpinion = {
  parties: readonly PartyFacts[];
  quota: { year: number; sector: string } | null;
  submittedOn: string;
  highRiskCountry: boolean;
};

/**
 * What a body may see of a case (data minimisation). The Questura checks the identity of the persons and the
 * employer for ostative reasons; the labour inspectorate checks the employment: the employer in full, the
 * worker by name and citizenship only. No contacts, addresses of persons, documents or history travel.
 */
export function subjectFor(body: string, facts: CaseFactsForOpinion) {
  const police = body === 'POLICE_HQ';
  const persons = facts.parties
    .filter((party) => party.kind === 'PERSON' && party.surname && party.givenName)
    .map((party) => ({
      role: party.role,
      surname: party.surname as string,
      givenName: party.givenName as string,
      citizenship: party.citizenship ?? '',
      ...(police
        ? {
            sex: party.sex ?? undefined,
            birthDate: party.birthDate ?? undefined,
            birthPlace: party.birthPlace ?? undefined,
            passportNumber: party.passportNumber,
            fiscalCode: party.fiscalCode,
          }
        : {}),
    }));
  const employers = facts.parties
    .filter((party) => party.kind === 'EMPLOYER' && party.employerName && party.fiscalCode)
    .map((party) => ({
      role: party.role,
      kind: party.employerKind ?? 'COMPANY',
      name: party.employerName as string,
      fiscalCode: party.fiscalCode as string,
      ...(police ? {} : { vatNumber: party.vatNumber, address: party.address ?? undefined }),
    }));
  return {
    persons,
    employers,
    quota: facts.quota,
    submittedOn: facts.submittedOn,
    highRiskCountry: facts.highRiskCountry,
  };
}

/**
 * Which end of an opinion sends each message: the node that asked for it requests, replies to questions and
 * records the lapse; the node that answers for the body asks questions and answers (corrections included).
 */
export const SENDING_END = {
  'opinion.requested': 'REQUESTER',
  'opinion.reply': 'REQUESTER',
  'opinion.lapsed': 'REQUESTER',
  'opinion.question': 'ANSWERER',
  'opinion.answered': 'ANSWERER',
} as const;

export type MessageKindName = keyof typeof SENDING_END;

/** Why a validly signed message from a known node is still not applied. */
export type SenderRefusal = 'NOT_ALLOWED_TO_REQUEST' | 'BODY_NOT_ANSWERED_HERE' | 'NOT_ITS_OPINION';

/** Whether a request from `sender` may be applied here: null when it may, otherwise why not. */
export function requestRefusal(request: {
  sender: string;
  /** This node: its own requests are always applied. */
  self: string;
  /** Whether the sender is configured as a node that may ask this one for opinions. */
  senderMayRequest: boolean;
  /** Whether this node answers for the body the request is addressed to. */
  answersForBody: boolean;
}): SenderRefusal | null {
  if (request.sender === request.self) return null;
  if (!request.senderMayRequest) return 'NOT_ALLOWED_TO_REQUEST';
  return request.answersForBody ? null : 'BODY_NOT_ANSWERED_HERE';
}

/** Whether `sender` is the end of `opinion` that may send a message of `kind`: null when it is. */
export function messageRefusal(
  kind: Exclude<MessageKindName, 'opinion.requested'>,
  sender: string,
  opinion: { originNode: string; answererNode: string },
): SenderRefusal | null {
  const entitled = SENDING_END[kind] === 'REQUESTER' ? opinion.originNode : opinion.answererNode;
  return sender === entitled ? null : 'NOT_ITS_OPINION';
}

/** What a peer is told when its message is refused for who sent it. */
export const SENDER_REFUSAL_TEXT: Record<SenderRefusal, string> = {
  NOT_ALLOWED_TO_REQUEST: 'questo nodo non è autorizzato a chiedere pareri qui',
  BODY_NOT_ANSWERED_HERE: 'questo nodo non rende pareri per l’ente indicato',
  NOT_ITS_OPINION: 'il mittente non è la parte del parere che può inviare questo messaggio',
};
