/**
 * What the public site shows of the news: the published articles, each in the visitor's language where its
 * translation is published, else in Italian; their images; the places for the sitemap. Nobody's data.
 */
import type { ReadStream } from 'node:fs';
import type { Platform } from '../../../kernel/platform.ts';
import { fileStoreOf } from '../../../kernel/uploads.ts';
import { SOURCE_LANGUAGE } from '../../portal/languages.ts';
import { renderBody } from './markdown.ts';
import * as store from './store.ts';

export const NEWS_PAGE_SIZE = 10;

export type PublicArticle = {
  id: string;
  kind: store.ArticleRow['kind'];
  tags: string[];
  title: string;
  summary: string;
  /** The language the texts are in: the visitor's, or Italian. */
  textLanguage: string;
  publishedAt: Date;
  /** The cover image, shown only with the text that says what it shows. */
  cover: { id: string; alt: string } | null;
};

export async function publicArticles(platform: Platform, lang: string, page: number) {
  const { rows, total } = await store.publicArticles(
    platform.database.db,
    lang,
    NEWS_PAGE_SIZE,
    (page - 1) * NEWS_PAGE_SIZE,
  );
  const articles: PublicArticle[] = rows.map((row) => {
    const own = row.ownTitle !== null && row.ownPublishedAt !== null;
    const alt = own ? row.ownImageAlt : row.italianImageAlt;
    return {
      id: row.id,
      kind: row.kind,
      tags: row.tags,
      title: (own ? row.ownTitle : row.italianTitle) as string,
      summary: (own ? row.ownSummary : row.italianSummary) as string,
      textLanguage: own ? lang : SOURCE_LANGUAGE,
      publishedAt: row.publishedAt as Date,
      cover: row.coverImageId && alt ? { id: row.coverImageId, alt } : null,
    };
  });
  return { articles, total, pages: Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE)) };
}

export type PublicArticlePage = PublicArticle & { html: string; isArchived: boolean };

/** A public article in the visitor's language (else Italian), its body as safe HTML; null if not public. */
export async function publicArticle(
  platform: Platform,
  id: string,
  lang: string,
): Promise<PublicArticlePage | null> {
  const { db } = platform.database;
  const article = await store.findArticle(db, id);
  if (!article || (article.status !== 'PUBLISHED' && article.status !== 'ARCHIVED')) return null;
  const own = lang === SOURCE_LANGUAGE ? undefined : await store.textIn(db, id, lang);
  const text = own?.publishedTitle ? own : await store.textIn(db, id, SOURCE_LANGUAGE);
  if (!text?.publishedTitle) return null;
  const alt = text.publishedImageAlt;
  return {
    id,
    kind: article.kind,
    tags: article.tags,
    title: text.publishedTitle,
    summary: text.publishedSummary ?? '',
    textLanguage: text.language,
    publishedAt: article.publishedAt as Date,
    cover: article.coverImageId && alt ? { id: article.coverImageId, alt } : null,
    html: renderBody(text.publishedBody ?? ''),
    isArchived: article.status === 'ARCHIVED',
  };
}

/** The latest articles for a language's feed, with their bodies. */
export async function feedArticles(platform: Platform, lang: string): Promise<PublicArticlePage[]> {
  const { articles } = await publicArticles(platform, lang, 1);
  const pages = await Promise.all(articles.map((article) => publicArticle(platform, article.id, lang)));
  return pages.filter((page): page is PublicArticlePage => page !== null);
}

/** An image of a public article, for everyone. */
export async function openPublicImage(
  platform: Platform,
  id: string,
): Promise<{ stream: ReadStream; mediaType: string; size: number } | null> {
  const image = await store.publicImage(platform.database.db, id);
  if (!image) return null;
  return { stream: await fileStoreOf(platform.config).open(image.sha256), ...image };
}

/** The news pages for the sitemap, after `/portale/<lang>`. */
export async function articlePlaces(platform: Platform): Promise<string[]> {
  const rows = await store.publicArticleIds(platform.database.db);
  return ['/notizie', ...rows.map((row) => `/notizie/${row.id}`)];
}
