/** The queries of the news: articles, their texts in each language, their images. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  OutreachArticleTable,
  OutreachArticleTextTable,
  OutreachImageTable,
} from '../../../db/tables/outreach.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertArticle(db: Db, row: Insertable<OutreachArticleTable>) {
  return db.insertInto('outreachArticle').values(row).execute();
}

export function updateArticle(db: Db, id: string, changes: Updateable<OutreachArticleTable>) {
  return db.updateTable('outreachArticle').set(changes).where('id', '=', id).execute();
}

export function findArticle(db: Db, id: string) {
  return db.selectFrom('outreachArticle').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

/** Locks an article: its texts, images and state change one writer at a time. */
export function lockArticle(db: Db, id: string) {
  return db.selectFrom('outreachArticle').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertText(db: Db, row: Insertable<OutreachArticleTextTable>) {
  return db.insertInto('outreachArticleText').values(row).execute();
}

export function updateText(
  db: Db,
  articleId: string,
  language: string,
  changes: Updateable<OutreachArticleTextTable>,
) {
  return db
    .updateTable('outreachArticleText')
    .set(changes)
    .where('articleId', '=', articleId)
    .where('language', '=', language)
    .execute();
}

export function textsOf(db: Db, articleId: string) {
  return db
    .selectFrom('outreachArticleText as t')
    .innerJoin('appUser as editor', 'editor.id', 't.editedBy')
    .leftJoin('appUser as reviewer', 'reviewer.id', 't.reviewedBy')
    .selectAll('t')
    .select(sql<string>`editor.given_name || ' ' || editor.family_name`.as('editorName'))
    .select(sql<string | null>`reviewer.given_name || ' ' || reviewer.family_name`.as('reviewerName'))
    .where('t.articleId', '=', articleId)
    .orderBy(sql`t.language = 'it'`, 'desc')
    .orderBy('t.language')
    .execute();
}
export type TextRow = Awaited<ReturnType<typeof textsOf>>[number];

/** The texts reviewed and not yet public: they go public with the article. */
export function reviewedTexts(db: Db, articleId: string) {
  return db
    .selectFrom('outreachArticleText')
    .selectAll()
    .where('articleId', '=', articleId)
    .where('status', '=', 'REVIEWED')
    .execute();
}

export function textIn(db: Db, articleId: string, language: string) {
  return db
    .selectFrom('outreachArticleText')
    .selectAll()
    .where('articleId', '=', articleId)
    .where('language', '=', language)
    .executeTakeFirst();
}

/** The articles for the staff, the latest changed first, with the state of each language. */
export async function listArticles(
  db: Db,
  query: { status?: OutreachArticleTable['status'] | undefined; limit: number; offset: number },
) {
  let base = db.selectFrom('outreachArticle as a');
  if (query.status) base = base.where('a.status', '=', query.status);
  const [rows, total] = await Promise.all([
    base
      .innerJoin('outreachArticleText as it', (join) =>
        join.onRef('it.articleId', '=', 'a.id').on('it.language', '=', 'it'),
      )
      .selectAll('a')
      .select('it.title')
      .select((eb) =>
        eb
          .selectFrom('outreachArticleText as t')
          .select(
            sql<{ language: string; status: OutreachArticleTextTable['status'] }[]>`coalesce(json_agg(
              json_build_object('language', t.language, 'status', t.status)
              order by t.language = 'it' desc, t.language), '[]')`.as('x'),
          )
          .whereRef('t.articleId', '=', 'a.id')
          .as('languages'),
      )
      .orderBy('a.updatedAt', 'desc')
      .orderBy('a.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function insertImage(db: Db, row: Insertable<OutreachImageTable>) {
  return db.insertInto('outreachImage').values(row).execute();
}

export function imagesOf(db: Db, articleId: string) {
  return db
    .selectFrom('outreachImage')
    .selectAll()
    .where('articleId', '=', articleId)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

export function findImage(db: Db, id: string) {
  return db.selectFrom('outreachImage').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Articles whose time has come: scheduled, for now or earlier. */
export function dueArticles(db: Db, now: Date) {
  return db
    .selectFrom('outreachArticle')
    .select('id')
    .where('status', '=', 'SCHEDULED')
    .where('publishAt', '<=', now)
    .orderBy('publishAt')
    .execute();
}

/** The published articles with their text in `language` and in Italian, the latest first. */
export async function publicArticles(db: Db, language: string, limit: number, offset: number) {
  const base = db
    .selectFrom('outreachArticle as a')
    .where('a.status', '=', 'PUBLISHED')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('outreachArticleText as p')
          .select('p.articleId')
          .whereRef('p.articleId', '=', 'a.id')
          .where('p.language', '=', 'it')
          .where('p.publishedTitle', 'is not', null),
      ),
    );
  const [rows, total] = await Promise.all([
    base
      .innerJoin('outreachArticleText as it', (join) =>
        join.onRef('it.articleId', '=', 'a.id').on('it.language', '=', 'it'),
      )
      .leftJoin('outreachArticleText as own', (join) =>
        join.onRef('own.articleId', '=', 'a.id').on('own.language', '=', language),
      )
      .select([
        'a.id',
        'a.kind',
        'a.tags',
        'a.coverImageId',
        'a.publishedAt',
        'it.publishedTitle as italianTitle',
        'it.publishedSummary as italianSummary',
        'it.publishedImageAlt as italianImageAlt',
        'own.publishedTitle as ownTitle',
        'own.publishedSummary as ownSummary',
        'own.publishedImageAlt as ownImageAlt',
        'own.publishedAt as ownPublishedAt',
        'it.publishedAt as italianPublishedAt',
      ])
      .orderBy('a.publishedAt', 'desc')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The ids of the public articles, for the sitemap. */
export function publicArticleIds(db: Db) {
  return db
    .selectFrom('outreachArticle')
    .select('id')
    .where('status', 'in', ['PUBLISHED', 'ARCHIVED'])
    .orderBy('publishedAt', 'desc')
    .execute();
}

/** An image the public may see: one of an article that is public. */
export function publicImage(db: Db, id: string) {
  return db
    .selectFrom('outreachImage as i')
    .innerJoin('outreachArticle as a', 'a.id', 'i.articleId')
    .select(['i.sha256', 'i.mediaType', 'i.size'])
    .where('i.id', '=', id)
    .where('a.status', 'in', ['PUBLISHED', 'ARCHIVED'])
    .executeTakeFirst();
}

/** Among some stored files, the articles' images: the orphan sweeper keeps them. */
export async function storedImages(db: Db, sha256s: readonly string[]) {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('outreachImage')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}

/** Texts published per language, of articles that are public: for the funder's indicators. */
export function publishedPerLanguage(db: Db) {
  return db
    .selectFrom('outreachArticleText as t')
    .innerJoin('outreachArticle as a', 'a.id', 't.articleId')
    .select('t.language')
    .select((eb) => eb.fn.countAll<string>().as('articles'))
    .where('a.status', 'in', ['PUBLISHED', 'ARCHIVED'])
    .where('t.publishedAt', 'is not', null)
    .groupBy('t.language')
    .orderBy('t.language')
    .execute();
}
