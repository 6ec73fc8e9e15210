import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  ApiClientTable,
  OrganisationTable,
  SessionTable,
  UserTable,
  UserTokenTable,
} from '../../db/tables/identity.ts';
import type { Db } from '../../kernel/db.ts';
import type { Role } from '../../kernel/permissions.ts';
import type { PageQuery } from './contract.ts';

function like(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---- organisations

export function findOrganisationById(db: Db, id: string) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByCode(db: Db, code: string) {
  return db.selectFrom('organisation').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertOrganisation(db: Db, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateOrganisation(db: Db, id: string, patch: Updateable<OrganisationTable>) {
  return db
    .updateTable('organisation')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}

export async function listOrganisations(
  db: Db,
  query: PageQuery & { type?: string | undefined; active?: boolean | undefined },
) {
  let base = db.selectFrom('organisation');
  if (query.q)
    base = base.where((eb) =>
      eb.or([eb('name', 'ilike', like(query.q ?? '')), eb('code', 'ilike', like(query.q ?? ''))]),
    );
  if (query.type) base = base.where('type', '=', query.type);
  if (query.active !== undefined) base = base.where('isActive', '=', query.active);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('name')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

// ---- users and memberships

export type UserRow = Selectable<UserTable>;

export function findUserById(db: Db, id: string) {
  return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('appUser')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findUserByFiscalCode(db: Db, fiscalCode: string) {
  return db.selectFrom('appUser').selectAll().where('fiscalCode', '=', fiscalCode).executeTakeFirst();
}

export function insertUser(db: Db, row: Insertable<UserTable>) {
  return db.insertInto('appUser').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: string, patch: Updateable<UserTable>) {
  return db.updateTable('appUser').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Where and about whom attempts at a secret are counted; `EVERYWHERE` stands for every address. */
export type AttemptKey = { door: string; subject: string; address: string };
export const EVERYWHERE = '*';

/**
 * Makes parallel attempts at one door and subject take turns until the transaction ends, so that each reads
 * the counts the one before it wrote.
 */
export async function takeTurnAt(db: Db, door: string, subject: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${door}\n${subject}`}, 0))`.execute(db);
}

export function failureCounts(db: Db, door: string, subject: string, addresses: readonly string[]) {
  return db
    .selectFrom('failedAttempt')
    .select(['address', 'failures', 'lastFailureAt'])
    .where('door', '=', door)
    .where('subject', '=', subject)
    .where('address', 'in', addresses)
    .execute();
}

/** Every count kept for these subjects at a door, from any address. */
export function failureCountsOf(db: Db, door: string, subjects: readonly string[]) {
  if (subjects.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('failedAttempt')
    .select(['subject', 'address', 'failures', 'lastFailureAt'])
    .where('door', '=', door)
    .where('subject', 'in', subjects)
    .execute();
}

export async function saveFailureCount(
  db: Db,
  key: AttemptKey,
  count: { failures: number; lastFailureAt: Date },
): Promise<void> {
  await db
    .insertInto('failedAttempt')
    .values({ ...key, ...count })
    .onConflict((oc) => oc.columns(['door', 'subject', 'address']).doUpdateSet(count))
    .execute();
}

/** Forgets the failures of a subject from one address, or from all of them. */
export async function forgetFailures(db: Db, door: string, subject: string, address?: string) {
  let query = db.deleteFrom('failedAttempt').where('door', '=', door).where('subject', '=', subject);
  if (address !== undefined) query = query.where('address', '=', address);
  await query.execute();
}

/** Deletes the counts whose last failure came before `before`; returns how many. */
export async function deleteFailuresBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('failedAttempt').where('lastFailureAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function replaceMemberships(
  db: Db,
  userId: string,
  memberships: { organisationId: string; role: Role; secondedFrom?: string | null | undefined }[],
): Promise<void> {
  await db.deleteFrom('membership').where('userId', '=', userId).execute();
  if (memberships.length) {
    await db
      .insertInto('membership')
      .values(
        memberships.map((m) => ({
          userId,
          organisationId: m.organisationId,
          role: m.role,
          secondedFrom: m.secondedFrom ?? null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export function membershipsOf(db: Db, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .leftJoin('organisation as origin', 'origin.id', 'm.secondedFrom')
    .select([
      'm.userId',
      'm.organisationId',
      'm.role',
      'm.secondedFrom',
      'origin.name as secondedFromName',
      'm.createdAt',
      'o.name as organisationName',
      'o.type as organisationType',
      'o.isActive as organisationActive',
    ])
    .where('m.userId', 'in', userIds)
    .orderBy('o.name')
    .orderBy('m.role')
    .execute();
}

/** Users, optionally only the members of one organisation (the scope of a non-global reader). */
export async function listUsers(
  db: Db,
  query: PageQuery & { organisationId?: string | undefined; role?: string | undefined },
  scopeOrganisationId: string | null,
) {
  let base = db.selectFrom('appUser as u');
  const organisationFilter = scopeOrganisationId ?? query.organisationId;
  if (organisationFilter || query.role) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .$if(Boolean(organisationFilter), (qb) =>
            qb.where('m.organisationId', '=', organisationFilter as string),
          )
          .$if(Boolean(query.role), (qb) => qb.where('m.role', '=', query.role as Role)),
      ),
    );
  }
  if (query.q) {
    const pattern = like(query.q);
    base = base.where((eb) =>
      eb.or([
        eb('u.email', 'ilike', pattern),
        eb('u.familyName', 'ilike', pattern),
        eb('u.givenName', 'ilike', pattern),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    base
      .selectAll('u')
      .orderBy('u.familyName')
      .orderBy('u.givenName')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Whether the user holds a role in that organisation, and the organisation is active. */
export async function isMember(db: Db, userId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select('m.userId')
    .where('m.userId', '=', userId)
    .where('m.organisationId', '=', organisationId)
    .where('o.isActive', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active user with this e-mail holding one of `roles`, with that role and its organisation. */
export function activeMemberByEmail(db: Db, email: string, roles: readonly Role[]) {
  return db
    .selectFrom('appUser as u')
    .innerJoin('membership as m', 'm.userId', 'u.id')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select([
      'u.id',
      'u.email',
      'u.givenName',
      'u.familyName',
      'o.id as organisationId',
      'o.name',
      'o.type',
      'm.role',
    ])
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email.toLowerCase()))
    .where('m.role', 'in', roles)
    .where('u.isActive', '=', true)
    .executeTakeFirst();
}

/** The organisation of the user's most recent session, to sign them in where they last worked. */
export async function lastOrganisationOf(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('session')
    .select('organisationId')
    .where('userId', '=', userId)
    .orderBy('lastSeenAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.organisationId;
}

// ---- sessions

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/** The session behind a token hash with its user, organisation and roles there, live or not. */
export function findSessionWithActor(db: Db, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .innerJoin('organisation as o', 'o.id', 's.organisationId')
    .select([
      's.id',
      's.userId',
      's.organisationId',
      's.csrfToken',
      's.expiresAt',
      's.lastSeenAt',
      's.revokedAt',
      'u.email',
      'u.givenName',
      'u.familyName',
      'u.isActive as userActive',
      'o.name as organisationName',
      'o.type as organisationType',
      'o.isActive as organisationActive',
      sql<
        Role[]
      >`array(select m.role from membership m where m.user_id = s.user_id and m.organisation_id = s.organisation_id order by m.role)`.as(
        'roles',
      ),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export async function setSessionOrganisation(db: Db, id: string, organisationId: string): Promise<void> {
  await db.updateTable('session').set({ organisationId }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeSessionsOf(db: Db, userId: string, at: Date, exceptId?: string): Promise<number> {
  const result = await db
    .updateTable('session')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listLiveSessions(db: Db, userId: string, now: Date, idleSince: Date) {
  return db
    .selectFrom('session')
    .selectAll()
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .where('lastSeenAt', '>', idleSince)
    .orderBy('lastSeenAt', 'desc')
    .execute();
}

// ---- tokens sent by e-mail

export async function insertUserToken(db: Db, row: Insertable<UserTokenTable>): Promise<void> {
  await db.insertInto('userToken').values(row).execute();
}

export function findUserToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('userToken')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function retireUserTokens(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('userToken')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .execute();
}

// ---- OpenID Connect logins in progress

export async function insertOidcLogin(
  db: Db,
  row: { state: string; codeVerifier: string; nonce: string; returnTo: string; createdAt: Date },
): Promise<void> {
  await db.insertInto('oidcLogin').values(row).execute();
}

export function takeOidcLogin(db: Db, state: string) {
  return db.deleteFrom('oidcLogin').where('state', '=', state).returningAll().executeTakeFirst();
}

export async function purgeOidcLogins(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('oidcLogin').where('createdAt', '<', before).execute();
}

// ---- API clients

export function insertApiClient(db: Db, row: Insertable<ApiClientTable>) {
  return db.insertInto('apiClient').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApiClientWithOrganisation(db: Db, tokenHash: string) {
  return db
    .selectFrom('apiClient as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisationId')
    .select([
      'c.id',
      'c.name',
      'c.revokedAt',
      'c.organisationId',
      'o.name as organisationName',
      'o.type as organisationType',
      'o.isActive as organisationActive',
    ])
    .where('c.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}
