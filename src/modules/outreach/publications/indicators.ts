/** The publication indicators of WP4, from the records: publications, copies printed and distributed, downloads. */
import type { Platform } from '../../../kernel/platform.ts';
import * as store from './store.ts';

export type PublicationIndicators = {
  /** Publications on the portal now. */
  publicationsPublished: number;
  copiesPrinted: number;
  copiesDistributed: number;
  downloads: number;
  downloadsByLanguage: { language: string; downloads: number }[];
};

export async function publicationIndicators(platform: Platform): Promise<PublicationIndicators> {
  const { totals, downloads } = await store.publicationFigures(platform.database.db);
  const byLanguage = downloads.map((row) => ({ language: row.language, downloads: Number(row.downloads) }));
  return {
    publicationsPublished: Number(totals.publications),
    copiesPrinted: Number(totals.copiesPrinted),
    copiesDistributed: Number(totals.copiesDistributed),
    downloads: byLanguage.reduce((sum, row) => sum + row.downloads, 0),
    downloadsByLanguage: byLanguage,
  };
}
