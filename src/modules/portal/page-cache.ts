/**
 * Rendered pages that every reader gets the same (home, procedure sheets), kept in memory: they change when
 * a text is published, not per reader. A publication in this process forgets them at once; one made by
 * another process is seen within `PAGE_CACHE_MS`.
 */
import type { Clock } from '../../kernel/clock.ts';

export const PAGE_CACHE_MS = 30_000;

type Entry = { until: number; value: Promise<unknown> };
const caches = new WeakMap<object, Map<string, Entry>>();

/** The value under `key` for this database, computed once per period of the clock's time. */
export function remembered<T>(
  owner: object,
  clock: Clock,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const now = clock.monotonic();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  const value = compute();
  cache.set(key, { until: now + PAGE_CACHE_MS, value });
  // Failures and misses (an unknown sheet) are not kept: a stranger's made-up addresses must not fill memory.
  value.then(
    (found) => found === null && cache.delete(key),
    () => cache.delete(key),
  );
  return value;
}

/** Forgets every page of this database: after a publication. */
export function forgetPages(owner: object): void {
  caches.delete(owner);
}
