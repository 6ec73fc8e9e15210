/**
 * The queries of the identity module's retention and access requests: sign-in traces deleted when their time
 * runs out, deactivated accounts emptied of the person, a person's account found by address, tax code or name.
 * Each disposal takes the rows it disposes of with `skip locked`: two runs at once share them out between
 * them, and none counts a row the other one disposed of.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import { redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Database, type Db, foldedName } from '../../../kernel/db.ts';

/** The address an emptied account keeps: unique as the table wants, and never deliverable. */
const ANONYMOUS_DOMAIN = '@utente.invalid';

const sessionEnded = sql<Date>`coalesce(revoked_at, expires_at)`;

const endedSessions = (db: Db, cutoff: Date) => db.selectFrom('session').where(sessionEnded, '<', cutoff);

export async function countEndedSessions(db: Db, cutoff: Date) {
  return countRows(endedSessions(db, cutoff));
}

export async function deleteEndedSessions(db: Db, cutoff: Date, limit: number) {
  const due = endedSessions(db, cutoff).select('id').orderBy('id').limit(limit).forUpdate().skipLocked();
  const result = await db.deleteFrom('session').where('id', 'in', due).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const tokenEnded = sql<Date>`coalesce(used_at, expires_at)`;

const endedTokens = (db: Db, cutoff: Date) => db.selectFrom('userToken').where(tokenEnded, '<', cutoff);

export async function countEndedTokens(db: Db, cutoff: Date) {
  return countRows(endedTokens(db, cutoff));
}

export async function deleteEndedTokens(db: Db, cutoff: Date, limit: number) {
  const due = endedTokens(db, cutoff)
    .select('tokenHash')
    .orderBy('tokenHash')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const result = await db.deleteFrom('userToken').where('tokenHash', 'in', due).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const oldFailures = (db: Db, cutoff: Date) =>
  db.selectFrom('failedAttempt').where('lastFailureAt', '<', cutoff);

export async function countOldFailures(db: Db, cutoff: Date) {
  return countRows(oldFailures(db, cutoff));
}

export async function deleteOldFailures(db: Db, cutoff: Date, limit: number) {
  const due = oldFailures(db, cutoff)
    .select(['door', 'subject', 'address'])
    .orderBy('door')
    .orderBy('subject')
    .orderBy('address')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const result = await db
    .deleteFrom('failedAttempt')
    .where((eb) =>
      eb(eb.refTuple('door', 'subject', 'address'), 'in', due.$asTuple('door', 'subject', 'address')),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The last time the account was in use: created, signed in, changed its password or was deactivated. An
 * account off with no day of deactivation (switched off other than through the directory) counts as
 * switched off now, so that it is never emptied sooner than its time.
 */
const lastActivity = sql<Date>`greatest(u.created_at, u.last_login_at, u.password_changed_at,
  coalesce(u.deactivated_at, now()))`;

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
  return countRows(dormantAccounts(db, cutoff));
}

/**
 * Empties the accounts of the person (name, address, tax code, password): the row stays, so that what they
 * did keeps its author and the figures counted by person stay right.
 */
export async function anonymiseDormantAccounts(db: Db, cutoff: Date, limit: number) {
  const due = dormantAccounts(db, cutoff)
    .select('u.id')
    .orderBy('u.id')
    .limit(limit)
    .forUpdate('u')
    .skipLocked();
  const emptied = await db
    .updateTable('appUser')
    .set({
      email: sql<string>`'cessato-' || id || ${ANONYMOUS_DOMAIN}`,
      givenName: 'Utente',
      familyName: 'cessato',
      fiscalCode: null,
      passwordHash: null,
    })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  // the trail of the account's creation and changes named the person too
  await redactAuditedChanges(
    db,
    emptied.map((row) => ({ type: 'identity.user', id: row.id })),
  );
  return emptied.length;
}

export type PersonKeys = {
  /** Lower case. */
  email?: string | undefined;
  /** Upper case. */
  fiscalCode?: string | undefined;
  /** Folded as `foldedName` folds the columns. */
  name?: { surname: string; givenName: string } | undefined;
};

/**
 * The accounts that may be the person's: by address or fiscal code, or by name among those with a fiscal
 * code, which the caller checks against the birth date.
 */
export function candidateAccounts(db: Db, keys: PersonKeys) {
  return db
    .selectFrom('appUser as u')
    .select(['u.id', 'u.email', 'u.fiscalCode'])
    .where((eb) =>
      eb.or([
        ...(keys.email ? [eb(sql<string>`lower(u.email)`, '=', keys.email)] : []),
        ...(keys.fiscalCode ? [eb('u.fiscalCode', '=', keys.fiscalCode)] : []),
        ...(keys.name
          ? [
              eb.and([
                eb('u.fiscalCode', 'is not', null),
                eb(foldedName('u.familyName'), '=', keys.name.surname),
                eb(foldedName('u.givenName'), '=', keys.name.givenName),
              ]),
            ]
          : []),
      ]),
    )
    .execute();
}

/**
 * The accounts found, with their memberships and the sessions still kept. The sessions are told by their
 * days and the way of signing in, never by the address and the program they came from: those are the
 * security trail (art. 32 GDPR), and a session opened by whoever misused the account carries that other
 * person's address and device, while an office's address names its network and colleagues (art. 15, par. 4).
 * The days let the holder recognise each session; the office may give an address on a request about a given
 * session. An account found by the name and birth date rather than by its own address or fiscal code gives
 * only how many sessions it has.
 */
export async function accountsOf(db: Db, found: readonly { id: string; byOwnKey: boolean }[]) {
  if (found.length === 0) return [];
  const ids = found.map((account) => account.id);
  const ownIds = found.filter((account) => account.byOwnKey).map((account) => account.id);
  const [users, memberships, sessions] = await Promise.all([
    db
      .selectFrom('appUser')
      .select([
        'id',
        'email',
        'givenName',
        'familyName',
        'fiscalCode',
        'isActive',
        'createdAt',
        'passwordChangedAt',
        'lastLoginAt',
        'deactivatedAt',
      ])
      .where('id', 'in', ids)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('membership as m')
      .innerJoin('organisation as o', 'o.id', 'm.organisationId')
      .select(['m.userId', 'm.role', 'm.createdAt', 'o.name as organisation'])
      .where('m.userId', 'in', ids)
      .orderBy('m.createdAt')
      .execute(),
    db
      .selectFrom('session')
      .select(['userId', 'createdAt', 'lastSeenAt', 'expiresAt', 'revokedAt', 'authMethod'])
      .where('userId', 'in', ids)
      .orderBy('createdAt')
      .execute(),
  ]);
  return users.map((user) => {
    const kept = sessions.filter((row) => row.userId === user.id);
    return {
      ...user,
      memberships: memberships.filter((row) => row.userId === user.id),
      sessionCount: kept.length,
      sessions: ownIds.includes(user.id) ? kept.map(({ userId: _, ...session }) => session) : undefined,
    };
  });
}
