/**
 * The concertation log as evidence for WP1's indicators: how many meetings and contacts were recorded in a
 * period, and how many distinct bodies of the network they involved.
 */
import type { Platform } from '../../../kernel/platform.ts';
import { distinctBodies } from './rules.ts';
import * as store from './store.ts';

export type ConcertationFigures = {
  /** Entries of the log held in the period, both days included. */
  entries: number;
  /** Distinct bodies involved: the directory's by organisation, the others by name. */
  organisations: number;
};

/** The log's figures between two legal days (`YYYY-MM-DD`), both included. */
export async function concertationFigures(
  platform: Pick<Platform, 'database'>,
  period: { from: string; to: string },
): Promise<ConcertationFigures> {
  const rows = await store.bodiesOfPeriod(platform.database.db, period.from, period.to);
  return { entries: rows.length, organisations: distinctBodies(rows) };
}
