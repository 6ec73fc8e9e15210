/**
 * The public library of publications, in every language of the portal and without scripts: each publication
 * with its PDF in the visitor's language (else Italian) and the other languages it exists in; the download
 * counts one more for the file and the day, and nothing about who.
 */
import { z } from 'zod';
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { attachmentHeader } from '../../../kernel/uploads.ts';
import { languageOf, SOURCE_LANGUAGE, type Translate } from '../../portal/languages.ts';
import { formatNumber, textAttributes } from '../../portal/layout.tsx';
import { languageParam, PUBLIC_PAGE, registerPublicPages, sendPage } from '../../portal/site.tsx';
import { downloadPublicFile, publicCover } from './service.ts';
import * as store from './store.ts';

const PAGE = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 120, timeWindow: 60_000 } },
};
const fileId = z.uuid();
export const filePath = (id: string) => `/portale/pubblicazioni/file/${id}`;
const coverPath = (id: string) => `/portale/pubblicazioni/copertina/${id}`;

type PublicFile = { id: string; language: string; title: string; size: number };
type Listed = {
  id: string;
  kind: store.PublicationRow['kind'];
  description: string;
  pages: number | null;
  coverAlt: string | null;
  main: PublicFile;
  others: PublicFile[];
};

async function listed(platform: Platform, lang: string): Promise<Listed[]> {
  const { publications, files } = await store.publicPublications(platform.database.db);
  return publications.flatMap((publication) => {
    const own = files.filter((file) => file.publicationId === publication.id);
    const main =
      own.find((file) => file.language === lang) ?? own.find((file) => file.language === SOURCE_LANGUAGE);
    if (!main) return [];
    return [
      {
        id: publication.id,
        kind: publication.kind,
        description: publication.description,
        pages: publication.pages,
        coverAlt: publication.coverAlt,
        main,
        others: own.filter((file) => file !== main),
      },
    ];
  });
}

const megabytes = (lang: string, size: number) =>
  formatNumber(lang, Math.max(0.1, size / 1_000_000), { maximumFractionDigits: 1 });

function Publication({ lang, t, item }: { lang: string; t: Translate; item: Listed }) {
  const { main } = item;
  return (
    <article className="card">
      <p className="meta">
        {t(`publications.kind.${item.kind}`)}
        {item.pages !== null && ` · ${t('publications.pages', { count: formatNumber(lang, item.pages) })}`}
      </p>
      <h2 {...textAttributes(main.language)}>{main.title}</h2>
      {main.language !== lang && <p className="meta">{t('publications.italianOnly')}</p>}
      {item.coverAlt !== null && (
        // the description is the staff's, in Italian
        <img
          className="cover"
          src={coverPath(item.id)}
          alt={item.coverAlt}
          lang="it"
          width={160}
          loading="lazy"
        />
      )}
      <p {...textAttributes('it')}>{item.description}</p>
      <p>
        <a href={filePath(main.id)} hrefLang={main.language} type="application/pdf">
          {t('publications.download', { size: megabytes(lang, main.size) })}
        </a>
      </p>
      {item.others.length > 0 && (
        <p>
          {t('publications.otherLanguages')}{' '}
          {item.others.map((file, index) => (
            <span key={file.id}>
              {index > 0 && ', '}
              <a
                href={filePath(file.id)}
                hrefLang={file.language}
                type="application/pdf"
                {...textAttributes(file.language)}
              >
                {languageOf(file.language).name}
              </a>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}

export async function registerPublicationPages(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (pages) => {
    pages.get('/portale/:lang/pubblicazioni', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const items = await listed(platform, lang);
      return sendPage(request, reply, {
        lang,
        title: t('publications.title'),
        description: t('publications.intro'),
        place: '/pubblicazioni',
        body: (
          <>
            <p>{t('publications.intro')}</p>
            {items.length === 0 ? (
              <p className="card">{t('publications.none')}</p>
            ) : (
              items.map((item) => <Publication key={item.id} lang={lang} t={t} item={item} />)
            )}
          </>
        ),
      });
    });

    pages.get('/portale/pubblicazioni/copertina/:id', PAGE, async (request, reply) => {
      const id = fileId.safeParse((request.params as { id: string }).id);
      const cover = id.success ? await publicCover(platform, id.data) : null;
      if (!cover) throw new NotFound();
      return reply
        .type(cover.mediaType)
        .header('content-length', cover.size)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(cover.stream);
    });

    pages.get('/portale/pubblicazioni/file/:id', PAGE, async (request, reply) => {
      const id = fileId.safeParse((request.params as { id: string }).id);
      // A HEAD request (a link checker, a prefetch) is not a download.
      const file = id.success ? await downloadPublicFile(platform, id.data, request.method === 'GET') : null;
      if (!file) throw new NotFound();
      return reply
        .type('application/pdf')
        .header('content-length', file.size)
        .header('content-disposition', attachmentHeader(file.fileName).replace(/^attachment/, 'inline'))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    });
  });
}
