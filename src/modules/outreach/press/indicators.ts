/** The press coverage indicators of WP4, from the log: items and estimated reach, per kind of media. */
import type { CoverageMedia } from '../../../db/tables/outreach.ts';
import type { Platform } from '../../../kernel/platform.ts';
import * as store from './store.ts';

export type CoverageIndicators = {
  items: number;
  reach: number;
  byMedia: { media: CoverageMedia; items: number; reach: number }[];
};

export async function coverageIndicators(platform: Platform): Promise<CoverageIndicators> {
  const rows = await store.coverageFigures(platform.database.db);
  const byMedia = rows.map((row) => ({ media: row.media, items: Number(row.items), reach: Number(row.reach) }));
  return {
    items: byMedia.reduce((sum, row) => sum + row.items, 0),
    reach: byMedia.reduce((sum, row) => sum + row.reach, 0),
    byMedia,
  };
}
