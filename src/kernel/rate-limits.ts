/**
 * The request limits of the public routes (sign-in, document verification, check-in, the exchange's inbox),
 * counted in the database: every LOVIT process serving the same database sees the same counts, so a client
 * spreading its requests over the processes behind a load balancer gets no more than from one.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { Database } from './db.ts';
import type { JobDefinition } from './jobs.ts';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;
type StoreConstructor = new (options: FastifyRateLimitOptions) => FastifyRateLimitStore;

/**
 * Counts one request of `key` on `route` in a fixed window of `windowMs` that starts with the first request;
 * returns the requests counted in the window and the milliseconds left in it. Times are the database's, the
 * one clock all processes share.
 */
export async function countRequest(
  db: Kysely<Database>,
  route: string,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const ended = sql`r.window_start + r.window_ms * interval '1 millisecond' <= now()`;
  const { rows } = await sql<{ hits: number; ttl: number }>`
    insert into request_count as r (route, key, window_start, window_ms, hits)
    values (${route}, ${key}, now(), ${windowMs}, 1)
    on conflict (route, key) do update set
      hits = case when ${ended} then 1 else r.hits + 1 end,
      window_start = case when ${ended} then now() else r.window_start end,
      window_ms = excluded.window_ms
    returning r.hits,
      ceil(extract(epoch from r.window_start + r.window_ms * interval '1 millisecond' - now()) * 1000)::int as ttl`.execute(
    db,
  );
  const row = rows[0] as { hits: number; ttl: number };
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
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
