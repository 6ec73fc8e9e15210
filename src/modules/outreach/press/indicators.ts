/**
 * The press indicators of WP4, from the records: releases sent and the e-mails that carried them, coverage
 * items and their estimated reach per kind of media.
 */
import type { CoverageMedia } from '../../../db/tables/outreach.ts';
import type { Platform } from '../../../kernel/platform.ts';
import * as store from './store.ts';

export type PressIndicators = {
  releasesSent: number;
  releaseRecipients: number;
  coverageItems: number;
  coverageReach: number;
  coverageByMedia: { media: CoverageMedia; items: number; reach: number }[];
};

export async function pressIndicators(platform: Platform): Promise<PressIndicators> {
  const [rows, releases] = await Promise.all([
    store.coverageFigures(platform.database.db),
    store.releaseFigures(platform.database.db),
  ]);
  const byMedia = rows.map((row) => ({
    media: row.media,
    items: Number(row.items),
    reach: Number(row.reach),
  }));
  return {
    releasesSent: Number(releases.releases),
    releaseRecipients: Number(releases.recipients),
    coverageItems: byMedia.reduce((sum, row) => sum + row.items, 0),
    coverageReach: byMedia.reduce((sum, row) => sum + row.reach, 0),
    coverageByMedia: byMedia,
  };
}
