/**
 * The public portal: `/portale/<language>/…`, server-rendered pages that read and submit without scripts.
 * Its routes live in one scope with their own form parser and error page, so that every failure answers a
 * page in the visitor's language with the right status, never a problem document. `/verifica/<code>`, the
 * address printed on documents, leads to the portal's check in the visitor's language.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { AppError, NotFound } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { verify } from '../cases/outcomes/receipts.ts';
import { publicServices } from '../council/needs/directory.ts';
import { registerAppointmentPages } from './appointments.tsx';
import { StatusForm, StatusResult, VerifyForm, VerifyResult } from './forms.tsx';
import { isLanguage, LANGUAGE_COOKIE, preferredLanguage, type Translate, translator } from './languages.ts';
import { longDate, portalPath, renderPage, STYLESHEET, STYLESHEET_PATH } from './layout.tsx';
import { listOffices } from './offices.ts';
import { remembered } from './page-cache.ts';
import {
  ACCESSIBILITY_KEYS,
  ErrorBody,
  HomePage,
  OfficesPage,
  PRIVACY_KEYS,
  SheetPage,
  TextPage,
} from './pages.tsx';
import { listPublicSheets, publicSheet } from './sheets/service.ts';
import { lookUpCaseStatus, statusQuery } from './status.ts';
import { TerritorySection, territoryFilter } from './territory.tsx';

const ONE_YEAR = 365 * 24 * 3600;
/** Look-ups of case status allowed per client address per minute. */
export const STATUS_RATE = { max: 10, timeWindow: 60_000 };

export type PortalPage = { lang: string; title: string; place: string; body: ReactNode; status?: number };

/** Sends a rendered page and remembers its language for the next visit. */
function sendHtml(request: FastifyRequest, reply: FastifyReply, lang: string, html: string, status = 200) {
  if (request.cookies[LANGUAGE_COOKIE] !== lang) {
    // on the whole site, so that `/verifica/<code>` of the QR codes reads it too
    reply.setCookie(LANGUAGE_COOKIE, lang, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true });
    // the cookie of the portal's first release, kept under `/portale`, would hide this one there
    reply.clearCookie(LANGUAGE_COOKIE, { path: '/portale' });
  }
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

const render = (page: PortalPage) =>
  renderPage({ lang: page.lang, title: page.title, place: page.place, children: page.body });

/** Sends a page in its language and remembers the language for the next visit. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PortalPage): FastifyReply {
  return sendHtml(request, reply, page.lang, render(page), page.status);
}

/** The language of the address; an unknown one is a 404 page in the visitor's own language. */
export function languageParam(request: FastifyRequest): { lang: string; t: Translate } {
  const lang = (request.params as { lang?: string }).lang;
  if (!isLanguage(lang)) throw new NotFound();
  return { lang, t: translator(lang) };
}

/** The language a visitor chose before, else the first of the browser's list the portal speaks. */
const visitorChoice = (request: FastifyRequest) =>
  preferredLanguage(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);

function visitorLanguage(request: FastifyRequest): string {
  const lang = /^\/portale\/([a-z]{2,3})(?:[/?]|$)/.exec(request.url)?.[1];
  return isLanguage(lang) ? lang : visitorChoice(request);
}

function errorPage(request: FastifyRequest, reply: FastifyReply, status: number) {
  const lang = visitorLanguage(request);
  const t = translator(lang);
  const [title, text] =
    status === 404
      ? [t('error.notFound'), t('error.notFoundText')]
      : status === 429
        ? [t('error.tooMany'), t('error.tooManyText')]
        : status < 500
          ? [t('error.badRequest'), t('error.notFoundText')]
          : [t('error.server'), t('error.serverText')];
  return sendPage(request, reply, {
    lang,
    title,
    place: '',
    status,
    body: <ErrorBody lang={lang} t={t} text={text} />,
  });
}

const page = { access: 'public' as const };
/** A code printed on a document, as the visitor types it. */
const verificationCode = z.string().trim().min(1).max(40);
const hidden = { hide: true };

function registerReadingPages(scope: LovitApp, platform: Platform) {
  scope.get('/portale', { config: page, schema: hidden }, async (request, reply) => {
    return reply.header('vary', 'accept-language, cookie').redirect(portalPath(visitorChoice(request)), 302);
  });
  scope.get(STYLESHEET_PATH, { config: page, schema: hidden }, async (_request, reply) =>
    reply
      .header('cache-control', `public, max-age=${ONE_YEAR}, immutable`)
      .type('text/css; charset=utf-8')
      .send(STYLESHEET),
  );
  scope.get('/portale/:lang', { config: page, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const html = await remembered(platform.database, `home/${lang}`, async () => {
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
  scope.get('/portale/:lang/schede/:code', { config: page, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const { code } = request.params as { code: string };
    if (!/^[a-z0-9-]{2,60}$/.test(code)) throw new NotFound();
    const html = await remembered(platform.database, `sheet/${lang}/${code}`, async () => {
      const sheet = await publicSheet(platform, code, lang);
      if (!sheet) return null;
      const body = <SheetPage lang={lang} t={t} sheet={sheet} />;
      return render({ lang, title: sheet.content.title, place: `/schede/${code}`, body });
    });
    if (!html) throw new NotFound();
    return sendHtml(request, reply, lang, html);
  });
  scope.get('/portale/:lang/uffici', { config: page, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const filter = territoryFilter(request.query);
    const [offices, services] = await Promise.all([listOffices(platform), publicServices(platform)]);
    const territory = (
      <TerritorySection lang={lang} t={t} services={services} filter={filter ?? {}} invalid={!filter} />
    );
    return sendPage(request, reply, {
      lang,
      title: t('offices.title'),
      place: '/uffici',
      status: filter ? 200 : 400,
      body: <OfficesPage lang={lang} t={t} offices={offices} territory={territory} />,
    });
  });
  for (const [place, prefix, keys] of [
    ['/privacy', 'privacy', PRIVACY_KEYS],
    ['/accessibilita', 'accessibility', ACCESSIBILITY_KEYS],
  ] as const)
    scope.get(`/portale/:lang${place}`, { config: page, schema: hidden }, async (request, reply) => {
      const { lang, t } = languageParam(request);
      return sendPage(request, reply, {
        lang,
        title: t(`${prefix}.title`),
        place,
        body: <TextPage t={t} prefix={prefix} keys={keys} />,
      });
    });
}

function registerStatusPages(scope: LovitApp, platform: Platform) {
  scope.get('/portale/:lang/stato', { config: page, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    return sendPage(request, reply, {
      lang,
      title: t('status.title'),
      place: '/stato',
      body: (
        <>
          <p>{t('status.intro')}</p>
          <StatusForm lang={lang} t={t} values={{}} />
        </>
      ),
    });
  });
  scope.post(
    '/portale/:lang/stato',
    { config: { ...page, rateLimit: STATUS_RATE }, schema: hidden },
    async (request, reply) => {
      const { lang, t } = languageParam(request);
      const form = (request.body ?? {}) as Record<string, string>;
      const values = { number: form.number?.slice(0, 20), birthDate: form.birthDate?.slice(0, 10) };
      const refuse = (status: number, message: string) =>
        sendPage(request, reply, {
          lang,
          title: t('status.title'),
          place: '/stato',
          status,
          body: (
            <>
              <p className="card ko" role="alert">
                {message}
              </p>
              <StatusForm lang={lang} t={t} values={values} />
            </>
          ),
        });
      const parsed = statusQuery.safeParse(form);
      if (!parsed.success) return refuse(400, t('status.malformed'));
      const answer = await lookUpCaseStatus(platform, request.caller, parsed.data);
      if (answer.kind === 'too-many') return refuse(429, t('status.tooMany'));
      if (answer.kind === 'no-match') return refuse(404, t('status.notFound'));
      return sendPage(request, reply, {
        lang,
        title: t('status.title'),
        place: '/stato',
        body: <StatusResult lang={lang} t={t} status={answer.status} />,
      });
    },
  );
}

function registerVerificationPages(scope: LovitApp, platform: Platform) {
  const limit = { ...page, rateLimit: { max: 30, timeWindow: 60_000 } };
  // The addresses printed on documents and in their QR codes: the check in the visitor's language.
  const toPortal = (request: FastifyRequest, reply: FastifyReply, code: unknown) => {
    const parsed = verificationCode.safeParse(code);
    const place = parsed.success ? `/verifica/${encodeURIComponent(parsed.data)}` : '/verifica';
    return reply
      .header('vary', 'accept-language, cookie')
      .redirect(portalPath(visitorChoice(request), place), 303);
  };
  scope.get('/verifica', { config: limit, schema: hidden }, async (request, reply) =>
    toPortal(request, reply, (request.query as { codice?: unknown }).codice),
  );
  scope.get('/verifica/:code', { config: limit, schema: hidden }, async (request, reply) =>
    toPortal(request, reply, (request.params as { code: string }).code),
  );
  scope.get('/portale/:lang/verifica', { config: limit, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const code = verificationCode.safeParse((request.query as { codice?: unknown }).codice);
    if (code.success)
      return reply.redirect(portalPath(lang, `/verifica/${encodeURIComponent(code.data)}`), 303);
    return sendPage(request, reply, {
      lang,
      title: t('verify.title'),
      place: '/verifica',
      body: (
        <>
          <p>{t('verify.intro')}</p>
          <VerifyForm lang={lang} t={t} />
        </>
      ),
    });
  });
  scope.get('/portale/:lang/verifica/:code', { config: limit, schema: hidden }, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const { code } = request.params as { code: string };
    const result =
      code.length <= 40 ? await verify(platform, request.caller, code) : { valid: false as const };
    const shown = result.valid
      ? {
          valid: true as const,
          rows: [
            [t('verify.document'), result.document],
            [t('verify.number'), result.number],
            [t('verify.issuedOn'), longDate(lang, result.issuedOn)],
            [t('verify.issuer'), result.issuer],
            [t('verify.subject'), result.subject],
            [t('verify.state'), result.state],
            ...(result.validUntil ? [[t('verify.validUntil'), longDate(lang, result.validUntil)]] : []),
          ] as [string, string][],
        }
      : { valid: false as const, code };
    return sendPage(request, reply, {
      lang,
      title: t('verify.title'),
      place: '/verifica',
      status: result.valid ? 200 : 404,
      body: <VerifyResult lang={lang} t={t} result={shown} />,
    });
  });
}

/** Registers the portal in its own scope: form bodies, localized error pages, and a 404 page for the rest. */
export async function registerPortal(app: LovitApp, platform: Platform): Promise<void> {
  await app.register(async (scope) => {
    // The portal serves applicants: a staff member's session in the same browser plays no part in it.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, actsForNobody: true };
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.setErrorHandler((error, request, reply) => {
      const status =
        error instanceof AppError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'portal page failed');
      return errorPage(request, reply, status >= 400 && status < 600 ? status : 500);
    });
    registerReadingPages(scope, platform);
    registerStatusPages(scope, platform);
    registerVerificationPages(scope, platform);
    registerAppointmentPages(scope, platform);
    scope.all('/portale/*', { config: page, schema: hidden }, async (request, reply) =>
      errorPage(request, reply, 404),
    );
  });
}
