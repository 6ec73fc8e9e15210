/**
 * The staff's work on news: an article is written in Italian, translated, each language reviewed by someone
 * other than its writer (a translation by a mediator who covers the language, as for the procedure sheets),
 * then published at once or at a set time by the job, and archived when it is no longer news.
 */
import type { ReadStream } from 'node:fs';
import type { z } from 'zod';
import { type Actor, type Caller, hasPermission, SYSTEM_CALLER } from '../../../kernel/auth.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { JobDefinition } from '../../../kernel/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { NothingToDo, type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf } from '../../../kernel/uploads.ts';
import { SOURCE_LANGUAGE } from '../../portal/languages.ts';
import { reviewerLanguages } from '../../portal/ports.ts';
import {
  type ArticleTextInput,
  type ArticleView,
  articleInput,
  articleSettings,
  type articlesQuery,
  articleTextInput,
} from '../contract.ts';
import { romeInstant } from '../events/rules.ts';
import { bodyProblems, imagePath, renderBody } from './markdown.ts';
import * as store from './store.ts';

const NOT_FOUND = 'L’articolo non esiste.';
export const ONLY_IMAGES = 'Sono accettate solo immagini JPEG o PNG';

const mayManage = (actor: Actor | null) => actor !== null && hasPermission(actor, 'outreach.articles.manage');

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Forbidden();
  return caller.actor;
}

function mustManage(caller: Caller): Actor {
  const actor = actorOf(caller);
  if (!mayManage(actor)) throw new Forbidden('Gli articoli sono scritti dallo staff della comunicazione.');
  return actor;
}

async function lockedArticle(unit: UnitOfWork, id: string) {
  const article = await store.lockArticle(unit.db, id);
  if (!article) throw new NotFound(NOT_FOUND);
  return article;
}

/** Who may review a text now: not its writer; the Italian a manager, a translation a mediator of its language. */
async function mayReviewText(
  actor: Actor,
  text: Pick<store.TextRow, 'language' | 'editedBy' | 'status'>,
  languages: () => Promise<string[]>,
): Promise<string | null> {
  if (text.status !== 'DRAFT') return 'Il testo non è una bozza da revisionare.';
  if (text.editedBy === actor.userId)
    return 'Un testo è revisionato da una persona diversa da chi l’ha scritto.';
  if (text.language === SOURCE_LANGUAGE)
    return mayManage(actor) ? null : 'Il testo italiano è revisionato dallo staff della comunicazione.';
  const covered = actor.roles.includes('mediator') ? await languages() : [];
  return covered.includes(text.language)
    ? null
    : 'Una traduzione è revisionata da un mediatore che copre la sua lingua.';
}

export async function getArticle(platform: Platform, caller: Caller, id: string): Promise<ArticleView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const article = await store.findArticle(db, id);
  if (!article) throw new NotFound(NOT_FOUND);
  const [texts, images] = await Promise.all([store.textsOf(db, id), store.imagesOf(db, id)]);
  const italian = texts.find((text) => text.language === SOURCE_LANGUAGE);
  let covered: Promise<string[]> | null = null;
  const languages = () => {
    covered ??= reviewerLanguages.call(db, actor.userId);
    return covered;
  };
  const isPublic = article.status === 'PUBLISHED' || article.status === 'ARCHIVED';
  return {
    id: article.id,
    kind: article.kind,
    status: article.status,
    tags: article.tags,
    coverImageId: article.coverImageId,
    publishAt: article.publishAt,
    publishedAt: article.publishedAt,
    archivedAt: article.archivedAt,
    publicUrl: isPublic ? `${platform.config.publicUrl}/portale/it/notizie/${article.id}` : null,
    texts: await Promise.all(
      texts.map(async (text) => ({
        language: text.language,
        title: text.title,
        summary: text.summary,
        body: text.body,
        imageAlt: text.imageAlt,
        status: text.status,
        revision: text.revision,
        outOfDate:
          text.language !== SOURCE_LANGUAGE &&
          italian !== undefined &&
          text.sourceRevision !== italian.revision,
        editedAt: text.editedAt,
        editedBy: text.editorName,
        reviewedAt: text.reviewedAt,
        reviewedBy: text.reviewerName,
        publishedAt: text.publishedAt,
        mayReview: (await mayReviewText(actor, text, languages)) === null,
      })),
    ),
    images: images.map((image) => ({
      id: image.id,
      fileName: image.fileName,
      mediaType: image.mediaType,
      size: image.size,
      markdown: `![](${imagePath(image.id)})`,
    })),
    mayManage: mayManage(actor),
  };
}

export async function listArticles(platform: Platform, query: z.infer<typeof articlesQuery>) {
  const { rows, total } = await store.listArticles(platform.database.db, {
    status: query.status,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      title: row.title,
      tags: row.tags,
      publishAt: row.publishAt,
      publishedAt: row.publishedAt,
      updatedAt: row.updatedAt,
      languages: row.languages ?? [],
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** What keeps a text from being saved: a body image that is not the article's, or without its text; no alt. */
function checkText(
  input: ArticleTextInput,
  article: Pick<store.ArticleRow, 'coverImageId'>,
  imageIds: string[],
  at: string,
) {
  const problems = bodyProblems(input.body, imageIds).map((problem) => ({ ...problem, path: `${at}.body` }));
  if (article.coverImageId && !input.imageAlt)
    problems.push({
      path: `${at}.imageAlt`,
      message: 'descrivere l’immagine di copertina per chi non può vederla',
    });
  if (problems.length) throw new Invalid(problems);
}

export async function createArticle(
  platform: Platform,
  caller: Caller,
  input: z.input<typeof articleInput>,
): Promise<ArticleView> {
  const actor = mustManage(caller);
  const parsed = articleInput.parse(input);
  if (parsed.coverImageId)
    throw new Invalid([
      { path: 'body.coverImageId', message: 'la copertina si sceglie dopo aver caricato le immagini' },
    ]);
  checkText(parsed.text, { coverImageId: null }, [], 'body.text');
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await store.insertArticle(unit.db, {
      id,
      kind: parsed.kind,
      tags: JSON.stringify(parsed.tags),
      coverImageId: null,
      status: 'DRAFT',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await store.insertText(unit.db, {
      articleId: id,
      language: SOURCE_LANGUAGE,
      ...parsed.text,
      status: 'DRAFT',
      revision: 1,
      sourceRevision: null,
      editedAt: now,
      editedBy: actor.userId,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.create',
      entityType: 'outreach_article',
      entityId: id,
      before: null,
      after: { kind: parsed.kind, tags: parsed.tags, title: parsed.text.title },
    });
  });
  return getArticle(platform, caller, id);
}

export async function changeArticleSettings(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.input<typeof articleSettings>,
): Promise<ArticleView> {
  mustManage(caller);
  const parsed = articleSettings.parse(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, id);
    if (article.status === 'ARCHIVED') throw new Conflict('Un articolo archiviato non si modifica.');
    if (parsed.coverImageId) {
      const image = await store.findImage(unit.db, parsed.coverImageId);
      if (image?.articleId !== id)
        throw new Invalid([
          { path: 'body.coverImageId', message: 'scegliere una delle immagini dell’articolo' },
        ]);
    }
    await store.updateArticle(unit.db, id, {
      kind: parsed.kind,
      tags: JSON.stringify(parsed.tags),
      coverImageId: parsed.coverImageId,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.change',
      entityType: 'outreach_article',
      entityId: id,
      before: { kind: article.kind, tags: article.tags, coverImageId: article.coverImageId },
      after: parsed,
    });
  });
  return getArticle(platform, caller, id);
}

/** Saves the text in a language as a new draft revision; the public keeps reading the published copy. */
export async function saveArticleText(
  platform: Platform,
  caller: Caller,
  key: { id: string; lang: string },
  input: z.input<typeof articleTextInput>,
): Promise<ArticleView> {
  const actor = mustManage(caller);
  const parsed = articleTextInput.parse(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, key.id);
    if (article.status === 'ARCHIVED') throw new Conflict('Un articolo archiviato non si modifica.');
    const images = await store.imagesOf(unit.db, key.id);
    checkText(
      parsed,
      article,
      images.map((image) => image.id),
      'body',
    );
    const source = await store.textIn(unit.db, key.id, SOURCE_LANGUAGE);
    if (key.lang !== SOURCE_LANGUAGE && !source)
      throw new Conflict('Prima si scrive il testo italiano, poi le traduzioni.');
    const old = key.lang === SOURCE_LANGUAGE ? source : await store.textIn(unit.db, key.id, key.lang);
    const now = platform.clock.now();
    const draft = {
      ...parsed,
      status: 'DRAFT' as const,
      revision: (old?.revision ?? 0) + 1,
      sourceRevision: key.lang === SOURCE_LANGUAGE ? null : (source?.revision ?? null),
      editedAt: now,
      editedBy: actor.userId,
      reviewedAt: null,
      reviewedBy: null,
    };
    if (old) await store.updateText(unit.db, key.id, key.lang, draft);
    else await store.insertText(unit.db, { articleId: key.id, language: key.lang, ...draft });
    await store.updateArticle(unit.db, key.id, { updatedAt: now });
    // A new Italian text must be reviewed again before it can go public at the time set.
    if (key.lang === SOURCE_LANGUAGE && article.status === 'SCHEDULED')
      await unschedule(unit, article, now, 'il testo italiano è stato modificato dopo la revisione');
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.edit',
      entityType: 'outreach_article',
      entityId: `${key.id}/${key.lang}`,
      before: old ? { revision: old.revision, status: old.status, title: old.title } : null,
      after: { revision: draft.revision, status: 'DRAFT', title: parsed.title },
    });
  });
  return getArticle(platform, caller, key.id);
}

export async function reviewArticleText(
  platform: Platform,
  caller: Caller,
  key: { id: string; lang: string },
  read: { revision: number },
): Promise<ArticleView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, key.id);
    const text = await store.textIn(unit.db, key.id, key.lang);
    if (!text) throw new NotFound('L’articolo non ha un testo in questa lingua.');
    const refusal = await mayReviewText(actor, text, () => reviewerLanguages.call(unit.db, actor.userId));
    if (refusal) throw text.status === 'DRAFT' ? new Forbidden(refusal) : new Conflict(refusal);
    if (text.revision !== read.revision)
      throw new Conflict('Il testo è cambiato dopo che l’hai aperto: rileggilo prima di revisionarlo.');
    if (article.coverImageId && !text.imageAlt)
      throw new Conflict(
        'Manca la descrizione dell’immagine di copertina: va scritta prima della revisione.',
      );
    const now = platform.clock.now();
    await store.updateText(unit.db, key.id, key.lang, {
      status: 'REVIEWED',
      reviewedAt: now,
      reviewedBy: actor.userId,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.review',
      entityType: 'outreach_article',
      entityId: `${key.id}/${key.lang}`,
      before: { status: text.status, revision: text.revision },
      after: { status: 'REVIEWED', revision: text.revision },
    });
  });
  return getArticle(platform, caller, key.id);
}

type TextRecord = NonNullable<Awaited<ReturnType<typeof store.textIn>>>;

const publishedCopy = (text: TextRecord, at: Date) => ({
  status: 'PUBLISHED' as const,
  publishedTitle: text.title,
  publishedSummary: text.summary,
  publishedBody: text.body,
  publishedImageAlt: text.imageAlt,
  publishedAt: at,
  publishedRevision: text.revision,
  publishedSourceRevision: text.sourceRevision,
});

/** The article goes public: its reviewed texts with it. */
async function goLive(unit: UnitOfWork, article: store.ArticleRow, at: Date, scheduled: boolean) {
  const texts = await store.reviewedTexts(unit.db, article.id);
  for (const text of texts)
    await store.updateText(unit.db, article.id, text.language, publishedCopy(text, at));
  await store.updateArticle(unit.db, article.id, {
    status: 'PUBLISHED',
    publishAt: null,
    publishedAt: at,
    updatedAt: at,
  });
  await unit.audit({
    kind: 'change',
    action: 'outreach.article.publish',
    entityType: 'outreach_article',
    entityId: article.id,
    before: { status: article.status, publishAt: article.publishAt },
    after: { status: 'PUBLISHED', publishedAt: at, scheduled, languages: texts.map((text) => text.language) },
  });
}

/** The Italian text must be reviewed (or published) before the article may go public. */
async function mustBeReady(unit: UnitOfWork, id: string) {
  const italian = await store.textIn(unit.db, id, SOURCE_LANGUAGE);
  if (!italian || italian.status === 'DRAFT')
    throw new Conflict('Il testo italiano deve essere revisionato prima della pubblicazione.');
}

export async function publishArticle(platform: Platform, caller: Caller, id: string): Promise<ArticleView> {
  mustManage(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, id);
    if (article.status !== 'DRAFT' && article.status !== 'SCHEDULED')
      throw new Conflict('L’articolo è già pubblicato o archiviato.');
    await mustBeReady(unit, id);
    await goLive(unit, article, platform.clock.now(), false);
  });
  return getArticle(platform, caller, id);
}

export async function scheduleArticle(
  platform: Platform,
  caller: Caller,
  id: string,
  when: { day: string; time: string },
): Promise<ArticleView> {
  mustManage(caller);
  const at = romeInstant(when.day, when.time);
  if (at.getTime() <= platform.clock.now().getTime() + 60_000)
    throw new Invalid([{ path: 'body.time', message: 'indicare un momento futuro, almeno tra due minuti' }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, id);
    if (article.status !== 'DRAFT' && article.status !== 'SCHEDULED')
      throw new Conflict('L’articolo è già pubblicato o archiviato.');
    await mustBeReady(unit, id);
    await store.updateArticle(unit.db, id, {
      status: 'SCHEDULED',
      publishAt: at,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.schedule',
      entityType: 'outreach_article',
      entityId: id,
      before: { status: article.status, publishAt: article.publishAt },
      after: { status: 'SCHEDULED', publishAt: at },
    });
  });
  return getArticle(platform, caller, id);
}

/** Moves an article between two states, with the audit entry that says so. */
async function move(
  platform: Platform,
  caller: Caller,
  id: string,
  from: store.ArticleRow['status'],
  to: store.ArticleRow['status'],
  refusal: string,
) {
  mustManage(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, id);
    if (article.status !== from) throw new Conflict(refusal);
    const now = platform.clock.now();
    await store.updateArticle(unit.db, id, {
      status: to,
      updatedAt: now,
      ...(to === 'DRAFT' ? { publishAt: null } : {}),
      ...(to === 'ARCHIVED' ? { archivedAt: now } : {}),
    });
    await unit.audit({
      kind: 'change',
      action: to === 'ARCHIVED' ? 'outreach.article.archive' : 'outreach.article.unschedule',
      entityType: 'outreach_article',
      entityId: id,
      before: { status: article.status, publishAt: article.publishAt },
      after: { status: to },
    });
  });
  return getArticle(platform, caller, id);
}

export const unscheduleArticle = (platform: Platform, caller: Caller, id: string) =>
  move(platform, caller, id, 'SCHEDULED', 'DRAFT', 'L’articolo non ha una pubblicazione programmata.');

export const archiveArticle = (platform: Platform, caller: Caller, id: string) =>
  move(platform, caller, id, 'PUBLISHED', 'ARCHIVED', 'Si archivia solo un articolo pubblicato.');

/** A reviewed text of an article already public goes public too. */
export async function publishArticleText(
  platform: Platform,
  caller: Caller,
  key: { id: string; lang: string },
): Promise<ArticleView> {
  mustManage(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, key.id);
    if (article.status !== 'PUBLISHED')
      throw new Conflict(
        'I testi revisionati sono pubblicati con l’articolo: pubblicare prima l’articolo o programmarne la pubblicazione.',
      );
    const text = await store.textIn(unit.db, key.id, key.lang);
    if (!text) throw new NotFound('L’articolo non ha un testo in questa lingua.');
    if (text.status !== 'REVIEWED') throw new Conflict('Si pubblica solo un testo revisionato.');
    const now = platform.clock.now();
    await store.updateText(unit.db, key.id, key.lang, publishedCopy(text, now));
    await store.updateArticle(unit.db, key.id, { updatedAt: now });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.publish-text',
      entityType: 'outreach_article',
      entityId: `${key.id}/${key.lang}`,
      before: { status: text.status, publishedRevision: text.publishedRevision },
      after: { status: 'PUBLISHED', publishedRevision: text.revision },
    });
  });
  return getArticle(platform, caller, key.id);
}

/**
 * Publishes the scheduled articles whose time has come; answers how many. One whose Italian text was changed
 * after its review goes back to preparation, with an audit entry that says why: nothing unreviewed goes public.
 */
export async function publishDueArticles(platform: Platform): Promise<number> {
  const due = await store.dueArticles(platform.database.db, platform.clock.now());
  let published = 0;
  for (const { id } of due) {
    published += await writeTransaction(platform.database.db, platform.clock, SYSTEM_CALLER, async (unit) => {
      const article = await store.lockArticle(unit.db, id);
      if (article?.status !== 'SCHEDULED' || !article.publishAt) throw new NothingToDo(0);
      if (article.publishAt.getTime() > platform.clock.now().getTime()) throw new NothingToDo(0);
      const italian = await store.textIn(unit.db, id, SOURCE_LANGUAGE);
      if (!italian || italian.status === 'DRAFT') {
        await unschedule(unit, article, platform.clock.now(), 'il testo italiano non è revisionato');
        return 0;
      }
      await goLive(unit, article, article.publishAt, true);
      return 1;
    });
  }
  return published;
}

/** A scheduled article back in preparation, saying why. */
async function unschedule(unit: UnitOfWork, article: store.ArticleRow, now: Date, reason: string) {
  await store.updateArticle(unit.db, article.id, { status: 'DRAFT', publishAt: null, updatedAt: now });
  await unit.audit({
    kind: 'change',
    action: 'outreach.article.unschedule',
    entityType: 'outreach_article',
    entityId: article.id,
    before: { status: 'SCHEDULED', publishAt: article.publishAt },
    after: { status: 'DRAFT', reason },
  });
}

export function articlePublicationJob(platform: Platform): JobDefinition {
  return {
    queue: 'outreach.articles',
    cron: '* * * * *',
    async handle() {
      await publishDueArticles(platform);
    },
  };
}

export async function addArticleImage(
  platform: Platform,
  caller: Caller,
  id: string,
  upload: { declaredName: string; file: StagedFile },
) {
  const actor = mustManage(caller);
  const { file } = upload;
  if (file.mediaType !== 'image/jpeg' && file.mediaType !== 'image/png')
    throw new Invalid([{ path: 'file', message: ONLY_IMAGES }]);
  const imageId = newId();
  const fileName = cleanFileName(upload.declaredName, file.extension);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const article = await lockedArticle(unit, id);
    if (article.status === 'ARCHIVED') throw new Conflict('Un articolo archiviato non si modifica.');
    await store.insertImage(unit.db, {
      id: imageId,
      articleId: id,
      sha256: file.sha256,
      mediaType: file.mediaType,
      size: file.size,
      fileName,
      uploadedBy: actor.userId,
      uploadedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.article.image',
      entityType: 'outreach_article',
      entityId: id,
      before: null,
      after: { imageId, fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
  });
  return {
    id: imageId,
    fileName,
    mediaType: file.mediaType,
    size: file.size,
    markdown: `![](${imagePath(imageId)})`,
  };
}

export async function openArticleImage(
  platform: Platform,
  caller: Caller,
  key: { id: string; imageId: string },
): Promise<{ stream: ReadStream; mediaType: string; fileName: string; size: number }> {
  actorOf(caller);
  const image = await store.findImage(platform.database.db, key.imageId);
  if (!image || image.articleId !== key.id) throw new NotFound('L’immagine non esiste.');
  const stream = await fileStoreOf(platform.config).open(image.sha256);
  return { stream, mediaType: image.mediaType, fileName: image.fileName, size: image.size };
}

/** A body as the public will read it, and what would keep it from being saved (images not the article's own). */
export async function previewBody(platform: Platform, id: string, body: string) {
  const { db } = platform.database;
  if (!(await store.findArticle(db, id))) throw new NotFound(NOT_FOUND);
  const images = await store.imagesOf(db, id);
  return {
    html: renderBody(body),
    problems: bodyProblems(
      body,
      images.map((image) => image.id),
    ),
  };
}

/** The images' files, for the orphan sweeper. */
export const articleFiles = store.storedImages;
