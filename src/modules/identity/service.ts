import { createHash, randomBytes } from 'node:crypto';
import { type Actor, type Caller, SYSTEM_CALLER } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { AppError, Forbidden, Invalid, NotFound, TooSoon } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { institution } from '../../kernel/institution.ts';
import { permissionsOf, type Role } from '../../kernel/permissions.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { UnitOfWork } from '../../kernel/transaction.ts';
import type { SessionView } from './contract.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import {
  type AttemptPolicy,
  countFailure,
  FAILURES_KEPT_DAYS,
  firstOrganisation,
  isSessionLive,
  LOGIN_POLICY,
  needsTouch,
  SIGN_IN_ATTEMPTS,
  SIGN_IN_DOOR,
  secondsToWait,
  sessionExpiry,
} from './rules.ts';
import { keepSession, keptSession, lookUpStarted, writeIdentity } from './sessions.ts';
import * as store from './store.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export class LoginRefused extends AppError {
  constructor() {
    super(401, 'unauthenticated', 'Accesso non riuscito', 'E-mail o password non corretti.');
  }
}

// ---- attempts at a secret

export type { AttemptPolicy } from './rules.ts';
export type AttemptDoor = { door: string; subject: string };

const signInDoor = (email: string): AttemptDoor => ({
  door: SIGN_IN_DOOR,
  subject: email.trim().toLowerCase(),
});

/**
 * Within the caller's transaction: lets an attempt at a secret go ahead and counts its outcome, or answers
 * how many seconds too soon it came, counting nothing. Parallel attempts at one subject take turns, so that
 * each one is counted and none slips past a wait another has just imposed.
 */
export async function passAttempt(
  db: Db,
  now: Date,
  caller: Caller,
  at: AttemptDoor,
  policy: AttemptPolicy,
  succeeded: boolean,
): Promise<number> {
  // Requests always carry an address; only the command line has none, and it never guesses.
  const key = { ...at, address: caller.clientAddress ?? 'locale' };
  await store.takeTurnAt(db, key.door, key.subject);
  const counts = await store.failureCounts(db, key.door, key.subject, [key.address, store.EVERYWHERE]);
  const fromAddress = counts.find((count) => count.address === key.address) ?? null;
  const everywhere = counts.find((count) => count.address === store.EVERYWHERE) ?? null;
  const wait = secondsToWait(policy, now, fromAddress, everywhere);
  if (wait > 0) return wait;
  if (succeeded) {
    await store.forgetFailures(db, key.door, key.subject, key.address);
  } else {
    await store.saveFailureCount(db, key, countFailure(fromAddress, now, policy));
    await store.saveFailureCount(
      db,
      { ...key, address: store.EVERYWHERE },
      countFailure(everywhere, now, policy),
    );
  }
  return 0;
}

/** Deletes the counts of failures no policy remembers any more, so that guessed e-mail addresses leave no trace. */
export async function sweepFailedAttempts(platform: Pick<Platform, 'database' | 'clock'>): Promise<number> {
  const before = new Date(platform.clock.now().getTime() - FAILURES_KEPT_DAYS * 86_400_000);
  return writeIdentity(platform, SYSTEM_CALLER, async ({ db, audit }) => {
    const deleted = await store.deleteFailuresBefore(db, before);
    await audit({
      kind: 'security',
      action: 'identity.failed_attempts.sweep',
      entityType: 'failed_attempt',
      entityId: null,
      details: { deleted },
    });
    return deleted;
  });
}

/** Audits an attempt refused because it came too soon. */
function delayedAttempt(
  audit: UnitOfWork['audit'],
  action: string,
  userId: string | null,
  email: string,
  wait: number,
) {
  return audit({
    kind: 'security',
    action,
    entityType: 'identity.user',
    entityId: userId,
    details: { email: email.slice(0, 254), retryAfterSeconds: wait },
  });
}

// ---- sessions

export type NewSession = { token: string; view: SessionView };
type Client = { userAgent: string | null };

async function openSession(
  platform: Platform,
  caller: Caller,
  user: store.UserRow,
  authMethod: 'password' | 'oidc',
  client: Client,
): Promise<NewSession> {
  const now = platform.clock.now();
  const memberships = (await store.membershipsOf(platform.database.db, [user.id])).filter(
    (m) => m.organisationActive,
  );
  const last = await store.lastOrganisationOf(platform.database.db, user.id);
  const first = firstOrganisation(memberships, last);
  if (!first)
    throw new Forbidden(
      'Il tuo account non ha ancora un ruolo in nessun ente: rivolgiti all’amministratore.',
    );
  const token = newToken();
  const id = sha256(token);
  // Signing in while another session is open: the sign-in is the new user's act, and the old session ends.
  const signingIn = { ...caller, actor: null, signingIn: { userId: user.id, email: user.email } };
  const wait = await writeIdentity(platform, signingIn, async ({ db, audit }) => {
    // The right password is refused too while a wait lasts: otherwise the answer would tell a guesser
    // which guess was right, and the wait would slow nothing.
    const wait =
      authMethod === 'password'
        ? await passAttempt(db, now, caller, signInDoor(user.email), SIGN_IN_ATTEMPTS, true)
        : 0;
    if (wait > 0) {
      await delayedAttempt(audit, 'identity.session.login_delayed', user.id, user.email, wait);
      return wait;
    }
    if (caller.actor) await store.revokeSession(db, caller.actor.sessionId, caller.actor.userId, now);
    await store.insertSession(db, {
      id,
      userId: user.id,
      organisationId: first.organisationId,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionExpiry(now, platform.config.session),
      clientAddress: caller.clientAddress,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      authMethod,
    });
    await store.updateUser(db, user.id, { lastLoginAt: now });
    await audit({
      kind: 'security',
      action: 'identity.session.login',
      entityType: 'identity.user',
      entityId: user.id,
      details: { method: authMethod, email: user.email },
    });
    return 0;
  });
  if (wait > 0) throw new TooSoon(wait);
  const actor = await resolveSession(platform)(token, false);
  if (!actor) throw new Error('a session just opened is not live');
  return { token, view: await sessionView(platform, actor) };
}

/**
 * Signs in with e-mail and password. Unknown account and wrong password give the same answer; so does a
 * wait, which counts per e-mail address whether an account has it or not.
 */
export async function login(
  platform: Platform,
  caller: Caller,
  input: { email: string; password: string },
  client: Client,
) {
  const user = await store.findUserByEmail(platform.database.db, input.email);
  const usable = user?.isActive && user.passwordHash;
  const matches = await verifyPassword(
    usable ? (user.passwordHash as string) : await decoyHash(),
    input.password,
  );
  if (user && usable && matches) return openSession(platform, caller, user, 'password', client);

  const wait = await writeIdentity(platform, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    const door = signInDoor(input.email);
    const wait = await passAttempt(db, now, caller, door, SIGN_IN_ATTEMPTS, false);
    if (wait > 0) {
      await delayedAttempt(audit, 'identity.session.login_delayed', user?.id ?? null, input.email, wait);
      return wait;
    }
    await audit({
      kind: 'security',
      action: 'identity.session.login_failed',
      entityType: 'identity.user',
      entityId: user?.id ?? null,
      details: { email: input.email.slice(0, 254) },
    });
    return 0;
  });
  if (wait > 0) throw new TooSoon(wait);
  throw new LoginRefused();
}

/** Signs in a user whom an OpenID provider has identified; the caller has matched the account. */
export function loginIdentified(platform: Platform, caller: Caller, user: store.UserRow, client: Client) {
  return openSession(platform, caller, user, 'oidc', client);
}

/**
 * The live session behind a cookie token, as an actor; refreshes its last-seen time now and then. A request
 * that only reads may get a look-up made less than a second ago (see `sessions.ts`).
 */
export function resolveSession(platform: Platform) {
  return async (token: string, readOnly: boolean): Promise<Actor | null> => {
    const id = sha256(token);
    const { database, clock, config } = platform;
    const now = clock.now();
    if (readOnly) {
      const kept = keptSession(platform, id, now, config.session);
      if (kept) return kept;
    }
    const startedAt = lookUpStarted(database);
    const row = await store.findSessionWithActor(database.db, id);
    if (!row?.userActive || !row.organisationActive || !isSessionLive(row, now, config.session)) {
      return null;
    }
    const touched = needsTouch(row.lastSeenAt, now);
    if (touched) await store.touchSession(database.db, id, now);
    const actor: Actor = {
      userId: row.userId,
      email: row.email,
      givenName: row.givenName,
      familyName: row.familyName,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      organisationType: row.organisationType,
      roles: row.roles,
      sessionId: row.id,
      csrfToken: row.csrfToken,
      sessionExpiresAt: row.expiresAt,
    };
    keepSession(platform, startedAt, id, actor, { ...row, lastSeenAt: touched ? now : row.lastSeenAt });
    return actor;
  };
}

export async function sessionView(platform: Platform, actor: Actor): Promise<SessionView> {
  const rows = (await store.membershipsOf(platform.database.db, [actor.userId])).filter(
    (m) => m.organisationActive,
  );
  const byOrganisation = new Map<string, SessionView['memberships'][number]>();
  for (const row of rows) {
    const entry = byOrganisation.get(row.organisationId) ?? {
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      organisationType: row.organisationType as SessionView['organisation']['type'],
      roles: [],
      secondedFrom: row.secondedFromName,
    };
    entry.roles.push(row.role as Role);
    byOrganisation.set(row.organisationId, entry);
  }
  return {
    user: { id: actor.userId, email: actor.email, givenName: actor.givenName, familyName: actor.familyName },
    organisation: {
      id: actor.organisationId,
      name: actor.organisationName,
      type: actor.organisationType as SessionView['organisation']['type'],
    },
    roles: actor.roles,
    permissions: permissionsOf(actor.roles),
    memberships: [...byOrganisation.values()],
    csrfToken: actor.csrfToken,
    expiresAt: actor.sessionExpiresAt.toISOString(),
    idleTimeoutSeconds: platform.config.session.idleMinutes * 60,
  };
}

export async function logout(platform: Platform, caller: Caller, actor: Actor): Promise<void> {
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    await store.revokeSession(db, actor.sessionId, actor.userId, platform.clock.now());
    await audit({
      kind: 'security',
      action: 'identity.session.logout',
      entityType: 'identity.user',
      entityId: actor.userId,
    });
  });
}

export async function logoutEverywhere(platform: Platform, caller: Caller, actor: Actor): Promise<void> {
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    const count = await store.revokeSessionsOf(db, actor.userId, platform.clock.now());
    await audit({
      kind: 'security',
      action: 'identity.session.logout_everywhere',
      entityType: 'identity.user',
      entityId: actor.userId,
      details: { sessions: count },
    });
  });
}

export async function switchOrganisation(
  platform: Platform,
  caller: Caller,
  actor: Actor,
  organisationId: string,
) {
  if (!(await store.isMember(platform.database.db, actor.userId, organisationId))) throw new NotFound();
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    await store.setSessionOrganisation(db, actor.sessionId, organisationId);
    await audit({
      kind: 'security',
      action: 'identity.session.switch_organisation',
      entityType: 'identity.user',
      entityId: actor.userId,
      details: { from: actor.organisationId, to: organisationId },
    });
  });
}

export async function listOwnSessions(platform: Platform, actor: Actor) {
  const now = platform.clock.now();
  const idleSince = new Date(now.getTime() - platform.config.session.idleMinutes * 60_000);
  const rows = await store.listLiveSessions(platform.database.db, actor.userId, now, idleSince);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    clientAddress: s.clientAddress,
    userAgent: s.userAgent,
    authMethod: s.authMethod as 'password' | 'oidc',
    current: s.id === actor.sessionId,
  }));
}

export async function revokeOwnSession(platform: Platform, caller: Caller, actor: Actor, sessionId: string) {
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    if (!(await store.revokeSession(db, sessionId, actor.userId, platform.clock.now()))) throw new NotFound();
    await audit({
      kind: 'security',
      action: 'identity.session.revoke',
      entityType: 'identity.user',
      entityId: actor.userId,
    });
  });
}

// ---- passwords

export async function changePassword(
  platform: Platform,
  caller: Caller,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await store.findUserById(platform.database.db, actor.userId);
  if (!user) throw new NotFound();
  const matches =
    user.passwordHash !== null && (await verifyPassword(user.passwordHash, input.currentPassword));
  const passwordHash = matches ? await hashPassword(input.newPassword) : null;
  // A wrong current password counts like a failed sign-in: a session left open must not become a way to
  // guess the password.
  const wait = await writeIdentity(platform, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    const wait = await passAttempt(db, now, caller, signInDoor(user.email), SIGN_IN_ATTEMPTS, matches);
    if (wait > 0) {
      await delayedAttempt(audit, 'identity.user.password_change_delayed', user.id, user.email, wait);
      return wait;
    }
    if (!passwordHash) {
      await audit({
        kind: 'security',
        action: 'identity.user.password_change_failed',
        entityType: 'identity.user',
        entityId: actor.userId,
      });
      return 0;
    }
    await store.updateUser(db, actor.userId, { passwordHash, passwordChangedAt: now });
    await store.revokeSessionsOf(db, actor.userId, now, actor.sessionId);
    await store.retireUserTokens(db, actor.userId, now);
    await audit({
      kind: 'security',
      action: 'identity.user.password_change',
      entityType: 'identity.user',
      entityId: actor.userId,
    });
    return 0;
  });
  if (wait > 0) throw new TooSoon(wait);
  if (!passwordHash) {
    throw new Invalid([{ path: 'currentPassword', message: 'la password attuale non è corretta' }]);
  }
}

export async function issueUserToken(
  platform: Platform,
  db: Parameters<typeof store.insertUserToken>[0],
  userId: string,
  purpose: 'password_reset' | 'invite',
): Promise<string> {
  const token = newToken();
  const now = platform.clock.now();
  const minutes = purpose === 'invite' ? LOGIN_POLICY.inviteTokenMinutes : LOGIN_POLICY.resetTokenMinutes;
  await store.insertUserToken(db, {
    tokenHash: sha256(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + minutes * 60_000),
    usedAt: null,
  });
  return token;
}

/**
 * Puts a reset link in the outbox when the account exists; answers the same either way, after the same
 * work (no account enumeration), and never waits for the mail server.
 */
export async function requestPasswordReset(platform: Platform, caller: Caller, email: string): Promise<void> {
  const user = await store.findUserByEmail(platform.database.db, email);
  await writeIdentity(platform, caller, async ({ db, audit, mail }) => {
    await audit({
      kind: 'security',
      action: 'identity.user.password_reset_request',
      entityType: 'identity.user',
      entityId: user?.id ?? null,
      details: { email: email.slice(0, 254) },
    });
    if (!user?.isActive) return;
    const token = await issueUserToken(platform, db, user.id, 'password_reset');
    const link = `${platform.config.publicUrl}/reimposta-password?token=${token}`;
    await mail(
      {
        to: user.email,
        subject: 'LOVIT – reimpostazione della password',
        text:
          `Gentile ${user.givenName} ${user.familyName},\n\n` +
          `per scegliere una nuova password per LOVIT apri questo collegamento entro ${LOGIN_POLICY.resetTokenMinutes} minuti:\n\n${link}\n\n` +
          'Se non hai chiesto tu la reimpostazione, ignora questo messaggio: la password attuale resta valida.\n\n' +
          institution().name,
      },
      { topic: 'identity.password_reset', entityId: user.id },
    );
  });
}

/** Sets a password from a reset or invitation link: once, before it expires; ends every session. */
export async function confirmPasswordReset(
  platform: Platform,
  caller: Caller,
  input: { token: string; newPassword: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.newPassword);
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    const token = await store.findUserToken(db, sha256(input.token));
    if (!token || token.usedAt || token.expiresAt.getTime() <= now.getTime()) {
      throw new Invalid(
        [{ path: 'token', message: 'il collegamento non è valido, è già stato usato o è scaduto' }],
        'Il collegamento non è più valido: chiedine uno nuovo.',
      );
    }
    const user = await store.findUserById(db, token.userId);
    if (!user?.isActive) throw new Invalid([{ path: 'token', message: 'l’account non è attivo' }]);
    await store.retireUserTokens(db, token.userId, now);
    await store.updateUser(db, token.userId, { passwordHash, passwordChangedAt: now });
    // Whoever reads the mailbox is the account's owner: earlier failures no longer slow them down.
    await store.forgetFailures(db, SIGN_IN_DOOR, user.email.toLowerCase());
    await store.revokeSessionsOf(db, token.userId, now);
    await audit({
      kind: 'security',
      action: token.purpose === 'invite' ? 'identity.user.activate_account' : 'identity.user.password_reset',
      entityType: 'identity.user',
      entityId: token.userId,
    });
  });
}

export function findUserForIdentity(
  platform: Platform,
  identity: { fiscalCode: string | null; email: string | null },
) {
  const db = platform.database.db;
  if (identity.fiscalCode) return store.findUserByFiscalCode(db, identity.fiscalCode);
  if (identity.email) return store.findUserByEmail(db, identity.email);
  return Promise.resolve(undefined);
}

// ---- API clients: systems that submit case files (the national portal, an import)

export const API_CLIENT_CACHE_MS = 60_000;
/** Offices run a handful of systems: room for far more, so that a click day never evicts a live one. */
export const API_CLIENTS_KEPT_MAX = 1000;
// Only clients that exist are kept: a token that matches nothing is asked again, so random headers cost a
// query each but no memory.
const apiClientCache = new Map<string, { actor: Actor; at: number }>();

/** How many API clients are kept in memory now. */
export function apiClientsKept(): number {
  return apiClientCache.size;
}

function keepApiClient(hash: string, actor: Actor, at: number): void {
  apiClientCache.delete(hash);
  // A Map iterates in insertion order: the first key is the one kept longest ago.
  const oldest = apiClientCache.keys().next();
  if (apiClientCache.size >= API_CLIENTS_KEPT_MAX && !oldest.done) apiClientCache.delete(oldest.value);
  apiClientCache.set(hash, { actor, at });
}

/** Registers a system of an office and returns its bearer token, shown once. */
export async function createApiClient(
  platform: Pick<Platform, 'database' | 'clock'>,
  caller: Caller,
  input: { organisationCode: string; name: string },
): Promise<{ id: string; token: string }> {
  const { db } = platform.database;
  const organisation = await store.findOrganisationByCode(db, input.organisationCode);
  if (!organisation) throw new NotFound(`Nessun ente con codice ${input.organisationCode}.`);
  const token = randomBytes(32).toString('base64url');
  return writeIdentity(platform, caller, async ({ db: trx, audit }) => {
    const row = await store.insertApiClient(trx, {
      id: newId(),
      organisationId: organisation.id,
      name: input.name,
      tokenHash: sha256(token),
      createdAt: platform.clock.now(),
    });
    await audit({
      kind: 'security',
      action: 'identity.api_client.create',
      entityType: 'api_client',
      entityId: row.id,
      details: { name: input.name, organisation: organisation.code },
    });
    return { id: row.id, token };
  });
}

/**
 * The actor behind a bearer token: the system, in its office, with the role of a submitting system. Kept
 * for a minute, since a click day sends thousands of requests a second: a revocation takes effect within it.
 */
export function resolveApiClient(platform: Platform) {
  return async (token: string): Promise<Actor | null> => {
    const hash = sha256(token);
    const cached = apiClientCache.get(hash);
    if (cached && platform.clock.monotonic() - cached.at < API_CLIENT_CACHE_MS) return cached.actor;
    const row = await store.findApiClientWithOrganisation(platform.database.db, hash);
    if (!row || row.revokedAt !== null || !row.organisationActive) {
      apiClientCache.delete(hash);
      return null;
    }
    const actor: Actor = {
      userId: row.id,
      email: `sistema:${row.name}`,
      givenName: row.name,
      familyName: '',
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      organisationType: row.organisationType,
      roles: ['intake_system'],
      sessionId: `api:${row.id}`,
      csrfToken: '',
      sessionExpiresAt: new Date(8.64e15),
    };
    keepApiClient(hash, actor, platform.clock.monotonic());
    return actor;
  };
}
