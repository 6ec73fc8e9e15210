/**
 * The public portal: `/portale/<language>/…`, server-rendered pages that read and submit without scripts:
 * home, procedure sheets, offices, accessibility and legal notes; the site's front door `/`, and
 * what search engines read (`robots.txt`, `sitemap.xml`). The pages other modules add (case status,
 * verification, appointments, the council, the privacy notices) answer the same way through `site.tsx`.
 */
import { NotFound } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { LANGUAGES } from './languages.ts';
import {
  absolute,
  COUNCIL_PATH,
  portalPath,
  publishSiteAt,
  STYLESHEET,
  STYLESHEET_PATH,
  TRAINING_PATH,
} from './layout.tsx';
import { listOffices } from './offices.ts';
import { OfficesPage } from './offices-page.tsx';
import { remembered } from './page-cache.ts';
import {
  ACCESSIBILITY_KEYS,
  FeedbackRefused,
  FeedbackThanks,
  HomePage,
  SheetPage,
  TextPage,
} from './pages.tsx';
import { listedPlaces, officesSection } from './ports.ts';
import { registerSearchPage } from './search/routes.tsx';
import { feedbackForm } from './sheets/contract.ts';
import { listPublicSheets, publicSheet, recordFeedback } from './sheets/service.ts';
import {
  errorPage,
  languageParam,
  PUBLIC_PAGE,
  postedFromThisSite,
  registerPublicPages,
  render,
  sendHtml,
  sendPage,
  visitorChoice,
} from './site.tsx';

const ONE_YEAR = 365 * 24 * 3600;
/** Answers to "was this page useful?" from one address: enough for a family sharing a connection. */
const FEEDBACK_RATE = { max: 10, timeWindow: 60 * 60_000 };

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
      const { title, summary } = sheet.content;
      const place = `/schede/${code}`;
      return render({ lang, title, titleLang: sheet.language, description: summary, place, body });
    });
    if (!html) throw new NotFound();
    return sendHtml(request, reply, lang, html);
  });
  scope.post(
    '/portale/:lang/schede/:code/utile',
    { ...PUBLIC_PAGE, config: { ...PUBLIC_PAGE.config, rateLimit: FEEDBACK_RATE } },
    async (request, reply) => {
      const { lang, t } = languageParam(request);
      const { code } = request.params as { code: string };
      if (!/^[a-z0-9-]{2,60}$/.test(code)) throw new NotFound();
      if (!postedFromThisSite(request))
        return sendPage(request, reply, {
          lang,
          title: t('feedback.refused'),
          place: `/schede/${code}`,
          status: 403,
          body: <FeedbackRefused lang={lang} t={t} code={code} />,
        });
      const answer = feedbackForm.safeParse(request.body ?? {});
      if (!answer.success) return errorPage(request, reply, 400);
      await recordFeedback(platform, { code, language: lang }, answer.data);
      return sendPage(request, reply, {
        lang,
        title: t('feedback.thanks'),
        place: `/schede/${code}`,
        body: <FeedbackThanks lang={lang} t={t} code={code} />,
      });
    },
  );
  scope.get('/portale/:lang/uffici', PUBLIC_PAGE, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const [offices, territory] = await Promise.all([
      listOffices(platform),
      officesSection.call(platform, request.query, { lang, t }),
    ]);
    return sendPage(request, reply, {
      lang,
      title: t('offices.title'),
      description: t('offices.intro'),
      place: '/uffici',
      status: territory.valid ? 200 : 400,
      body: <OfficesPage lang={lang} t={t} offices={offices} territory={territory.section} />,
    });
  });
  for (const [place, prefix, keys] of TEXT_PAGES)
    scope.get(`/portale/:lang${place}`, PUBLIC_PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      return sendPage(request, reply, {
        lang,
        title: t(`${prefix}.title`),
        description: t(`${prefix}.${keys[0]}`),
        place,
        body: <TextPage t={t} prefix={prefix} keys={keys} />,
      });
    });
}

const LEGAL_KEYS = ['owner', 'reuse', 'links', 'translations'];
const TEXT_PAGES = [
  ['/accessibilita', 'accessibility', ACCESSIBILITY_KEYS],
  ['/note-legali', 'legal', LEGAL_KEYS],
] as const;

/** The pages every language has, after `/portale/<lang>`; the sheets are added from the database. */
const LISTED_PLACES = ['', '/stato', '/uffici', '/verifica', ...TEXT_PAGES.map(([place]) => place)];

const ROBOTS = (sitemap: string) =>
  [
    'User-agent: *',
    'Allow: /portale/',
    `Allow: ${COUNCIL_PATH}`,
    // the links of convocation letters carry a personal token
    'Disallow: /portale/*/appuntamento',
    // so do the links of event tickets
    'Disallow: /portale/*/biglietto',
    'Disallow: /',
    `Sitemap: ${sitemap}`,
    '',
  ].join('\n');

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Every public page in every language, for search engines. */
async function sitemap(platform: Platform): Promise<string> {
  const sheets = await listPublicSheets(platform, 'it');
  const places = [
    ...LISTED_PLACES,
    ...sheets.map((sheet) => `/schede/${sheet.code}`),
    ...(await listedPlaces.call(platform)),
  ];
  const urls = [
    ...LANGUAGES.flatMap((language) => places.map((place) => portalPath(language.code, place))),
    COUNCIL_PATH,
    TRAINING_PATH,
  ].map((path) => `<url><loc>${escapeXml(absolute(path))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

function registerSiteFiles(scope: LovitApp, platform: Platform) {
  scope.get('/robots.txt', PUBLIC_PAGE, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .type('text/plain; charset=utf-8')
      .send(ROBOTS(absolute('/sitemap.xml'))),
  );
  scope.get('/sitemap.xml', PUBLIC_PAGE, async (_request, reply) => {
    const xml = await remembered(platform.database, platform.clock, 'sitemap', () => sitemap(platform));
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type('application/xml; charset=utf-8')
      .send(xml);
  });
}

/**
 * The site's front door: a visitor without a session reaches the public site in their language, a signed-in
 * member of staff the back-office, whose own fallback page answers as for any of its addresses.
 */
function registerFrontDoor(app: LovitApp) {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.caller.actor) return reply.callNotFound();
    return reply
      .header('vary', 'accept-language, cookie')
      .header('cache-control', 'no-store')
      .redirect(portalPath(visitorChoice(request)), 302);
  });
}

/** Registers the portal's own pages, and a page in the visitor's language for any other address under it. */
export async function registerPortal(app: LovitApp, platform: Platform): Promise<void> {
  publishSiteAt(platform.config);
  registerFrontDoor(app);
  await registerPublicPages(app, (scope) => {
    registerReadingPages(scope, platform);
    registerSiteFiles(scope, platform);
    registerSearchPage(scope, platform);
    scope.all('/portale/*', PUBLIC_PAGE, async (request, reply) => errorPage(request, reply, 404));
  });
}
