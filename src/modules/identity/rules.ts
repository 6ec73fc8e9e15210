/** Pure rules of sign-in and sessions: no I/O, time comes in as an argument. */
import { hasControlCharacter } from '../../kernel/contract.ts';
import type { FieldError } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/permissions.ts';

export const LOGIN_POLICY = {
  /** Reset links by e-mail are valid for an hour, invitations for three days. */
  resetTokenMinutes: 60,
  inviteTokenMinutes: 3 * 24 * 60,
  /** A session's last-seen time is written at most this often, to spare the database. */
  touchEverySeconds: 60,
} as const;

/**
 * How fast failed attempts at a secret may follow each other. No count ever closes a door: an address that
 * keeps failing waits longer and longer, and many addresses together only slow the others down to the
 * ceiling, so that whoever holds the right secret gets in from a new address at once.
 */
export type AttemptPolicy = {
  /** Failures from one address that cost nothing… */
  freeFailures: number;
  /** …then each further one doubles that address's wait, from this… */
  firstDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
  /** Failures from every address together that cost nothing; beyond them, every address that failed waits… */
  freeFailuresEverywhere: number;
  /** …at most this long, however many addresses join in. */
  ceilingSeconds: number;
  /** A failure older than this is forgotten: at most `FAILURES_KEPT_DAYS`. */
  forgetAfterMinutes: number;
};

/** How long a count of failures is stored at all: longer than any policy remembers it. */
export const FAILURES_KEPT_DAYS = 2;

/** Where failed sign-ins are counted, per e-mail address. */
export const SIGN_IN_DOOR = 'sign-in';

/** Wrong passwords: the sign-in form and the current password when changing it, per e-mail address. */
export const SIGN_IN_ATTEMPTS: AttemptPolicy = {
  freeFailures: 4,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  freeFailuresEverywhere: 20,
  ceilingSeconds: 60,
  forgetAfterMinutes: 24 * 60,
};

/** The failures counted at a door for one subject, from one address or from all of them. */
export type FailureCount = { failures: number; lastFailureAt: Date };

/** The wait a run of failures imposes: nothing up to `free`, then doubling from `first` up to `max`. */
export function delayAfterFailures(failures: number, free: number, first: number, max: number): number {
  if (failures <= free) return 0;
  return Math.min(first * 2 ** (failures - free - 1), max);
}

function liveCount(count: FailureCount | null, now: Date, policy: AttemptPolicy): number {
  if (!count) return 0;
  const forgottenAt = count.lastFailureAt.getTime() + policy.forgetAfterMinutes * 60_000;
  return forgottenAt > now.getTime() ? count.failures : 0;
}

/** When an address that has failed may try again; null for an address with no failure to remember. */
function nextAttemptAt(
  policy: AttemptPolicy,
  now: Date,
  fromAddress: FailureCount | null,
  everywhere: FailureCount | null,
): Date | null {
  const own = liveCount(fromAddress, now, policy);
  if (!fromAddress || own === 0) return null;
  const delay = Math.max(
    delayAfterFailures(own, policy.freeFailures, policy.firstDelaySeconds, policy.maxDelaySeconds),
    delayAfterFailures(
      liveCount(everywhere, now, policy),
      policy.freeFailuresEverywhere,
      policy.firstDelaySeconds,
      policy.ceilingSeconds,
    ),
  );
  return new Date(fromAddress.lastFailureAt.getTime() + delay * 1000);
}

/** Whole seconds an attempt from an address must still wait; 0 when it may go ahead. */
export function secondsToWait(
  policy: AttemptPolicy,
  now: Date,
  fromAddress: FailureCount | null,
  everywhere: FailureCount | null,
): number {
  const next = nextAttemptAt(policy, now, fromAddress, everywhere);
  return next ? Math.max(0, Math.ceil((next.getTime() - now.getTime()) / 1000)) : 0;
}

/** The latest moment until which any of the addresses that failed must wait, if it is still to come. */
export function slowedUntil(
  policy: AttemptPolicy,
  now: Date,
  fromAddresses: readonly FailureCount[],
  everywhere: FailureCount | null,
): Date | null {
  const ends = fromAddresses
    .map((count) => nextAttemptAt(policy, now, count, everywhere)?.getTime() ?? 0)
    .filter((end) => end > now.getTime());
  return ends.length > 0 ? new Date(Math.max(...ends)) : null;
}

/** A count after one more failure now: a forgotten run starts again from one. */
export function countFailure(count: FailureCount | null, now: Date, policy: AttemptPolicy): FailureCount {
  return { failures: liveCount(count, now, policy) + 1, lastFailureAt: now };
}

export type SessionLifetime = { idleMinutes: number; maxHours: number };

export function sessionExpiry(now: Date, lifetime: SessionLifetime): Date {
  return new Date(now.getTime() + lifetime.maxHours * 3_600_000);
}

/** A session is live until its absolute expiry and while it has been used within the idle timeout. */
export function isSessionLive(
  session: { expiresAt: Date; lastSeenAt: Date; revokedAt: Date | null },
  now: Date,
  lifetime: SessionLifetime,
): boolean {
  if (session.revokedAt) return false;
  if (session.expiresAt.getTime() <= now.getTime()) return false;
  return now.getTime() - session.lastSeenAt.getTime() < lifetime.idleMinutes * 60_000;
}

export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LOGIN_POLICY.touchEverySeconds * 1000;
}

/**
 * The fiscal code carried by an identity provider's claim. SPID gives it as `TINIT-<code>` (the ETSI
 * semantics identifier), CIE and most proxies as the bare code.
 */
export function fiscalCodeFromClaim(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '');
  return /^[A-Z0-9]{16}$/.test(code) ? code : null;
}

/** Only a path inside LOVIT may be a destination after sign-in: never another site. */
export function safeReturnPath(value: unknown): string {
  // Control characters and backslashes are refused outright: browsers drop or rewrite them, which turns
  // '/\t/evil.example' into '//evil.example'.
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.includes('\\') ||
    hasControlCharacter(value)
  ) {
    return '/';
  }
  const base = 'http://lovit.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}` : '/';
}

/**
 * The roles a person may hold on secondment: the project's legal expert and mediators work on the SUI's cases
 * without becoming its staff, so a secondment never carries an operator's, a manager's or an administrator's
 * powers.
 */
export const SECONDABLE_ROLES: readonly Role[] = ['legal_expert', 'mediator'];

type MembershipChoice = { organisationId: string; role: Role; secondedFrom?: string | null | undefined };

/**
 * What is wrong with the secondments among a user's memberships: a role that cannot be seconded, an
 * organisation seconded to itself, or an organisation of origin where the person holds no role of their own.
 */
export function secondmentFaults(memberships: readonly MembershipChoice[]): FieldError[] {
  const ownOrganisations = new Set(memberships.filter((m) => !m.secondedFrom).map((m) => m.organisationId));
  return memberships.flatMap((m, index): FieldError[] => {
    if (!m.secondedFrom) return [];
    const path = `memberships.${index}.secondedFrom`;
    if (!SECONDABLE_ROLES.includes(m.role))
      return [{ path, message: 'solo l’esperto legale e i mediatori possono lavorare in distacco' }];
    if (m.secondedFrom === m.organisationId)
      return [{ path, message: 'l’ente di provenienza deve essere diverso da quello del distacco' }];
    if (!ownOrganisations.has(m.secondedFrom))
      return [{ path, message: 'indicare anche il ruolo della persona nel suo ente di provenienza' }];
    return [];
  });
}

/**
 * Where a user starts working at sign-in: where they last worked; else, for a person on secondment, the
 * office they are seconded to (that is where their work is); else their oldest membership.
 */
export function firstOrganisation<
  M extends { organisationId: string; secondedFrom: string | null; createdAt: Date },
>(memberships: readonly M[], lastOrganisationId: string | undefined): M | undefined {
  return (
    memberships.find((m) => m.organisationId === lastOrganisationId) ??
    memberships.find((m) => m.secondedFrom !== null) ??
    [...memberships].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
  );
}
