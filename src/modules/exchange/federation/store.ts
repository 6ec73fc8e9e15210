/** Queries of the federation: this node's signing keys, the outbox towards the peers, the inbox and refusals. */
import { type Insertable, sql } from 'kysely';
import type {
  ExchangeInboxTable,
  ExchangeKeyTable,
  ExchangeOutboxTable,
} from '../../../db/tables/exchange.ts';
import type { Db } from '../../../kernel/db.ts';

// ---- signing keys

/** This node's newest signing key. */
export function newestKey(db: Db) {
  return db.selectFrom('exchangeKey').selectAll().orderBy('createdAt', 'desc').executeTakeFirst();
}

export function insertKey(db: Db, row: Insertable<ExchangeKeyTable>) {
  return db.insertInto('exchangeKey').values(row).execute();
}

/** The public half of every key this node has signed with, newest first. */
export function publicKeys(db: Db) {
  return db.selectFrom('exchangeKey').select('publicJwk').orderBy('createdAt', 'desc').execute();
}

// ---- outbox and inbox

export function enqueue(db: Db, rows: Insertable<ExchangeOutboxTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('exchangeOutbox').values(rows).execute();
}

/** The oldest undelivered messages to a peer, due now, in the order they were written. */
export function pendingFor(db: Db, peer: string, now: Date, limit: number) {
  return db
    .selectFrom('exchangeOutbox')
    .select(['id', 'kind', 'payload', 'createdAt', 'attempts', 'nextAttemptAt'])
    .where('peer', '=', peer)
    .where('deliveredAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit)
    .execute()
    .then((rows) => {
      // Order is kept per peer: when the oldest waits for its retry, the others wait behind it.
      const first = rows[0];
      return first && first.nextAttemptAt.getTime() > now.getTime() ? [] : rows;
    });
}

export function markDelivered(db: Db, ids: readonly string[], now: Date) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable('exchangeOutbox')
    .set({ deliveredAt: now, lastError: null })
    .where('id', 'in', ids)
    .execute();
}

export function markFailed(db: Db, ids: readonly string[], nextAttemptAt: Date, error: string) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable('exchangeOutbox')
    .set({ attempts: sql`attempts + 1`, nextAttemptAt, lastError: error.slice(0, 500) })
    .where('id', 'in', ids)
    .execute();
}

/** Records the messages of a delivery; returns the ids seen for the first time (to apply). */
export async function admit(db: Db, rows: Insertable<ExchangeInboxTable>[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const fresh = await db
    .insertInto('exchangeInbox')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return new Set(fresh.map((row) => row.id));
}

/**
 * A message is applied under a savepoint of its delivery's transaction, so that a refusal found half-way
 * through leaves none of its writes while the other messages of the delivery still commit.
 */
export function beginMessage(db: Db) {
  return sql`savepoint apply_message`.execute(db);
}

export function keepMessage(db: Db) {
  return sql`release savepoint apply_message`.execute(db);
}

export function undoMessage(db: Db) {
  return sql`rollback to savepoint apply_message`.execute(db);
}

export function rejectAdmitted(db: Db, id: string, detail: string) {
  return db.updateTable('exchangeInbox').set({ status: 'REJECTED', detail }).where('id', '=', id).execute();
}

/** Remembers a signed delivery's id; false when it was seen before (a replay). */
export async function firstDelivery(db: Db, jti: string, sender: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('exchangeDelivery')
    .values({ jti, sender, receivedAt: now })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function forgetDeliveriesBefore(db: Db, before: Date) {
  return db.deleteFrom('exchangeDelivery').where('receivedAt', '<', before).execute();
}

export function logRefusal(
  db: Db,
  row: { id: string; at: Date; sender: string | null; reason: string; clientAddress: string | null },
) {
  return db.insertInto('exchangeRefusal').values(row).execute();
}

/** Counts a refusal in its window; returns how many of that reason and source the window now holds. */
export async function countRefusal(db: Db, row: { windowStart: Date; reason: string; source: string }) {
  const counted = await db
    .insertInto('exchangeRefusalCount')
    .values({ ...row, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['windowStart', 'reason', 'source'])
        .doUpdateSet((eb) => ({ count: eb('exchangeRefusalCount.count', '+', 1) })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return counted.count;
}

/** How many refusals were kept as rows since `since`. */
export async function refusalsSince(db: Db, since: Date): Promise<number> {
  const row = await db
    .selectFrom('exchangeRefusal')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function forgetRefusalsBefore(db: Db, before: Date) {
  await db.deleteFrom('exchangeRefusal').where('at', '<', before).execute();
  await db.deleteFrom('exchangeRefusalCount').where('windowStart', '<', before).execute();
}
