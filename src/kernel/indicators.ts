/**
 * Where the project's indicators find their figures without the project module reading anyone else's tables:
 * each module registers the counts it can give for a period (cases handled, meetings held, operators trained…)
 * and, for every count, the records behind it as the caller may see them. Registered once where the modules are
 * assembled (`modules/index.ts`), the same way as the personal-data providers.
 */
import type { Caller } from './auth.ts';
import { endOfDayInRome, startOfDayInRome } from './clock.ts';
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

/** The answer of a source whose records the caller may not see. */
export function restrictedRecords(columns: IndicatorColumn[]): IndicatorRecords {
  return { columns, rows: [], total: 0, restricted: true };
}

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

/** A page of records found, with each row turned into the cells the table shows. */
export function recordsOf<T>(
  columns: IndicatorColumn[],
  found: { total: number; rows: T[] },
  cells: (row: T) => Record<string, IndicatorCell>,
): IndicatorRecords {
  return { columns, total: found.total, rows: found.rows.map(cells), restricted: false };
}
