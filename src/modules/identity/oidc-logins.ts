/**
 * Sign-ins through OpenID Connect while they are at the provider: remembered when they leave, taken once when
 * they come back; an identity that matches no active account is refused on the audit trail.
 */
import type { Caller } from '../../kernel/auth.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeIdentity } from './sessions.ts';
import * as store from './store.ts';

/** A login that has not come back from the provider within ten minutes is forgotten. */
export const LOGIN_WINDOW_MS = 10 * 60_000;

/** Remembers a sign-in sent to the provider, and forgets those that did not come back in time. */
export async function beginOidcLogin(
  platform: Platform,
  login: { state: string; codeVerifier: string; nonce: string; returnTo: string },
) {
  const now = platform.clock.now();
  await store.purgeOidcLogins(platform.database.db, new Date(now.getTime() - LOGIN_WINDOW_MS));
  await store.insertOidcLogin(platform.database.db, { ...login, createdAt: now });
}

/** The sign-in that left with this state, taken once: a second callback with it finds nothing. */
export function takeOidcLogin(platform: Platform, state: string) {
  return store.takeOidcLogin(platform.database.db, state);
}

/** The provider identified someone with no active account here (`userId` when the account is inactive). */
export async function refuseOidcLogin(
  platform: Platform,
  caller: Caller,
  refused: { userId: string | null; issuer: string; subject: string },
) {
  await writeIdentity(platform, caller, ({ audit }) =>
    audit({
      kind: 'security',
      action: 'identity.session.login_failed',
      entityType: 'identity.user',
      entityId: refused.userId,
      details: { method: 'oidc', issuer: refused.issuer, subject: refused.subject },
    }),
  );
}
