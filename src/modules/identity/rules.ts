/** Pure rules of sign-in and sessions: no I/O, time comes in as an argument. */
import { hasControlCharacter } from '../../kernel/contract.ts';

export const LOGIN_POLICY = {
  /** Failed attempts in a row that lock an account… */
  maxFailures: 5,
  /** …for this long. */
  lockMinutes: 15,
  /** Reset links by e-mail are valid for an hour, invitations for three days. */
  resetTokenMinutes: 60,
  inviteTokenMinutes: 3 * 24 * 60,
  /** A session's last-seen time is written at most this often, to spare the database. */
  touchEverySeconds: 60,
} as const;

export type SessionLifetime = { idleMinutes: number; maxHours: number };

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** When a lock imposed now ends. */
export function lockUntil(now: Date): Date {
  return new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000);
}

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
