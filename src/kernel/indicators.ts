/**
 * Where the project's indicators find their figures without the project module reading anyone else's tables:
 * each module registers the counts it can give for a period (cases handled, meetings held, operators trained…)
 * and, for every count, the records behind it as the caller may see them. Registered once where the modules are
 * assembled (`modules/index.ts`), the same way as the personal-data providers.
 */
import { type Actor, type Caller, hasPermission } from './auth.ts';
import { endOfDayInRome, startOfDayInRome } from './clock.ts';
import type { Db } from './db.ts';
import type { Permission } from './permissions.ts';
import type { Platform } from './platform.ts';

/** The days a figure covers, both included (`YYYY-MM-DD`, Europe/Rome). */
export type IndicatorPeriod = { from: string; to: string };

/** The instants the period spans: from the start of its first day to the start of the day after its last. */
export function periodInstants(period: IndicatorPeriod): { start: Date; end: Date } {
  return { start: startOfDayInRome(period.from), end: endOfDayInRome(period.to) };
}

export type IndicatorPage = { offset: number; limit: number };

/** A column of the drill-down table, with its heading in Italian. */
export type IndicatorColumn = { key: string; label: string };
export type IndicatorCell = string | number | null;

/**
 * The records behind a figure, one page of them. `restricted` says the caller may not see this module's
 * records at all (the figure is still shown); `total` counts the records the caller may see.
 */
export type IndicatorRecords = {
  columns: IndicatorColumn[];
  rows: Record<string, IndicatorCell>[];
  total: number;
  restricted: boolean;
};

export type IndicatorSource = {
  /** Stable key, `<module>.<what>`, kept in the indicator definitions: never renamed. */
  key: string;
  /** What it counts, in Italian: "Pratiche SUI trattate". */
  name: string;
  /** Its unit, in Italian: "pratiche", "giorni". */
  unit: string;
  module: string;
  /** The work package it usually measures (WP1…WP4), as a hint for whoever defines an indicator. */
  workPackage: string;
  /** What happened between the period's first and last day. */
  compute(platform: Platform, period: IndicatorPeriod): Promise<number>;
  /** The records the figure counts, those the caller may see, a page at a time. */
  records(
    platform: Platform,
    caller: Caller,
    period: IndicatorPeriod,
    page: IndicatorPage,
  ): Promise<IndicatorRecords>;
};

const sources = new Map<string, IndicatorSource>();

export function registerIndicatorSource(source: IndicatorSource): void {
  if (sources.has(source.key)) return;
  sources.set(source.key, source);
}

export function registerIndicatorSources(list: readonly IndicatorSource[]): void {
  for (const source of list) registerIndicatorSource(source);
}

export function indicatorSources(): readonly IndicatorSource[] {
  return [...sources.values()];
}

export function indicatorSource(key: string): IndicatorSource | undefined {
  return sources.get(key);
}

const DAY_IN_WORDS = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A legal day (`YYYY-MM-DD`) as a drill-down table prints it: «12 marzo 2026». */
export function dayInWords(day: string | null): string | null {
  return day === null ? null : DAY_IN_WORDS.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** What a source counts in, and reads its records from: the period as days and as instants, and now. */
export type PeriodQuery = {
  platform: Platform;
  db: Db;
  period: IndicatorPeriod;
  span: { start: Date; end: Date };
  now: Date;
};

/** A page of the records behind a figure, for an actor allowed to see the source's records. */
export type RecordsQuery = PeriodQuery & { actor: Actor; page: IndicatorPage };

function periodQuery(platform: Platform, period: IndicatorPeriod): PeriodQuery {
  return {
    platform,
    db: platform.database.db,
    period,
    span: periodInstants(period),
    now: platform.clock.now(),
  };
}

/**
 * The drill-down of a source: who may see its records (any of the permissions), the table's columns (key and
 * Italian heading, in order), a page of the records and the cells each row shows. A caller without the
 * permissions gets the columns, no rows and `restricted`; the figure itself is shown to them all the same.
 */
export function drillDown<K extends string, T>(spec: {
  access: Permission | readonly Permission[];
  columns: Readonly<Record<K, string>>;
  find(query: RecordsQuery): Promise<{ total: number; rows: readonly T[] }>;
  cells(row: T): Record<NoInfer<K>, IndicatorCell>;
}): IndicatorSource['records'] {
  const columns = Object.entries<string>(spec.columns).map(([key, label]) => ({ key, label }));
  const permissions: readonly Permission[] = typeof spec.access === 'string' ? [spec.access] : spec.access;
  return async (platform, caller, period, page) => {
    const { actor } = caller;
    if (!actor || !permissions.some((permission) => hasPermission(actor, permission)))
      return { columns, rows: [], total: 0, restricted: true };
    const found = await spec.find({ ...periodQuery(platform, period), actor, page });
    return { columns, total: found.total, rows: found.rows.map((row) => spec.cells(row)), restricted: false };
  };
}

/** A source as its module declares it: what it counts, the count for a period, the records behind it. */
export type IndicatorSourceSpec = Pick<IndicatorSource, 'key' | 'name' | 'unit'> & {
  count(query: PeriodQuery): Promise<number>;
  records: IndicatorSource['records'];
};

/** A module's sources, each measuring the module's work package. */
export function moduleIndicatorSources(
  module: string,
  workPackage: string,
  specs: readonly IndicatorSourceSpec[],
): IndicatorSource[] {
  return specs.map(({ count, ...spec }) => ({
    ...spec,
    module,
    workPackage,
    compute: (platform, period) => count(periodQuery(platform, period)),
  }));
}
