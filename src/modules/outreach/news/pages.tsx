/**
 * The public pages of the news, in every language of the portal and without scripts: the list a page at a
 * time, an article, the Atom feed of each language, and the articles' images.
 */
import { Feed } from 'feed';
import { z } from 'zod';
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { intlLocale, type Translate } from '../../portal/languages.ts';
import {
  absolute,
  formatNumber,
  portalInstitution,
  portalPath,
  textAttributes,
} from '../../portal/layout.tsx';
import { errorPage, languageParam, PUBLIC_PAGE, registerPublicPages, sendPage } from '../../portal/site.tsx';
import { escapeHtml, imagePath } from './markdown.ts';
import {
  feedArticles,
  openPublicImage,
  type PublicArticle,
  type PublicArticlePage,
  publicArticle,
  publicArticles,
} from './public.ts';

const PAGE = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 120, timeWindow: 60_000 } },
};
const articleId = z.uuid();
const pageNumber = z.coerce.number().int().min(1).max(10_000).default(1);
const articlePlace = (id: string) => `/notizie/${id}`;
const feedPath = (lang: string) => portalPath(lang, '/notizie.atom');

const dateOf = (lang: string, at: Date) =>
  new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(at);

function Meta({ lang, t, article }: { lang: string; t: Translate; article: PublicArticle }) {
  return (
    <p className="meta">
      {t(`news.kind.${article.kind}`)} · {t('news.published', { date: dateOf(lang, article.publishedAt) })}
    </p>
  );
}

function Tags({ t, article }: { t: Translate; article: PublicArticle }) {
  if (article.tags.length === 0) return null;
  return (
    <p className="meta">
      {t('news.topics')}: <span {...textAttributes('it')}>{article.tags.join(', ')}</span>
    </p>
  );
}

function Card({ lang, t, article }: { lang: string; t: Translate; article: PublicArticle }) {
  return (
    <article className="card news">
      {article.cover && (
        <img
          src={imagePath(article.cover.id)}
          alt={article.cover.alt}
          {...textAttributes(article.textLanguage)}
          loading="lazy"
        />
      )}
      <Meta lang={lang} t={t} article={article} />
      <h2 {...textAttributes(article.textLanguage)}>
        <a href={portalPath(lang, articlePlace(article.id))}>{article.title}</a>
      </h2>
      <p {...textAttributes(article.textLanguage)}>{article.summary}</p>
      <Tags t={t} article={article} />
    </article>
  );
}

function Pages({ lang, t, page, pages }: { lang: string; t: Translate; page: number; pages: number }) {
  if (pages <= 1) return null;
  const at = (n: number) => portalPath(lang, n === 1 ? '/notizie' : `/notizie?pagina=${n}`);
  return (
    <nav aria-label={t('news.pages')} className="pages">
      {page > 1 && (
        <a href={at(page - 1)} rel="prev">
          {t('news.newer')}
        </a>
      )}
      <span>{t('news.page', { page: formatNumber(lang, page), pages: formatNumber(lang, pages) })}</span>
      {page < pages && (
        <a href={at(page + 1)} rel="next">
          {t('news.older')}
        </a>
      )}
    </nav>
  );
}

function FeedLink({ lang, t }: { lang: string; t: Translate }) {
  return (
    <p>
      <a href={feedPath(lang)} type="application/atom+xml">
        {t('news.feed')}
      </a>
    </p>
  );
}

function ArticleBody({ lang, t, article }: { lang: string; t: Translate; article: PublicArticlePage }) {
  return (
    <>
      <Meta lang={lang} t={t} article={article} />
      {article.isArchived && <p className="card note">{t('news.archived')}</p>}
      {article.textLanguage !== lang && <p className="card note">{t('news.italianOnly')}</p>}
      <div {...textAttributes(article.textLanguage)}>
        {article.cover && <img className="cover" src={imagePath(article.cover.id)} alt={article.cover.alt} />}
        <p className="lead">{article.summary}</p>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered without raw HTML, then through the sanitiser's allowlist */}
        <div className="article" dangerouslySetInnerHTML={{ __html: article.html }} />
      </div>
      <Tags t={t} article={article} />
      <p>
        <a href={portalPath(lang, '/notizie')}>{t('news.title')}</a>
      </p>
    </>
  );
}

/** The Atom feed of a language: its latest articles, with their whole text. */
async function atomFeed(platform: Platform, lang: string, t: Translate): Promise<string> {
  const articles = await feedArticles(platform, lang);
  const feed = new Feed({
    title: t('news.feedTitle'),
    id: absolute(portalPath(lang, '/notizie')),
    link: absolute(portalPath(lang, '/notizie')),
    language: lang,
    updated: articles[0]?.publishedAt ?? new Date(0),
    generator: false,
    feedLinks: { atom: absolute(feedPath(lang)) },
    author: { name: portalInstitution().name },
    copyright: portalInstitution().name,
  });
  for (const article of articles)
    feed.addItem({
      // the library marks these as HTML: the staff's plain text is escaped so that it reads as typed
      title: escapeHtml(article.title),
      id: absolute(portalPath(lang, articlePlace(article.id))),
      link: absolute(portalPath(lang, articlePlace(article.id))),
      date: article.publishedAt,
      published: article.publishedAt,
      description: escapeHtml(article.summary),
      content: article.html.replaceAll('src="/portale/', `src="${absolute('/portale/')}`),
      category: article.tags.map((tag) => ({ name: tag, term: tag })),
    });
  return feed.atom1();
}

export async function registerArticlePages(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (pages) => {
    pages.get('/portale/:lang/notizie', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const page = pageNumber.safeParse((request.query as { pagina?: unknown }).pagina);
      if (!page.success) return errorPage(request, reply, 404);
      const { articles, pages: count } = await publicArticles(platform, lang, page.data);
      if (page.data > count) return errorPage(request, reply, 404);
      return sendPage(request, reply, {
        lang,
        title: t('news.title'),
        description: t('news.intro'),
        place: page.data === 1 ? '/notizie' : `/notizie?pagina=${page.data}`,
        feed: { href: feedPath(lang), title: t('news.feedTitle') },
        body: (
          <>
            <p>{t('news.intro')}</p>
            {articles.length === 0 ? (
              <p className="card">{t('news.none')}</p>
            ) : (
              articles.map((article) => <Card key={article.id} lang={lang} t={t} article={article} />)
            )}
            <Pages lang={lang} t={t} page={page.data} pages={count} />
            <FeedLink lang={lang} t={t} />
          </>
        ),
      });
    });

    pages.get('/portale/:lang/notizie.atom', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(await atomFeed(platform, lang, t));
    });

    pages.get('/portale/:lang/notizie/:id', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const id = articleId.safeParse((request.params as { id: string }).id);
      const article = id.success ? await publicArticle(platform, id.data, lang) : null;
      if (!article) throw new NotFound();
      return sendPage(request, reply, {
        lang,
        title: article.title,
        titleLang: article.textLanguage === lang ? undefined : article.textLanguage,
        description: article.summary,
        place: articlePlace(article.id),
        feed: { href: feedPath(lang), title: t('news.feedTitle') },
        breadcrumbs: [
          { label: t('news.title'), href: portalPath(lang, '/notizie') },
          { label: article.title },
        ],
        body: <ArticleBody lang={lang} t={t} article={article} />,
      });
    });

    pages.get('/portale/immagini/:id', PAGE, async (request, reply) => {
      const id = articleId.safeParse((request.params as { id: string }).id);
      const image = id.success ? await openPublicImage(platform, id.data) : null;
      if (!image) throw new NotFound();
      return reply
        .type(image.mediaType)
        .header('content-length', image.size)
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(image.stream);
    });
  });
}
