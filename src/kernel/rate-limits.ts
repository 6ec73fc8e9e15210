/**
 * The request limits of the public routes (sign-in, document verification, check-in, the exchange's inbox),
 * counted in the database: every LOVIT process serving the same database sees the same counts, so a client
 * spreading its requests over the processes behind a load balancer gets no more than from one.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import { batched } from './batches.ts';
import type { Database } from './db.ts';
import type { JobDefinition } from './jobs.ts';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;
type StoreConstructor = new (options: FastifyRateLimitOptions) => FastifyRateLimitStore;

type Counting = { route: string; key: string; windowMs: number };
type Count = { current: number; ttl: number };

/** The most requests counted in one statement. */
const BATCH = 500;

/**
 * Counts the requests of a batch in one statement: those of the same client on the same route add up on one
 * row, and each gets its own place in the count, in the order they came. The rows are written in the order of
 * their keys, so that two processes counting at once lock them in the same order.
 */
async function countBatch(db: Kysely<Database>, batch: readonly Counting[]): Promise<Count[]> {
  const groups = new Map<string, { route: string; key: string; windowMs: number; members: number[] }>();
  for (const [index, { route, key, windowMs }] of batch.entries()) {
    const name = JSON.stringify([route, key]);
    const group = groups.get(name) ?? { route, key, windowMs, members: [] };
    group.windowMs = windowMs;
    group.members.push(index);
    groups.set(name, group);
  }
  const rows = [...groups.values()].sort((a, b) =>
    a.route === b.route ? (a.key < b.key ? -1 : 1) : a.route < b.route ? -1 : 1,
  );
  const ended = sql`r.window_start + r.window_ms * interval '1 millisecond' <= now()`;
  const counted = await sql<{ route: string; key: string; hits: number; ttl: number }>`
    insert into request_count as r (route, key, window_start, window_ms, hits)
    select c.route, c.key, now(), c.window_ms, c.hits
    from unnest(${rows.map((row) => row.route)}::text[], ${rows.map((row) => row.key)}::text[],
      ${rows.map((row) => row.windowMs)}::integer[], ${rows.map((row) => row.members.length)}::integer[])
      with ordinality as c(route, key, window_ms, hits, position)
    order by c.position
    on conflict (route, key) do update set
      hits = case when ${ended} then excluded.hits else r.hits + excluded.hits end,
      window_start = case when ${ended} then now() else r.window_start end,
      window_ms = excluded.window_ms
    returning r.route, r.key, r.hits,
      ceil(extract(epoch from r.window_start + r.window_ms * interval '1 millisecond' - now()) * 1000)::int as ttl`.execute(
    db,
  );
  const answers: Count[] = [];
  for (const row of counted.rows) {
    const group = groups.get(JSON.stringify([row.route, row.key]));
    if (!group) continue;
    const first = Number(row.hits) - group.members.length + 1;
    for (const [place, index] of group.members.entries())
      answers[index] = { current: first + place, ttl: Math.max(0, Number(row.ttl)) };
  }
  return answers;
}

const countInBatches = batched(countBatch, { max: BATCH });

/**
 * Counts one request of `key` on `route` in a fixed window of `windowMs` that starts with the first request;
 * returns the requests counted in the window and the milliseconds left in it. Times are the database's, the
 * one clock all processes share. The requests that come while a count is at the database are counted
 * together in the next one, in one statement.
 */
export function countRequest(
  db: Kysely<Database>,
  route: string,
  key: string,
  windowMs: number,
): Promise<Count> {
  return countInBatches(db, { route, key, windowMs });
}

/** The rate-limit plugin's store over the `request_count` table; one per route, by `child`. */
export function databaseRateLimitStore(db: Kysely<Database>): StoreConstructor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    route = '*';

    incr(key: string, callback: Counted, timeWindow: number): void {
      countRequest(db, this.route, key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    // The plugin passes the route's limit options with the route under `routeInfo` (its typings say otherwise).
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const { routeInfo } = options as unknown as { routeInfo: { method: string | string[]; url: string } };
      const store = new DatabaseRateLimitStore();
      store.route = `${[routeInfo.method].flat().join(',')} ${routeInfo.url}`;
      return store;
    }
  }
  return DatabaseRateLimitStore;
}

/** Forgets the counts whose window has ended: they hold client addresses and limit nothing any more. */
export async function forgetEndedWindows(db: Kysely<Database>): Promise<number> {
  const result = await sql`
    delete from request_count
    where window_start + window_ms * interval '1 millisecond' <= now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Every ten minutes. */
export function requestCountSweepJob(db: Kysely<Database>): JobDefinition {
  return {
    queue: 'kernel.request-counts.sweep',
    cron: '*/10 * * * *',
    async handle() {
      await forgetEndedWindows(db);
    },
  };
}
