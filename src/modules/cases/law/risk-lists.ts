/**
 * The yearly lists of countries at particular risk (DL 145/2024 art. 3), as the intake and the case page read
 * them: from the database, kept in memory per year (a click day reads the list thousands of times a second).
 * A confirmation in this process is seen at once; another process's within `RELOAD_MS`.
 */
import type { Clock } from '../../../kernel/clock.ts';
import type { DatabaseHandle, Db } from '../../../kernel/db.ts';
import * as store from '../store.ts';
import type { RiskCountryList } from './law.ts';
import { RELOAD_MS } from './registry.ts';

type Cached = { list: Promise<RiskCountryList | null>; loadedAt: number };
const cache = new WeakMap<DatabaseHandle, Map<number, Cached>>();

/**
 * The list of a year read through `db`, without the cache: inside a transaction, whose connection the embedded
 * database would otherwise wait for.
 */
export async function riskCountryListIn(db: Db, year: number): Promise<RiskCountryList | null> {
  const row = await store.riskCountryListOf(db, year);
  return row ? { year, countries: row.countries, confirmed: true } : null;
}

const load = (database: DatabaseHandle, year: number) => riskCountryListIn(database.db, year);

/** The list of a year, or null when none is confirmed for it. */
export function riskCountryListOf(
  database: DatabaseHandle,
  clock: Clock,
  year: number,
): Promise<RiskCountryList | null> {
  let byYear = cache.get(database);
  if (!byYear) {
    byYear = new Map();
    cache.set(database, byYear);
  }
  const cached = byYear.get(year);
  if (cached && clock.monotonic() - cached.loadedAt < RELOAD_MS) return cached.list;
  const list = load(database, year);
  byYear.set(year, { list, loadedAt: clock.monotonic() });
  list.catch(() => byYear.delete(year));
  return list;
}

/** Forgets the lists read, after a confirmation. */
export function forgetRiskCountryLists(database: DatabaseHandle): void {
  cache.delete(database);
}
