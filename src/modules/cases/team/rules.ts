/** Pure rules of the multidisciplinary team: which mediators to propose for an appointment, and why not others. */
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
