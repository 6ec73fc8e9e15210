/**
 * The public pages of the case files: an applicant checks where a case stands, anyone checks a document by
 * the code printed on it (`/verifica/<code>`, the address of the QR codes, leads to the check in the visitor's
 * language), and an applicant moves an appointment from the link in the letter.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { verifyDocument } from '../../../kernel/verification.ts';
import { longDate, portalPath } from '../../portal/layout.tsx';
import {
  languageParam,
  PUBLIC_PAGE,
  registerPublicPages,
  sendPage,
  visitorChoice,
} from '../../portal/site.tsx';
import { registerAppointmentPages } from './appointments.tsx';
import { StatusForm, StatusResult, VerifyForm, VerifyResult } from './forms.tsx';
import { lookUpCaseStatus, statusQuery } from './status.ts';

/** Look-ups of case status allowed per client address per minute. */
export const STATUS_RATE = { max: 10, timeWindow: 60_000 };
/** A code printed on a document, as the visitor types it. */
const verificationCode = z.string().trim().min(1).max(40);

function registerStatusPages(scope: LovitApp, platform: Platform) {
  scope.get('/portale/:lang/stato', PUBLIC_PAGE, async (request, reply) => {
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
    { ...PUBLIC_PAGE, config: { ...PUBLIC_PAGE.config, rateLimit: STATUS_RATE } },
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
      if (answer.kind === 'too-soon') {
        reply.header('retry-after', String(answer.retryAfterSeconds));
        return refuse(429, t('status.tooMany'));
      }
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
  const limited = {
    ...PUBLIC_PAGE,
    config: { ...PUBLIC_PAGE.config, rateLimit: { max: 30, timeWindow: 60_000 } },
  };
  // The addresses printed on documents and in their QR codes: the check in the visitor's language.
  const toPortal = (request: FastifyRequest, reply: FastifyReply, code: unknown) => {
    const parsed = verificationCode.safeParse(code);
    const place = parsed.success ? `/verifica/${encodeURIComponent(parsed.data)}` : '/verifica';
    return reply
      .header('vary', 'accept-language, cookie')
      .redirect(portalPath(visitorChoice(request), place), 303);
  };
  scope.get('/verifica', limited, async (request, reply) =>
    toPortal(request, reply, (request.query as { codice?: unknown }).codice),
  );
  scope.get('/verifica/:code', limited, async (request, reply) =>
    toPortal(request, reply, (request.params as { code: string }).code),
  );
  scope.get('/portale/:lang/verifica', limited, async (request, reply) => {
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
  scope.get('/portale/:lang/verifica/:code', limited, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const { code } = request.params as { code: string };
    const result =
      code.length <= 40 ? await verifyDocument(platform, request.caller, code) : { valid: false as const };
    const shown = result.valid
      ? {
          valid: true as const,
          revoked: result.revoked === true,
          rows: [
            [t('verify.document'), result.document],
            [t('verify.number'), result.number],
            [t('verify.issuedOn'), longDate(lang, result.issuedOn)],
            [t('verify.issuer'), result.issuer],
            [t(result.subjectLabel === 'course' ? 'verify.course' : 'verify.subject'), result.subject],
            ...(result.hours ? [[t('verify.hours'), t('verify.hoursOf', numbers(lang, result.hours))]] : []),
            ...(result.period
              ? [
                  [
                    t('verify.period'),
                    result.period.from === result.period.to
                      ? longDate(lang, result.period.from)
                      : `${longDate(lang, result.period.from)} – ${longDate(lang, result.period.to)}`,
                  ],
                ]
              : []),
            ...(result.holderInitials ? [[t('verify.holder'), result.holderInitials]] : []),
            [
              t('verify.state'),
              result.revoked === undefined
                ? result.state
                : t(result.revoked ? 'verify.stateRevoked' : 'verify.stateValid'),
            ],
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

/** Hours written in the reader's language: `7,5`. */
function numbers(lang: string, values: Record<string, number>): Record<string, string> {
  const format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, format.format(value)]));
}

/** Registers the case files' public pages with the portal's language, layout and error pages. */
export function registerCasePages(app: LovitApp, platform: Platform): Promise<void> {
  return registerPublicPages(app, (scope) => {
    registerStatusPages(scope, platform);
    registerVerificationPages(scope, platform);
    registerAppointmentPages(scope, platform);
  });
}
