/**
 * The public site's way of answering: a page in the visitor's language, the language remembered for the next
 * visit, and error pages in that language. Every module with public pages registers them through
 * `registerPublicPages`, so they behave alike.
 */
import { constants } from 'node:zlib';
import compress, { type FastifyCompressOptions } from '@fastify/compress';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { AppError, NotFound } from '../../kernel/errors.ts';
import type { LovitApp } from '../../kernel/http.ts';
import { isLanguage, LANGUAGE_COOKIE, preferredLanguage, type Translate, translator } from './languages.ts';
import { absolute, type Crumb, ErrorBody, renderPage } from './layout.tsx';

const ONE_YEAR = 365 * 24 * 3600;

export type PortalPage = {
  lang: string;
  title: string;
  /** The language the title is written in, when not the page's. */
  titleLang?: string;
  place: string;
  body: ReactNode;
  status?: number;
  /** The page's summary for search engines; the portal's introduction when absent. */
  description?: string;
  /** The steps between home and this page; home → this page when absent. */
  breadcrumbs?: Crumb[];
  /** The address of a page outside `/portale/<lang>`, in one language only (the council's page). */
  path?: string;
  /** A feed of the page's news, offered to feed readers. */
  feed?: { href: string; title: string };
};

/** Sends a rendered page and remembers its language for the next visit. */
export function sendHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: string,
  html: string,
  status = 200,
) {
  if (request.cookies[LANGUAGE_COOKIE] !== lang) {
    // on the whole site, so that `/verifica/<code>` of the QR codes reads it too
    reply.setCookie(LANGUAGE_COOKIE, lang, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true });
    // the cookie of the portal's first release, kept under `/portale`, would hide this one there
    reply.clearCookie(LANGUAGE_COOKIE, { path: '/portale' });
  }
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

export const render = ({ body, ...page }: PortalPage) => renderPage({ ...page, children: body });

/** Sends a page in its language and remembers the language for the next visit. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PortalPage): FastifyReply {
  return sendHtml(request, reply, page.lang, render(page), page.status);
}

/** The host of an address, or null when it is not one. */
function hostOf(address: string): string | null {
  try {
    return new URL(address).host;
  } catch {
    return null;
  }
}

/**
 * Whether a form was posted from a page of this site. Browsers say where a request comes from in
 * `Sec-Fetch-Site`, whatever the referrer policy; one too old for it names the page's site in `Origin` (or
 * `Referer`), which the site's `same-origin` policy lets it send to the site itself. A post that says
 * none of this, or names another site, did not come from the site's own form: anonymous forms have no session
 * to hold a CSRF token.
 */
export function postedFromThisSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'same-origin';
  const origin = request.headers.origin;
  const from = origin && origin !== 'null' ? origin : request.headers.referer;
  if (!from) return false;
  const host = hostOf(from);
  const own = hostOf(`${request.protocol}://${request.host}`);
  return host !== null && (host === own || host === hostOf(absolute('/')));
}

/** The language of the address; an unknown one is a 404 page in the visitor's own language. */
export function languageParam(request: FastifyRequest): { lang: string; t: Translate } {
  const lang = (request.params as { lang?: string }).lang;
  if (!isLanguage(lang)) throw new NotFound();
  return { lang, t: translator(lang) };
}

/** The language a visitor chose before, else the first of the browser's list the portal speaks. */
export const visitorChoice = (request: FastifyRequest) =>
  preferredLanguage(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);

function visitorLanguage(request: FastifyRequest): string {
  const lang = /^\/portale\/([a-z]{2,3})(?:[/?]|$)/.exec(request.url)?.[1];
  return isLanguage(lang) ? lang : visitorChoice(request);
}

export function errorPage(request: FastifyRequest, reply: FastifyReply, status: number) {
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

// Pages are made per request: a middle Brotli level compresses them about as well as the highest, in a
// fraction of the time (decision 041).
const COMPRESSION: FastifyCompressOptions = {
  encodings: ['br', 'gzip'],
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
};
const TEXT = /^(text\/|application\/xml)/;

/** A text answer depends on the browser's `accept-encoding` even when it went out uncompressed. */
function varyOnEncoding(reply: FastifyReply) {
  if (!TEXT.test(String(reply.getHeader('content-type') ?? ''))) return;
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/accept-encoding/i.test(vary))
    reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
}

/** The route options of a public page: open to everyone, left out of the API's documentation. */
export const PUBLIC_PAGE = { config: { access: 'public' as const }, schema: { hide: true } };

/**
 * Registers public pages in a scope of their own, the same for every module that has some: form bodies,
 * answers compressed with Brotli or gzip, and every failure answered with a page in the visitor's language and the right status, never a problem
 * document.
 */
export async function registerPublicPages(
  app: LovitApp,
  register: (scope: LovitApp) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    // Public pages serve applicants: a staff member's session in the same browser plays no part in them.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, actsForNobody: true };
    });
    await scope.register(compress, COMPRESSION);
    scope.addHook('onSend', async (_request, reply, payload) => {
      varyOnEncoding(reply);
      return payload;
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.setErrorHandler((error, request, reply) => {
      const status =
        error instanceof AppError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'portal page failed');
      return errorPage(request, reply, status >= 400 && status < 600 ? status : 500);
    });
    await register(scope);
  });
}
