/**
 * The rules of what follows an event: who may request an attendance certificate and when, how certificates are
 * numbered, and who is asked the follow-up questionnaire.
 */

const DAY_MS = 24 * 3_600_000;

/** How long after the staff open a session's certificates its attendees may request theirs (decision 069). */
export const REQUEST_DAYS = 90;

/** The end of the request window opened at `openedAt`. */
export const requestsUntil = (openedAt: Date) => new Date(openedAt.getTime() + REQUEST_DAYS * DAY_MS);

/** `LO-EVT-2026-000042`: the province, the register of event certificates, the year, the year's number. */
export function certificateNumber(provinceCode: string, year: number, sequence: number): string {
  return `${provinceCode}-EVT-${year}-${String(sequence).padStart(6, '0')}`;
}

export type RequestStanding = {
  sessionEndsAt: Date;
  /** Check-ins of the registration, on any of the event's lists. */
  checkIns: number;
  opening: { requestsUntil: Date } | null;
  certificate: { revokedAt: Date | null } | null;
};

/**
 * What a person's request for a certificate meets: `issued` (download it again), `revoked`, or whether one may be
 * issued now (`mayRequest`), else why not: the session not ended, no check-in, certificates not yet opened by the
 * staff, or the request window closed.
 */
export type RequestState = 'issued' | 'revoked' | 'mayRequest' | 'notEnded' | 'absent' | 'notOpen' | 'closed';

export function requestState(standing: RequestStanding, now: Date): RequestState {
  if (standing.certificate) return standing.certificate.revokedAt ? 'revoked' : 'issued';
  if (standing.sessionEndsAt > now) return 'notEnded';
  if (standing.checkIns === 0) return 'absent';
  if (!standing.opening) return 'notOpen';
  return standing.opening.requestsUntil > now ? 'mayRequest' : 'closed';
}

/** Whether staff may open a session's certificates now: after it ended, once. */
export function openingProblem(session: { endsAt: Date }, isOpened: boolean, now: Date): string | null {
  if (session.endsAt > now) return 'Gli attestati si aprono quando la data è conclusa.';
  if (isOpened) return 'Gli attestati di questa data sono già aperti.';
  return null;
}

export type Recipient = { registrationId: string; email: string; checkIns: number };

/**
 * Who is asked the follow-up questionnaire: the confirmed registrations, only those checked in if so chosen; one
 * invitation per address, so that a person registered for two dates answers once.
 */
export function followUpRecipients<T extends Recipient>(
  registrations: readonly T[],
  audience: 'CHECKED_IN' | 'CONFIRMED',
): T[] {
  const seen = new Set<string>();
  return registrations.filter((registration) => {
    if (audience === 'CHECKED_IN' && registration.checkIns === 0) return false;
    const address = registration.email.trim().toLowerCase();
    if (seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}
