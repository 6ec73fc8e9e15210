/**
 * The queries of the identity module's retention and access requests: sign-in traces deleted when their time
 * runs out, deactivated accounts emptied of the person, a person's account found by address, tax code or name.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import { type Database, type Db, foldedName } from '../../../kernel/db.ts';

/** The address an emptied account keeps: unique as the table wants, and never deliverable. */
const ANONYMOUS_DOMAIN = '@utente.invalid';

const sessionEnded = sql<Date>`coalesce(revoked_at, expires_at)`;

const endedSessions = (db: Db, cutoff: Date) => db.selectFrom('session').where(sessionEnded, '<', cutoff);

export async function countEndedSessions(db: Db, cutoff: Date) {
  const row = await endedSessions(db, cutoff)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteEndedSessions(db: Db, cutoff: Date, limit: number) {
  const due = endedSessions(db, cutoff).select('id').orderBy('id').limit(limit);
  const result = await db.deleteFrom('session').where('id', 'in', due).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const tokenEnded = sql<Date>`coalesce(used_at, expires_at)`;

const endedTokens = (db: Db, cutoff: Date) => db.selectFrom('userToken').where(tokenEnded, '<', cutoff);

export async function countEndedTokens(db: Db, cutoff: Date) {
  const row = await endedTokens(db, cutoff)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteEndedTokens(db: Db, cutoff: Date, limit: number) {
  const due = endedTokens(db, cutoff).select('tokenHash').orderBy('tokenHash').limit(limit);
  const result = await db.deleteFrom('userToken').where('tokenHash', 'in', due).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const oldFailures = (db: Db, cutoff: Date) =>
  db.selectFrom('failedAttempt').where('lastFailureAt', '<', cutoff);

export async function countOldFailures(db: Db, cutoff: Date) {
  const row = await oldFailures(db, cutoff)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteOldFailures(db: Db, cutoff: Date, limit: number) {
  const due = oldFailures(db, cutoff)
    .select(['door', 'subject', 'address'])
    .orderBy('door')
    .orderBy('subject')
    .orderBy('address')
    .limit(limit);
  const result = await db
    .deleteFrom('failedAttempt')
    .where((eb) =>
      eb(eb.refTuple('door', 'subject', 'address'), 'in', due.$asTuple('door', 'subject', 'address')),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The last time the account was in use: created, signed in, changed its password or was deactivated (the
 * deactivation is known from the audit trail, where it is recorded with the account).
 */
const lastActivity = sql<Date>`greatest(u.created_at, u.last_login_at, u.password_changed_at, (
  select max(a.at) from audit_entry a
  where a.entity_type = 'identity.user' and a.entity_id = u.id::text and a.action = 'identity.user.deactivate'))`;

const holdsAdmin = (eb: ExpressionBuilder<Database & { u: Database['appUser'] }, 'u'>, active: boolean) =>
  eb.exists(
    eb
      .selectFrom('membership as m')
      .innerJoin('appUser as holder', 'holder.id', 'm.userId')
      .select('m.userId')
      .where('m.role', '=', 'admin')
      .$if(active, (qb) => qb.where('holder.isActive', '=', true))
      .$if(!active, (qb) => qb.whereRef('m.userId', '=', 'u.id')),
  );

/**
 * Deactivated accounts whose time ran out, not yet emptied. An administrator's account stays while no other
 * administrator is active: it is the one that could be switched back on.
 */
const dormantAccounts = (db: Db, cutoff: Date) =>
  db
    .selectFrom('appUser as u')
    .where('u.isActive', '=', false)
    .where('u.email', 'not like', `%${ANONYMOUS_DOMAIN}`)
    .where(lastActivity, '<', cutoff)
    .where((eb) => eb.or([eb.not(holdsAdmin(eb, false)), holdsAdmin(eb, true)]));

export async function countDormantAccounts(db: Db, cutoff: Date) {
  const row = await dormantAccounts(db, cutoff)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Empties the accounts of the person (name, address, tax code, password): the row stays, so that what they
 * did keeps its author and the figures counted by person stay right.
 */
export async function anonymiseDormantAccounts(db: Db, cutoff: Date, limit: number) {
  const due = dormantAccounts(db, cutoff).select('u.id').orderBy('u.id').limit(limit);
  const result = await db
    .updateTable('appUser')
    .set({
      email: sql<string>`'cessato-' || id || ${ANONYMOUS_DOMAIN}`,
      givenName: 'Utente',
      familyName: 'cessato',
      fiscalCode: null,
      passwordHash: null,
    })
    .where('id', 'in', due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type PersonKeys = {
  email?: string | undefined;
  fiscalCode?: string | undefined;
  /** Folded as `foldedName` folds the columns. */
  name?: { surname: string; givenName: string } | undefined;
};

const matching = (db: Db, keys: PersonKeys) =>
  db
    .selectFrom('appUser as u')
    .where((eb) =>
      eb.or([
        ...(keys.email ? [eb(sql<string>`lower(u.email)`, '=', keys.email.toLowerCase())] : []),
        ...(keys.fiscalCode ? [eb('u.fiscalCode', '=', keys.fiscalCode.toUpperCase())] : []),
        ...(keys.name
          ? [
              eb.and([
                eb(foldedName('u.familyName'), '=', keys.name.surname),
                eb(foldedName('u.givenName'), '=', keys.name.givenName),
              ]),
            ]
          : []),
      ]),
    );

export async function accountIds(db: Db, keys: PersonKeys) {
  const rows = await matching(db, keys).select('u.id').execute();
  return rows.map((row) => row.id);
}

/** The accounts of a person, with their memberships and the sessions still kept. */
export async function accountsOf(db: Db, keys: PersonKeys) {
  if (!keys.email && !keys.fiscalCode && !keys.name) return [];
  const users = await matching(db, keys)
    .select([
      'u.id',
      'u.email',
      'u.givenName',
      'u.familyName',
      'u.fiscalCode',
      'u.isActive',
      'u.createdAt',
      'u.passwordChangedAt',
      'u.lastLoginAt',
    ])
    .orderBy('u.createdAt')
    .execute();
  if (users.length === 0) return [];
  const ids = users.map((user) => user.id);
  const [memberships, sessions] = await Promise.all([
    db
      .selectFrom('membership as m')
      .innerJoin('organisation as o', 'o.id', 'm.organisationId')
      .select(['m.userId', 'm.role', 'm.createdAt', 'o.name as organisation'])
      .where('m.userId', 'in', ids)
      .orderBy('m.createdAt')
      .execute(),
    db
      .selectFrom('session')
      .select([
        'userId',
        'createdAt',
        'lastSeenAt',
        'expiresAt',
        'revokedAt',
        'clientAddress',
        'userAgent',
        'authMethod',
      ])
      .where('userId', 'in', ids)
      .orderBy('createdAt')
      .execute(),
  ]);
  return users.map((user) => ({
    ...user,
    memberships: memberships.filter((row) => row.userId === user.id),
    sessions: sessions.filter((row) => row.userId === user.id),
  }));
}
