/** The news indicators of WP4, from the records: articles published, and per language. */
import type { Platform } from '../../../kernel/platform.ts';
import * as store from './store.ts';

export type ArticleIndicators = {
  /** Articles public now or archived after having been. */
  articlesPublished: number;
  /** Published texts per language. */
  byLanguage: { language: string; articles: number }[];
};

export async function articleIndicators(platform: Platform): Promise<ArticleIndicators> {
  const rows = await store.publishedPerLanguage(platform.database.db);
  const ids = await store.publicArticleIds(platform.database.db);
  return {
    articlesPublished: ids.length,
    byLanguage: rows.map((row) => ({ language: row.language, articles: Number(row.articles) })),
  };
}
