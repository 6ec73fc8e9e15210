/**
 * The public portal: `/portale/<language>/…`, server-rendered pages that read and submit without scripts:
 * home, procedure sheets, offices, privacy and accessibility. The pages other modules add (case status,
 * verification, appointments) answer the same way through `site.tsx`.
 */
import { NotFound } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { portalPath, STYLESHEET, STYLESHEET_PATH } from './layout.tsx';
import { listOffices } from './offices.ts';
import { remembered } from './page-cache.ts';
import { ACCESSIBILITY_KEYS, HomePage, OfficesPage, PRIVACY_KEYS, SheetPage, TextPage } from './pages.tsx';
import { officesSection } from './ports.ts';
import { registerSearchPage } from './search/routes.tsx';
import { listPublicSheets, publicSheet } from './sheets/service.ts';
import {
  errorPage,
  languageParam,
  PUBLIC_PAGE,
  registerPublicPages,
  render,
  sendHtml,
  sendPage,
  visitorChoice,
} from './site.tsx';

const ONE_YEAR = 365 * 24 * 3600;

function registerReadingPages(scope: LovitApp, platform: Platform) {
  scope.get('/portale', PUBLIC_PAGE, async (request, reply) => {
    return reply.header('vary', 'accept-language, cookie').redirect(portalPath(visitorChoice(request)), 302);
  });
  scope.get(STYLESHEET_PATH, PUBLIC_PAGE, async (_request, reply) =>
    reply
      .header('cache-control', `public, max-age=${ONE_YEAR}, immutable`)
      .type('text/css; charset=utf-8')
      .send(STYLESHEET),
  );
  scope.get('/portale/:lang', PUBLIC_PAGE, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const html = await remembered(platform.database, platform.clock, `home/${lang}`, async () => {
      const sheets = await listPublicSheets(platform, lang);
      return render({
        lang,
        title: t('home.title'),
        place: '',
        body: <HomePage lang={lang} t={t} sheets={sheets} />,
      });
    });
    return sendHtml(request, reply, lang, html);
  });
  scope.get('/portale/:lang/schede/:code', PUBLIC_PAGE, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const { code } = request.params as { code: string };
    if (!/^[a-z0-9-]{2,60}$/.test(code)) throw new NotFound();
    const html = await remembered(platform.database, platform.clock, `sheet/${lang}/${code}`, async () => {
      const sheet = await publicSheet(platform, code, lang);
      if (!sheet) return null;
      const body = <SheetPage lang={lang} t={t} sheet={sheet} />;
      return render({ lang, title: sheet.content.title, place: `/schede/${code}`, body });
    });
    if (!html) throw new NotFound();
    return sendHtml(request, reply, lang, html);
  });
  scope.get('/portale/:lang/uffici', PUBLIC_PAGE, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const [offices, territory] = await Promise.all([
      listOffices(platform),
      officesSection.call(platform, request.query, { lang, t }),
    ]);
    return sendPage(request, reply, {
      lang,
      title: t('offices.title'),
      place: '/uffici',
      status: territory.valid ? 200 : 400,
      body: <OfficesPage lang={lang} t={t} offices={offices} territory={territory.section} />,
    });
  });
  for (const [place, prefix, keys] of [
    ['/privacy', 'privacy', PRIVACY_KEYS],
    ['/accessibilita', 'accessibility', ACCESSIBILITY_KEYS],
  ] as const)
    scope.get(`/portale/:lang${place}`, PUBLIC_PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      return sendPage(request, reply, {
        lang,
        title: t(`${prefix}.title`),
        place,
        body: <TextPage t={t} prefix={prefix} keys={keys} />,
      });
    });
}

/** Registers the portal's own pages, and a page in the visitor's language for any other address under it. */
export async function registerPortal(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (scope) => {
    registerReadingPages(scope, platform);
    registerSearchPage(scope, platform);
    scope.all('/portale/*', PUBLIC_PAGE, async (request, reply) => errorPage(request, reply, 404));
  });
}
