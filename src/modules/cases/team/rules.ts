/**
 * Pure rules of the multidisciplinary team: which mediators to propose for an appointment, and why not others;
 * which cases the legal expert and a mediator see, and how much of them.
 */
import type { Role } from '../../../kernel/permissions.ts';
import type { CaseDetail, CaseSummary } from '../contract.ts';
import type { AvailabilityWindow, LanguageLevel, MediatorProposals } from './contract.ts';
import { WEEKDAYS } from './contract.ts';

const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });
const languageName = (code: string) => languageNames.of(code) ?? code;

/** An appointment as a mediator's week sees it: ISO weekday and local times of day ('HH:MM'). */
export type LocalTime = { weekday: number; from: string; to: string };

export type MediatorCandidate = {
  id: string;
  name: string;
  languages: { language: string; level: LanguageLevel }[];
  availability: AvailabilityWindow[];
  /** Another appointment of theirs overlaps this one. */
  isBusy: boolean;
};

/** Whether the appointment falls inside one of the mediator's weekly windows; no window means any time. */
export function isAvailable(availability: readonly AvailabilityWindow[], at: LocalTime): boolean {
  if (availability.length === 0) return true;
  return availability.some(
    (window) => window.weekday === at.weekday && window.from <= at.from && at.to <= window.to,
  );
}

const shortTime = (time: string) => time.replace(/^0(\d)/, '$1');

/**
 * The mediators to propose for an appointment: those who speak the language and are free and available then,
 * in the order given (the least booked first); the others with the reason, in words a clerk reads.
 */
export function proposeMediators(
  candidates: readonly MediatorCandidate[],
  language: string | null,
  at: LocalTime,
): Omit<MediatorProposals, 'language'> {
  const proposed: MediatorProposals['proposed'] = [];
  const notProposed: MediatorProposals['notProposed'] = [];
  for (const mediator of candidates) {
    const spoken = language ? mediator.languages.find((entry) => entry.language === language) : undefined;
    const reason =
      language && !spoken
        ? `Non parla ${languageName(language)}`
        : !isAvailable(mediator.availability, at)
          ? `Non disponibile ${WEEKDAYS[at.weekday - 1]} dalle ${shortTime(at.from)} alle ${shortTime(at.to)}`
          : mediator.isBusy
            ? 'Ha già un appuntamento in quell’orario'
            : null;
    if (reason) notProposed.push({ id: mediator.id, name: mediator.name, reason });
    else proposed.push({ id: mediator.id, name: mediator.name, level: spoken?.level ?? null });
  }
  return { proposed, notProposed };
}

/**
 * How far a user's view of the office's cases reaches (decision 049): the SUI's staff see every case of the
 * office; a legal expert the cases behind the questions put to the office's legal expert; a mediator the
 * cases of the appointments they are booked for. A user holding both narrow roles sees both sets.
 */
export type CaseReach =
  | { kind: 'OFFICE' }
  | { kind: 'TEAM'; userId: string; asLegalExpert: boolean; asMediator: boolean };

/** The roles that see every case of their office. */
const OFFICE_WIDE_ROLES: readonly Role[] = ['sui_operator', 'sui_manager'];

export function caseReachOf(actor: { userId: string; roles: readonly Role[] }): CaseReach {
  if (actor.roles.some((role) => OFFICE_WIDE_ROLES.includes(role))) return { kind: 'OFFICE' };
  return {
    kind: 'TEAM',
    userId: actor.userId,
    asLegalExpert: actor.roles.includes('legal_expert'),
    asMediator: actor.roles.includes('mediator'),
  };
}

/**
 * What a reach may read of a case it sees: a legal expert reads the whole file to answer on it; a mediator
 * only the case's heading (number, procedure, state, names, language) and its appointments.
 */
export function readsWholeCase(reach: CaseReach): boolean {
  return reach.kind === 'OFFICE' || reach.asLegalExpert;
}

/**
 * A worklist row as a reach sees it: a mediator's has no office due date, term status, assignee or opinions
 * awaited, which are the office's work, not the heading.
 */
export function caseSummaryWithinReach<T extends CaseSummary>(reach: CaseReach, summary: T): T {
  if (readsWholeCase(reach)) return summary;
  return { ...summary, dueOn: null, deadlineStatus: null, assignee: null, awaitingOpinions: false };
}

/** The case page as a reach sees it: a mediator's keeps its heading and drops the file's contents. */
export function caseDetailWithinReach(reach: CaseReach, detail: CaseDetail): CaseDetail {
  if (readsWholeCase(reach)) return detail;
  return {
    ...caseSummaryWithinReach(reach, detail),
    externalReference: null,
    quota: null,
    deadline: null,
    parties: [],
    checklist: [],
    opinions: [],
    documents: [],
    outcomes: [],
    rejectionNotice: null,
    timeline: [],
    actions: [],
    details: {},
  };
}
