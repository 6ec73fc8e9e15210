import type { Actor, Caller } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound, parseInput } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { institution, prefectureName } from '../../kernel/institution.ts';
import type { Mail } from '../../kernel/mail.ts';
import { type MailState, mailStates } from '../../kernel/mail-outbox.ts';
import { PERMISSION_NAMES, PERMISSIONS, ROLE_NAMES, ROLES, type Role } from '../../kernel/permissions.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead } from '../../kernel/transaction.ts';
import {
  inviteUserInput,
  type NewOrganisation,
  type NewUser,
  newOrganisation,
  newUser,
  organisationPatch,
  type PageQuery,
  setMembershipsInput,
  userPatch,
} from './contract.ts';
import { hashPassword } from './passwords.ts';
import { SIGN_IN_ATTEMPTS, SIGN_IN_DOOR, secondmentFaults, slowedUntil } from './rules.ts';
import { issueUserToken } from './service.ts';
import { writeIdentity } from './sessions.ts';
import * as store from './store.ts';

/** The directory of the territorial network: organisations, users and their roles. */

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
  return writeIdentity(platform, caller, async ({ db, audit }) => {
    if (await store.findOrganisationByCode(db, data.code)) {
      throw new Conflict(`Esiste già un ente con codice ${data.code}.`, undefined, [
        { path: 'code', message: 'codice già usato da un altro ente' },
      ]);
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
  return writeIdentity(platform, caller, async ({ db, audit }) => {
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
  return writeIdentity(platform, caller, async ({ db, audit }) => {
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

/** Users as the API shows them; a reader bound to one organisation sees only the roles held there. */
async function usersOut(platform: Platform, rows: store.UserRow[], scope: string | null) {
  const memberships = await store.membershipsOf(
    platform.database.db,
    rows.map((r) => r.id),
  );
  const failures = await store.failureCountsOf(
    platform.database.db,
    SIGN_IN_DOOR,
    rows.map((r) => r.email.toLowerCase()),
  );
  const now = platform.clock.now();
  const slowedUntilOf = (email: string) => {
    const counts = failures.filter((count) => count.subject === email.toLowerCase());
    return slowedUntil(
      SIGN_IN_ATTEMPTS,
      now,
      counts.filter((count) => count.address !== store.EVERYWHERE),
      counts.find((count) => count.address === store.EVERYWHERE) ?? null,
    );
  };
  const invitations = await mailStates(
    platform.database.db,
    [INVITATION_TOPIC],
    rows.filter((row) => row.passwordHash === null).map((row) => row.id),
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
    slowedUntil: slowedUntilOf(row.email)?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    invitation: invitationOut(invitations.get(row.id)?.[0]),
    memberships: memberships
      .filter((m) => m.userId === row.id && (scope === null || m.organisationId === scope))
      .map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        role: m.role as Role,
        secondedFrom: m.secondedFrom,
        secondedFromName: m.secondedFromName,
      })),
  }));
}

/** A membership as the audit trail records it: organisation, role and, on secondment, where the person comes from. */
function membershipLabel(m: { organisationId: string; role: string; secondedFrom?: string | null }): string {
  return `${m.organisationId}:${m.role}${m.secondedFrom ? `:distacco da ${m.secondedFrom}` : ''}`;
}

function invitationOut(latest: MailState | undefined) {
  return latest ? { status: latest.status, sentAt: latest.sentAt?.toISOString() ?? null } : null;
}

/** The organisation a reader is limited to: none for global roles, their own otherwise. */
function userScope(actor: Actor): string | null {
  return actor.roles.includes('admin') ? null : actor.organisationId;
}

/** A user the actor may see, or 404: a record outside the actor's scope does not exist for them. */
async function visibleUser(platform: Platform, actor: Actor, id: string): Promise<store.UserRow> {
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
  return {
    items: await usersOut(platform, items, userScope(actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(platform: Platform, caller: Caller, actor: Actor, id: string) {
  const row = await visibleUser(platform, actor, id);
  await auditRead(platform.database.db, platform.clock, caller, 'identity.user', id);
  const [out] = await usersOut(platform, [row], userScope(actor));
  return out as NonNullable<typeof out>;
}

type MembershipInput = { organisationId: string; role: Role; secondedFrom?: string | null | undefined };

async function checkMemberships(platform: Pick<Platform, 'database'>, memberships: MembershipInput[]) {
  const faults = secondmentFaults(memberships);
  if (faults.length) throw new Invalid(faults);
  for (const [index, m] of memberships.entries()) {
    const organisation = await store.findOrganisationById(platform.database.db, m.organisationId);
    if (!organisation?.isActive) {
      throw new Invalid([
        { path: `memberships.${index}.organisationId`, message: 'ente inesistente o disattivato' },
      ]);
    }
  }
}

function invitationMail(platform: Platform, user: store.UserRow, token: string): Mail {
  const link = `${platform.config.publicUrl}/attiva-account?token=${token}`;
  return {
    to: user.email,
    subject: 'LOVIT – invito ad accedere alla piattaforma',
    text:
      `Gentile ${user.givenName} ${user.familyName},\n\n` +
      `la ${prefectureName()} ti ha abilitato all’uso di LOVIT, la piattaforma per i servizi all’immigrazione.\n` +
      `Per attivare l’account e scegliere la password apri questo collegamento entro tre giorni:\n\n${link}\n\n` +
      institution().name,
  };
}

const INVITATION_TOPIC = 'identity.invitation';

/** Creates an account with its roles and queues the invitation link; no password is set by anyone else. */
export async function inviteUser(platform: Platform, caller: Caller, input: unknown) {
  const data = parseInput(inviteUserInput, input);
  await checkMemberships(platform, data.memberships);
  const user = await writeIdentity(platform, caller, async ({ db, audit, mail }) => {
    if (await store.findUserByEmail(db, data.email))
      throw new Conflict(`Esiste già un utente con e-mail ${data.email}.`, undefined, [
        { path: 'email', message: 'e-mail già usata da un altro utente' },
      ]);
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
    const token = await issueUserToken(platform, db, user.id, 'invite');
    await mail(invitationMail(platform, user, token), { topic: INVITATION_TOPIC, entityId: user.id });
    return user;
  });
  const [out] = await usersOut(platform, [user], null);
  return out as NonNullable<typeof out>;
}

/** Sends a new invitation link (the older ones stop working) to an account not yet activated. */
export async function reinviteUser(platform: Platform, caller: Caller, actor: Actor, id: string) {
  await writeIdentity(platform, caller, async ({ db, audit, mail }) => {
    const user = await store.findUserById(db, id);
    if (!user) throw new NotFound();
    if (!user.isActive)
      throw new Conflict('L’account è disattivato: riattivarlo prima di invitare di nuovo.');
    if (user.passwordHash !== null)
      throw new Conflict('L’utente ha già attivato l’account: può reimpostare la password da solo.');
    await store.retireUserTokens(db, id, platform.clock.now());
    await audit({
      kind: 'change',
      action: 'identity.user.reinvite',
      entityType: 'identity.user',
      entityId: id,
      before: null,
      after: { email: user.email },
    });
    const token = await issueUserToken(platform, db, id, 'invite');
    await mail(invitationMail(platform, user, token), { topic: INVITATION_TOPIC, entityId: id });
  });
  return getUser(platform, caller, actor, id);
}

export async function updateUser(platform: Platform, caller: Caller, id: string, input: unknown) {
  const patch = parseInput(userPatch, input);
  const user = await writeIdentity(platform, caller, async ({ db, audit }) => {
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
  const [out] = await usersOut(platform, [user], null);
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
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    const user = await store.findUserById(db, id);
    if (!user) throw new NotFound();
    const before = await store.membershipsOf(db, [id]);
    await store.replaceMemberships(db, id, memberships);
    await audit({
      kind: 'change',
      action: 'identity.user.memberships',
      entityType: 'identity.user',
      entityId: id,
      before: { memberships: before.map(membershipLabel) },
      after: { memberships: memberships.map(membershipLabel) },
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
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    const before = await store.findUserById(db, id);
    if (!before) throw new NotFound();
    await store.updateUser(db, id, {
      isActive,
      deactivatedAt: isActive ? null : before.isActive ? platform.clock.now() : before.deactivatedAt,
    });
    if (!isActive) {
      await store.revokeSessionsOf(db, id, platform.clock.now());
      await store.retireUserTokens(db, id, platform.clock.now());
    }
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

/** Forgets a user's failed sign-ins from every address: whoever was made to wait may try again at once. */
export async function unlockUser(platform: Platform, caller: Caller, actor: Actor, id: string) {
  await writeIdentity(platform, caller, async ({ db, audit }) => {
    const user = await store.findUserById(db, id);
    if (!user) throw new NotFound();
    await store.forgetFailures(db, SIGN_IN_DOOR, user.email.toLowerCase());
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
  memberships: MembershipInput[],
) {
  const { password, ...rest } = input;
  const data = parseInput(newUser, rest);
  await checkMemberships(platform, memberships);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return writeIdentity(platform, caller, async ({ db, audit }) => {
    if (await store.findUserByEmail(db, data.email))
      throw new Conflict(`Esiste già un utente con e-mail ${data.email}.`, undefined, [
        { path: 'email', message: 'e-mail già usata da un altro utente' },
      ]);
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

/** The active user with this e-mail holding one of `roles`, with that role and its organisation. */
export function findActiveMember(
  platform: Pick<Platform, 'database'>,
  email: string,
  roles: readonly Role[],
) {
  return store.activeMemberByEmail(platform.database.db, email, roles);
}

export async function isDirectoryEmpty(platform: Pick<Platform, 'database'>): Promise<boolean> {
  return (await store.countOrganisations(platform.database.db)) === 0;
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
