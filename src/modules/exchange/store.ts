/** Queries on the opinion requests, their answers and questions, and the exchange's outbox and inbox. */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type {
  ExchangeInboxTable,
  ExchangeOutboxTable,
  OpinionAnswerTable,
  OpinionQuestionTable,
  OpinionRequestTable,
} from '../../db/tables/exchange.ts';

type Db = Kysely<Database>;

export function insertRequests(db: Db, rows: Insertable<OpinionRequestTable>[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('opinionRequest')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
}

export function lockRequest(db: Db, id: string) {
  return db.selectFrom('opinionRequest').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function request(db: Db, id: string) {
  return db.selectFrom('opinionRequest').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateRequest(db: Db, id: string, patch: Partial<Insertable<OpinionRequestTable>>) {
  return db.updateTable('opinionRequest').set(patch).where('id', '=', id).execute();
}

export function insertAnswer(db: Db, row: Insertable<OpinionAnswerTable>) {
  return db.insertInto('opinionAnswer').values(row).execute();
}

export function answers(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionAnswer')
    .selectAll()
    .where('opinionId', '=', opinionId)
    .orderBy('answeredAt')
    .orderBy('id')
    .execute();
}

export async function latestAnswerId(db: Db, opinionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('opinionAnswer as a')
    .select('a.id')
    .where('a.opinionId', '=', opinionId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('opinionAnswer as c').select('c.id').whereRef('c.correctsId', '=', 'a.id'))),
    )
    .executeTakeFirst();
  return row?.id ?? null;
}

export function insertQuestion(db: Db, row: Insertable<OpinionQuestionTable>) {
  return db.insertInto('opinionQuestion').values(row).execute();
}

export function questions(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionQuestion')
    .selectAll()
    .where('opinionId', '=', opinionId)
    .orderBy('askedAt')
    .execute();
}

export function replyQuestion(
  db: Db,
  id: string,
  patch: { reply: string; repliedBy: string; repliedAt: Date | string; repliedOn: string },
) {
  return db
    .updateTable('opinionQuestion')
    .set(patch)
    .where('id', '=', id)
    .where('reply', 'is', null)
    .returning(['id', 'opinionId', 'askedOn'])
    .executeTakeFirst();
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
