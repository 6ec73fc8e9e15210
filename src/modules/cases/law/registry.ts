/**
 * The case types in force, read from the database and kept in memory: every intake and every action reads
 * them, and they change once a year or two. Built-in types are written at first use; imported ones come
 * from `lovit case-types:import`. Another process's import is seen once `RELOAD_MS` have passed and the
 * registry has been read again behind the one in use.
 */
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../../kernel/clock.ts';
import type { DatabaseHandle } from '../../../kernel/db.ts';
import * as store from '../store.ts';
import { BUILT_IN_CASE_TYPES } from './catalogue.ts';
import { type CaseTypeVersion, caseTypeVersion } from './definitions.ts';

export const RELOAD_MS = 60_000;

export class CaseTypeRegistry {
  readonly #byCode = new Map<string, CaseTypeVersion[]>();

  constructor(versions: readonly CaseTypeVersion[]) {
    for (const version of versions) {
      const list = this.#byCode.get(version.code) ?? [];
      list.push(version);
      list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      this.#byCode.set(version.code, list);
    }
  }

  codes(): string[] {
    return [...this.#byCode.keys()].sort();
  }

  /** Every version, oldest first per type. */
  all(): CaseTypeVersion[] {
    return this.codes().flatMap((code) => this.#byCode.get(code) ?? []);
  }

  /** The version of a type in force on a date: the one a case submitted that day follows for its whole life. */
  inForce(code: string, on: Temporal.PlainDate): CaseTypeVersion | undefined {
    const day = on.toString();
    return this.#byCode.get(code)?.findLast((version) => version.validFrom <= day);
  }

  /** The exact version a case recorded. */
  version(code: string, validFrom: string): CaseTypeVersion {
    const found = this.#byCode.get(code)?.find((version) => version.validFrom === validFrom);
    if (!found) throw new RangeError(`case type ${code} version ${validFrom} is not loaded`);
    return found;
  }
}

type Cached = { registry: Promise<CaseTypeRegistry>; loadedAt: number; refreshing: boolean };
const cache = new WeakMap<DatabaseHandle, Cached>();

const registryOf = (rows: { definition: unknown }[]) =>
  new CaseTypeRegistry(rows.map((row) => caseTypeVersion.parse(row.definition)));

async function load(database: DatabaseHandle, clock: Clock): Promise<CaseTypeRegistry> {
  const builtIn = BUILT_IN_CASE_TYPES.map((input) => caseTypeVersion.parse(input));
  await store.saveCaseTypes(database.db, builtIn, clock.now());
  return registryOf(await store.loadCaseTypes(database.db));
}

/**
 * Reads the versions again behind the registry in use. Callers never wait for it: a caller inside a
 * transaction would otherwise wait for a connection its own transaction holds (the embedded database has one).
 */
function refresh(database: DatabaseHandle, clock: Clock, cached: Cached): void {
  cached.refreshing = true;
  store.loadCaseTypes(database.db).then(
    (rows) => {
      if (cache.get(database) === cached)
        cache.set(database, {
          registry: Promise.resolve(registryOf(rows)),
          loadedAt: clock.monotonic(),
          refreshing: false,
        });
    },
    () => {
      cached.refreshing = false;
    },
  );
}

/**
 * The registry of a database, loaded at first use (the cases module loads it at start) and read again in
 * the background once a minute of the clock's time has passed.
 */
export function caseTypes(database: DatabaseHandle, clock: Clock): Promise<CaseTypeRegistry> {
  const cached = cache.get(database);
  if (cached) {
    if (!cached.refreshing && clock.monotonic() - cached.loadedAt >= RELOAD_MS)
      refresh(database, clock, cached);
    return cached.registry;
  }
  const registry = load(database, clock);
  cache.set(database, { registry, loadedAt: clock.monotonic(), refreshing: false });
  registry.catch(() => cache.delete(database));
  return registry;
}

/** Forgets the loaded registry, after an import. */
export function reloadCaseTypes(database: DatabaseHandle): void {
  cache.delete(database);
}

export const plainDate = (value: string) => Temporal.PlainDate.from(value);
