/**
 * The public press area, in every language of the portal (the releases themselves are written in Italian):
 * the releases sent, the press kit (the EU emblem, the funding statement, the project's fact sheet), and the
 * page behind every release's unsubscription link, which also takes the one-click request of mail programs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import { institution } from '../../../kernel/institution.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { intlLocale, type Translate } from '../../portal/languages.ts';
import { ErrorBody, portalPath, textAttributes } from '../../portal/layout.tsx';
import { languageParam, PUBLIC_PAGE, registerPublicPages, sendPage } from '../../portal/site.tsx';
import { renderBody } from '../news/markdown.ts';
import { euEmblemSvg, FUNDING_STATEMENT, factSheetPdf } from './kit.ts';
import { sentRelease, sentReleases, unsubscribe, unsubscriptionOf } from './office.ts';

const PAGE = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 120, timeWindow: 60_000 } },
};
/** Link attempts per client address per minute: enough for a person, too few to guess. */
const LINK = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 30, timeWindow: 60_000 } },
};
const releaseId = z.uuid();
export const EMBLEM_PATH = '/portale/stampa/emblema-ue.svg';
export const FACT_SHEET_PATH = '/portale/stampa/scheda-progetto.pdf';

const dateOf = (lang: string, at: Date) =>
  new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(at);

function Kit({ t }: { t: Translate }) {
  const { mail } = institution();
  return (
    <section aria-labelledby="kit">
      <h2 id="kit">{t('press.kit')}</h2>
      <img src={EMBLEM_PATH} alt={t('press.emblemAlt')} width={150} height={100} />
      <ul>
        <li>
          <a href={EMBLEM_PATH} download="emblema-ue.svg">
            {t('press.emblem')}
          </a>
        </li>
        <li>
          <a href={FACT_SHEET_PATH} type="application/pdf">
            {t('press.factSheet')}
          </a>
        </li>
      </ul>
      <h3>{t('press.funding')}</h3>
      <p {...textAttributes('it')}>{FUNDING_STATEMENT}</p>
      {mail ? <p>{t('press.contact', { email: mail })}</p> : null}
    </section>
  );
}

export async function registerPressPages(app: LovitApp, platform: Platform): Promise<void> {
  const unsubscribePage = async (request: FastifyRequest, reply: FastifyReply, done: boolean | null) => {
    const { lang, t } = languageParam(request);
    const token = String((request.query as { t?: unknown }).t ?? '');
    const contact = await unsubscriptionOf(platform, token);
    const place = `/stampa/disiscrizione?t=${encodeURIComponent(token)}`;
    if (!contact)
      return sendPage(request, reply, {
        lang,
        title: t('press.unsubscribe.title'),
        place,
        status: 404,
        body: <ErrorBody lang={lang} t={t} text={t('press.unsubscribe.invalid')} />,
      });
    return sendPage(request, reply, {
      lang,
      title: t('press.unsubscribe.title'),
      place,
      body:
        (done ?? contact.done) ? (
          <p className="card ok" role="status">
            {t('press.unsubscribe.done')}
          </p>
        ) : (
          <form method="post" action={portalPath(lang, place)} className="card">
            <p>{t('press.unsubscribe.question', { email: contact.email })}</p>
            <button type="submit" name="List-Unsubscribe" value="One-Click">
              {t('press.unsubscribe.confirm')}
            </button>
            <p className="meta">
              <a href={portalPath(lang, '/privacy/stampa')}>{t('privacy.notice')}</a>
            </p>
          </form>
        ),
    });
  };

  await registerPublicPages(app, (pages) => {
    // Some mail programs send the one-click request as a multipart form: its only field is known already.
    pages.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, {}),
    );
    pages.get('/portale/:lang/stampa', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const releases = await sentReleases(platform);
      return sendPage(request, reply, {
        lang,
        title: t('press.title'),
        description: t('press.intro'),
        place: '/stampa',
        body: (
          <>
            <p>{t('press.intro')}</p>
            <h2>{t('press.releases')}</h2>
            {lang !== 'it' && <p className="meta">{t('press.italianOnly')}</p>}
            {releases.length === 0 ? (
              <p className="card">{t('press.none')}</p>
            ) : (
              releases.map((release) => (
                <article key={release.id} className="card">
                  <p className="meta">{t('press.sent', { date: dateOf(lang, release.sentAt as Date) })}</p>
                  <h3 {...textAttributes('it')}>
                    <a href={portalPath(lang, `/stampa/${release.id}`)}>{release.title}</a>
                  </h3>
                  <p {...textAttributes('it')}>{release.summary}</p>
                </article>
              ))
            )}
            <Kit t={t} />
          </>
        ),
      });
    });

    pages.get('/portale/:lang/stampa/:id', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const id = releaseId.safeParse((request.params as { id: string }).id);
      const release = id.success ? await sentRelease(platform, id.data) : undefined;
      if (!release) throw new NotFound();
      return sendPage(request, reply, {
        lang,
        title: release.title,
        titleLang: lang === 'it' ? undefined : 'it',
        description: release.summary,
        place: `/stampa/${release.id}`,
        breadcrumbs: [
          { label: t('press.title'), href: portalPath(lang, '/stampa') },
          { label: release.title },
        ],
        body: (
          <>
            <p className="meta">{t('press.sent', { date: dateOf(lang, release.sentAt as Date) })}</p>
            <div lang="it" dir="ltr">
              <p className="lead">{release.summary}</p>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered without raw HTML, then through the sanitiser's allowlist */}
              <div className="article" dangerouslySetInnerHTML={{ __html: renderBody(release.body) }} />
              <p className="meta">{FUNDING_STATEMENT}</p>
            </div>
          </>
        ),
      });
    });

    pages.get('/portale/:lang/stampa/disiscrizione', LINK, (request, reply) =>
      unsubscribePage(request, reply, null),
    );

    // A mail program's one-click request (RFC 8058) and the page's own button: the signed link is the proof.
    pages.post('/portale/:lang/stampa/disiscrizione', LINK, async (request, reply) => {
      languageParam(request);
      const token = String((request.query as { t?: unknown }).t ?? '');
      const done = await unsubscribe(platform, request.caller, token);
      if (!done) return unsubscribePage(request, reply, null);
      return unsubscribePage(request, reply, true);
    });

    pages.get(EMBLEM_PATH, PAGE, async (_request, reply) =>
      reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(euEmblemSvg()),
    );

    pages.get(FACT_SHEET_PATH, PAGE, async (_request, reply) =>
      reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="scheda-progetto.pdf"')
        .send(Buffer.from(await factSheetPdf(platform))),
    );
  });
}
