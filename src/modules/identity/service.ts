import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { UserTable } from '../../db/schema.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import {
  PERMISSION_NAMES,
  PERMISSIONS,
  permissionsOf,
  ROLE_NAMES,
  ROLES,
  type Role,
} from '../../kernel/permissions.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import type { NewOrganisation, NewUser, SessionView } from './contract.ts';
import {
  inviteUserInput,
  newOrganisation,
  newUser,
  organisationPatch,
  type PageQuery,
  setMembershipsInput,
  userPatch,
} from './contract.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import {
  afterFailedLogin,
  isLocked,
  isSessionLive,
  LOGIN_POLICY,
  needsTouch,
  sessionExpiry,
} from './rules.ts';
import * as store from './store.ts';

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new Invalid(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export class LoginRefused extends AppError {
  constructor() {
    super(
      401,
      'unauthenticated',
      'Accesso non riuscito',
      'E-mail o password non corretti, oppure account temporaneamente bloccato dopo troppi tentativi.',
    );
  }
}

// ---- sessions

export type NewSession = { token: string; view: SessionView };
type Client = { userAgent: string | null };

async function openSession(
  platform: Platform,
  caller: Caller,
  user: Selectable<UserTable>,
  authMethod: 'password' | 'oidc',
  client: Client,
): Promise<NewSession> {
  const now = platform.clock.now();
  const memberships = await store.membershipsOf(platform.database.db, [user.id]);
  const first = memberships[0];
  if (!first)
    throw new Forbidden(
      'Il tuo account non ha ancora un ruolo in nessun ente: rivolgiti all’amministratore.',
    );
  const token = newToken();
  const id = sha256(token);
  const signingIn = { ...caller, signingIn: { userId: user.id, email: user.email } };
  await writeTransaction(platform.database.db, platform.clock, signingIn, async ({ db, audit }) => {
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
    await store.updateUser(db, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await audit({
      kind: 'security',
      action: 'identity.session.login',
      entityType: 'identity.user',
      entityId: user.id,
      details: { method: authMethod, email: user.email },
    });
  });
  const actor = await resolveSession(platform)(token);
  if (!actor) throw new Error('a session just opened is not live');
  return { token, view: await sessionView(platform, actor) };
}

/** Signs in with e-mail and password. Unknown account, wrong password and lock give the same answer. */
export async function login(
  platform: Platform,
  caller: Caller,
  input: { email: string; password: string },
  client: Client,
) {
  const now = platform.clock.now();
  const user = await store.findUserByEmail(platform.database.db, input.email);
  const usable = user?.isActive && user.passwordHash && !isLocked(user.lockedUntil, now);
  const matches = await verifyPassword(
    usable ? (user.passwordHash as string) : await decoyHash(),
    input.password,
  );
  if (user && usable && matches) return openSession(platform, caller, user, 'password', client);

  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (user?.isActive && !isLocked(user.lockedUntil, now)) {
      const next = afterFailedLogin(user.failedLogins, now);
      await store.updateUser(db, user.id, next);
      if (next.lockedUntil) {
        await audit({
          kind: 'security',
          action: 'identity.user.locked',
          entityType: 'identity.user',
          entityId: user.id,
          details: { until: next.lockedUntil.toISOString() },
        });
      }
    }
    await audit({
      kind: 'security',
      action: 'identity.session.login_failed',
      entityType: 'identity.user',
      entityId: user?.id ?? null,
      details: { email: input.email.slice(0, 254) },
    });
  });
  throw new LoginRefused();
}

/** Signs in a user whom an OpenID provider has identified; the caller has matched the account. */
export function loginIdentified(
  platform: Platform,
  caller: Caller,
  user: Selectable<UserTable>,
  client: Client,
) {
  return openSession(platform, caller, user, 'oidc', client);
}

/** The live session behind a cookie token, as an actor; refreshes its last-seen time now and then. */
export function resolveSession(platform: Platform) {
  return async (token: string): Promise<Actor | null> => {
    const id = sha256(token);
    const row = await store.findSessionWithActor(platform.database.db, id);
    const now = platform.clock.now();
    if (!row?.userActive || !row.organisationActive || !isSessionLive(row, now, platform.config.session)) {
      return null;
    }
    if (needsTouch(row.lastSeenAt, now)) await store.touchSession(platform.database.db, id, now);
    return {
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
  };
}

export async function sessionView(platform: Platform, actor: Actor): Promise<SessionView> {
  const rows = await store.membershipsOf(platform.database.db, [actor.userId]);
  const byOrganisation = new Map<string, SessionView['memberships'][number]>();
  for (const row of rows) {
    const entry = byOrganisation.get(row.organisationId) ?? {
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      organisationType: row.organisationType as SessionView['organisation']['type'],
      roles: [],
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
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
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
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
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
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
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
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
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
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new Invalid([{ path: 'currentPassword', message: 'la password attuale non è corretta' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    await store.updateUser(db, actor.userId, { passwordHash, passwordChangedAt: now });
    await store.revokeSessionsOf(db, actor.userId, now, actor.sessionId);
    await audit({
      kind: 'security',
      action: 'identity.user.password_change',
      entityType: 'identity.user',
      entityId: actor.userId,
    });
  });
}

async function issueUserToken(
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

/** Sends a reset link when the account exists; says nothing either way (no account enumeration). */
export async function requestPasswordReset(platform: Platform, caller: Caller, email: string): Promise<void> {
  const user = await store.findUserByEmail(platform.database.db, email);
  const token = await writeTransaction(
    platform.database.db,
    platform.clock,
    caller,
    async ({ db, audit }) => {
      await audit({
        kind: 'security',
        action: 'identity.user.password_reset_request',
        entityType: 'identity.user',
        entityId: user?.id ?? null,
        details: { email: email.slice(0, 254) },
      });
      return user?.isActive ? issueUserToken(platform, db, user.id, 'password_reset') : null;
    },
  );
  if (!user || !token) return;
  const link = `${platform.config.publicUrl}/reimposta-password?token=${token}`;
  await platform.mailer.send({
    to: user.email,
    subject: 'LOVIT – reimpostazione della password',
    text:
      `Gentile ${user.givenName} ${user.familyName},\n\n` +
      `per scegliere una nuova password per LOVIT apri questo collegamento entro ${LOGIN_POLICY.resetTokenMinutes} minuti:\n\n${link}\n\n` +
      'Se non hai chiesto tu la reimpostazione, ignora questo messaggio: la password attuale resta valida.\n\n' +
      'Prefettura di Lodi – Ufficio Territoriale del Governo',
  });
}

/** Sets a password from a reset or invitation link: once, before it expires; ends every session. */
export async function confirmPasswordReset(
  platform: Platform,
  caller: Caller,
  input: { token: string; newPassword: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    const token = await store.findUserToken(db, sha256(input.token));
    if (!token || token.usedAt || token.expiresAt.getTime() <= now.getTime()) {
      throw new Invalid(
        [{ path: 'token', message: 'il collegamento non è valido, è già stato usato o è scaduto' }],
        'Il collegamento non è più valido: chiedine uno nuovo.',
      );
    }
    await store.markUserTokenUsed(db, token.tokenHash, now);
    await store.updateUser(db, token.userId, {
      passwordHash,
      passwordChangedAt: now,
      failedLogins: 0,
      lockedUntil: null,
    });
    await store.revokeSessionsOf(db, token.userId, now);
    await audit({
      kind: 'security',
      action: token.purpose === 'invite' ? 'identity.user.activate_account' : 'identity.user.password_reset',
      entityType: 'identity.user',
      entityId: token.userId,
    });
  });
}

// ---- organisations

type OrganisationRow = Awaited<ReturnType<typeof store.findOrganisationById>> & {};

export function organisationOut(row: OrganisationRow) {
  return { ...row, type: row.type as NewOrganisation['type'], createdAt: row.createdAt.toISOString() };
}

export async function listOrganisations(
  platform: Platform,
  query: PageQuery & { type?: string | undefined; active?: 'true' | 'false' | undefined },
) {
  const active = query.active === undefined ? undefined : query.active === 'true';
  const { items, total } = await store.listOrganisations(platform.database.db, { ...query, active });
  return { items: items.map(organisationOut), total, page: query.page, pageSize: query.pageSize };
}

export async function getOrganisation(platform: Platform, id: string) {
  const row = await store.findOrganisationById(platform.database.db, id);
  if (!row) throw new NotFound();
  return organisationOut(row);
}

export async function createOrganisation(
  platform: Pick<Platform, 'database' | 'clock'>,
  caller: Caller,
  input: NewOrganisation,
) {
  const data = parseInput(newOrganisation, input);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (await store.findOrganisationByCode(db, data.code)) {
      throw new Conflict(`Esiste già un ente con codice ${data.code}.`);
    }
    const row = await store.insertOrganisation(db, { id: newId(), ...data });
    await audit({
      kind: 'change',
      action: 'identity.organisation.create',
      entityType: 'identity.organisation',
      entityId: row.id,
      before: null,
      after: data,
    });
    return organisationOut(row);
  });
}

export async function updateOrganisation(platform: Platform, caller: Caller, id: string, input: unknown) {
  const patch = parseInput(organisationPatch, input);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.findOrganisationById(db, id);
    if (!before) throw new NotFound();
    const after = await store.updateOrganisation(db, id, patch);
    await audit({
      kind: 'change',
      action: 'identity.organisation.update',
      entityType: 'identity.organisation',
      entityId: id,
      before,
      after,
    });
    return organisationOut(after);
  });
}

export async function setOrganisationActive(
  platform: Platform,
  caller: Caller,
  id: string,
  isActive: boolean,
) {
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.findOrganisationById(db, id);
    if (!before) throw new NotFound();
    const after = await store.updateOrganisation(db, id, { isActive });
    await audit({
      kind: 'change',
      action: isActive ? 'identity.organisation.activate' : 'identity.organisation.deactivate',
      entityType: 'identity.organisation',
      entityId: id,
      before: { isActive: before.isActive },
      after: { isActive },
    });
    return organisationOut(after);
  });
}

// ---- users

type UserRow = Selectable<UserTable>;

async function usersOut(platform: Platform, rows: UserRow[]) {
  const memberships = await store.membershipsOf(
    platform.database.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    givenName: row.givenName,
    familyName: row.familyName,
    fiscalCode: row.fiscalCode,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    lockedUntil:
      row.lockedUntil && row.lockedUntil > platform.clock.now() ? row.lockedUntil.toISOString() : null,
    hasPassword: row.passwordHash !== null,
    memberships: memberships
      .filter((m) => m.userId === row.id)
      .map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        role: m.role as Role,
      })),
  }));
}

/** The organisation a reader is limited to: none for global roles, their own otherwise. */
function userScope(actor: Actor): string | null {
  return actor.roles.includes('admin') ? null : actor.organisationId;
}

/** A user the actor may see, or 404: a record outside the actor's scope does not exist for them. */
async function visibleUser(platform: Platform, actor: Actor, id: string): Promise<UserRow> {
  const scope = userScope(actor);
  const row = await store.findUserById(platform.database.db, id);
  if (!row || (scope && !(await store.isMember(platform.database.db, id, scope)))) throw new NotFound();
  return row;
}

export async function listUsers(
  platform: Platform,
  caller: Caller,
  actor: Actor,
  query: PageQuery & { organisationId?: string | undefined; role?: Role | undefined },
) {
  const { items, total } = await store.listUsers(platform.database.db, query, userScope(actor));
  await auditRead(platform.database.db, platform.clock, caller, 'identity.user', 'list', {
    ids: items.map((u) => u.id),
  });
  return { items: await usersOut(platform, items), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(platform: Platform, caller: Caller, actor: Actor, id: string) {
  const row = await visibleUser(platform, actor, id);
  await auditRead(platform.database.db, platform.clock, caller, 'identity.user', id);
  const [out] = await usersOut(platform, [row]);
  return out as NonNullable<typeof out>;
}

async function checkMemberships(platform: Platform, memberships: { organisationId: string; role: Role }[]) {
  for (const [index, m] of memberships.entries()) {
    const organisation = await store.findOrganisationById(platform.database.db, m.organisationId);
    if (!organisation?.isActive) {
      throw new Invalid([
        { path: `memberships.${index}.organisationId`, message: 'ente inesistente o disattivato' },
      ]);
    }
  }
}

/** Creates an account with its roles and sends the invitation link; no password is set by anyone else. */
export async function inviteUser(platform: Platform, caller: Caller, input: unknown) {
  const data = parseInput(inviteUserInput, input);
  await checkMemberships(platform, data.memberships);
  const { user, token } = await writeTransaction(
    platform.database.db,
    platform.clock,
    caller,
    async ({ db, audit }) => {
      if (await store.findUserByEmail(db, data.email))
        throw new Conflict(`Esiste già un utente con e-mail ${data.email}.`);
      const { memberships, ...fields } = data;
      const user = await store.insertUser(db, { id: newId(), ...fields });
      await store.replaceMemberships(db, user.id, memberships);
      await audit({
        kind: 'change',
        action: 'identity.user.invite',
        entityType: 'identity.user',
        entityId: user.id,
        before: null,
        after: data,
      });
      return { user, token: await issueUserToken(platform, db, user.id, 'invite') };
    },
  );
  const link = `${platform.config.publicUrl}/attiva-account?token=${token}`;
  await platform.mailer.send({
    to: user.email,
    subject: 'LOVIT – invito ad accedere alla piattaforma',
    text:
      `Gentile ${user.givenName} ${user.familyName},\n\n` +
      'la Prefettura di Lodi ti ha abilitato all’uso di LOVIT, la piattaforma per i servizi all’immigrazione.\n' +
      `Per attivare l’account e scegliere la password apri questo collegamento entro tre giorni:\n\n${link}\n\n` +
      'Prefettura di Lodi – Ufficio Territoriale del Governo',
  });
  const [out] = await usersOut(platform, [user]);
  return out as NonNullable<typeof out>;
}

export async function updateUser(platform: Platform, caller: Caller, id: string, input: unknown) {
  const patch = parseInput(userPatch, input);
  const user = await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.findUserById(db, id);
    if (!before) throw new NotFound();
    const after = await store.updateUser(db, id, patch);
    await audit({
      kind: 'change',
      action: 'identity.user.update',
      entityType: 'identity.user',
      entityId: id,
      before: { givenName: before.givenName, familyName: before.familyName, fiscalCode: before.fiscalCode },
      after: { givenName: after.givenName, familyName: after.familyName, fiscalCode: after.fiscalCode },
    });
    return after;
  });
  const [out] = await usersOut(platform, [user]);
  return out as NonNullable<typeof out>;
}

export async function setMemberships(
  platform: Platform,
  caller: Caller,
  actor: Actor,
  id: string,
  input: unknown,
) {
  const { memberships } = parseInput(setMembershipsInput, input);
  await checkMemberships(platform, memberships);
  if (id === actor.userId && !memberships.some((m) => m.role === 'admin')) {
    throw new Invalid([
      { path: 'memberships', message: 'non puoi togliere a te stesso il ruolo di amministratore' },
    ]);
  }
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const user = await store.findUserById(db, id);
    if (!user) throw new NotFound();
    const before = await store.membershipsOf(db, [id]);
    await store.replaceMemberships(db, id, memberships);
    await audit({
      kind: 'change',
      action: 'identity.user.memberships',
      entityType: 'identity.user',
      entityId: id,
      before: { memberships: before.map((m) => `${m.organisationId}:${m.role}`) },
      after: { memberships: memberships.map((m) => `${m.organisationId}:${m.role}`) },
    });
  });
  return getUser(platform, caller, actor, id);
}

export async function setUserActive(
  platform: Platform,
  caller: Caller,
  actor: Actor,
  id: string,
  isActive: boolean,
) {
  if (id === actor.userId && !isActive) throw new Conflict('Non puoi disattivare il tuo stesso account.');
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.findUserById(db, id);
    if (!before) throw new NotFound();
    await store.updateUser(db, id, { isActive });
    if (!isActive) await store.revokeSessionsOf(db, id, platform.clock.now());
    await audit({
      kind: 'change',
      action: isActive ? 'identity.user.activate' : 'identity.user.deactivate',
      entityType: 'identity.user',
      entityId: id,
      before: { isActive: before.isActive },
      after: { isActive },
    });
  });
  return getUser(platform, caller, actor, id);
}

export async function unlockUser(platform: Platform, caller: Caller, actor: Actor, id: string) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.findUserById(db, id))) throw new NotFound();
    await store.updateUser(db, id, { failedLogins: 0, lockedUntil: null });
    await audit({
      kind: 'security',
      action: 'identity.user.unlock',
      entityType: 'identity.user',
      entityId: id,
    });
  });
  return getUser(platform, caller, actor, id);
}

/** Creates a user directly (command line and demo data), optionally with a password. */
export async function createUser(
  platform: Pick<Platform, 'database' | 'clock'>,
  caller: Caller,
  input: NewUser & { password?: string },
  memberships: { organisationId: string; role: Role }[],
) {
  const { password, ...rest } = input;
  const data = parseInput(newUser, rest);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (await store.findUserByEmail(db, data.email))
      throw new Conflict(`Esiste già un utente con e-mail ${data.email}.`);
    const user = await store.insertUser(db, {
      id: newId(),
      ...data,
      passwordHash,
      passwordChangedAt: passwordHash ? platform.clock.now() : null,
    });
    await store.replaceMemberships(db, user.id, memberships);
    await audit({
      kind: 'change',
      action: 'identity.user.create',
      entityType: 'identity.user',
      entityId: user.id,
      before: null,
      after: { ...data, memberships },
    });
    return user;
  });
}

export function findOrganisationByCode(platform: Pick<Platform, 'database'>, code: string) {
  return store.findOrganisationByCode(platform.database.db, code);
}

export async function isDirectoryEmpty(platform: Pick<Platform, 'database'>): Promise<boolean> {
  return (await store.countOrganisations(platform.database.db)) === 0;
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

export function permissionMatrix() {
  return {
    roles: ROLE_NAMES.map((role) => ({ role, label: ROLES[role] })),
    permissions: PERMISSION_NAMES.map((permission) => ({
      permission,
      label: PERMISSIONS[permission].label,
      module: PERMISSIONS[permission].module,
      roles: [...PERMISSIONS[permission].roles],
    })),
  };
}
