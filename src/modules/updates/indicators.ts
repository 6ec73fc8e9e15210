/**
 * The legal-update indicators of WP3 (fami-reporting.md §6): how many updates are published, and how much of
 * them the SUI staff, who are expected to read each one, have read. The project module reads them through the
 * service.
 */
import type { Platform } from '../../kernel/platform.ts';
import * as store from './store.ts';

export type UpdatesIndicators = {
  updatesPublished: number;
  /** Active SUI staff of all offices: those expected to read every published update. */
  expectedReaders: number;
  /** Readings of published updates by those people. */
  readings: number;
  /** Readings over published updates × expected readers (0 to 1); null before any update or reader. */
  readRate: number | null;
};

export async function updatesIndicators(platform: Platform): Promise<UpdatesIndicators> {
  const { published, staff, readings } = await store.readingFigures(platform.database.db);
  return {
    updatesPublished: published,
    expectedReaders: staff,
    readings,
    readRate: published * staff === 0 ? null : readings / (published * staff),
  };
}
