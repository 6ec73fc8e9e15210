/**
 * The appointment pages behind the signed link of a convocation (`?t=<token>`): see, confirm, download,
 * move. A link that is not ours answers 404, a spent one 410, each with a page that says what to do.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { Translate } from '../../portal/languages.ts';
import { ErrorBody, portalPath } from '../../portal/layout.tsx';
import { languageParam, PUBLIC_PAGE, sendPage } from '../../portal/site.tsx';
import { signAppointmentToken } from '../appointments/links.ts';
import {
  APPLICANT_MOVE_RULES,
  confirmByLink,
  icsByLink,
  moveByLink,
  openAppointmentLink,
} from '../appointments/public.ts';
import { AppointmentView } from './forms.tsx';

const tokenOf = (request: FastifyRequest) => {
  const parsed = z
    .string()
    .max(200)
    .safeParse((request.query as { t?: unknown }).t);
  return parsed.success ? parsed.data : '';
};

/** Link attempts per client address per minute: enough for a person, too few to guess. */
const LINK_RATE = { max: 30, timeWindow: 60_000 };

function refusal(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: string,
  t: Translate,
  reason: 'invalid' | 'expired',
) {
  return sendPage(request, reply, {
    lang,
    title: t('appointment.title'),
    place: '',
    status: reason === 'invalid' ? 404 : 410,
    body: (
      <ErrorBody
        lang={lang}
        t={t}
        text={t(reason === 'invalid' ? 'appointment.invalidLink' : 'appointment.expiredLink')}
      />
    ),
  });
}

async function showAppointment(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  notice: { status: number; text: string | null },
) {
  const { lang, t } = languageParam(request);
  const opened = await openAppointmentLink(platform, request.caller, token);
  if (!opened.ok) return refusal(request, reply, lang, t, opened.reason);
  const { row, convocation } = opened;
  return sendPage(request, reply, {
    lang,
    title: t('appointment.title'),
    place: `/appuntamento?t=${encodeURIComponent(token)}`,
    status: notice.status,
    body: (
      <AppointmentView
        lang={lang}
        t={t}
        hours={APPLICANT_MOVE_RULES.noticeHours}
        a={{
          token,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          deskName: convocation.deskName,
          place: convocation.place,
          purpose: row.purpose,
          caseNumber: row.caseNumber,
          documentsToBring: row.documentsToBring,
          confirmed: row.confirmedAt !== null,
          movable: opened.movable,
          until: opened.until.toString(),
          days: opened.days,
          notice: notice.text,
        }}
      />
    ),
  });
}

export function registerAppointmentPages(scope: LovitApp, platform: Platform) {
  const options = { ...PUBLIC_PAGE, config: { ...PUBLIC_PAGE.config, rateLimit: LINK_RATE } };
  scope.get('/portale/:lang/appuntamento', options, async (request, reply) => {
    const { t } = languageParam(request);
    const outcome = (request.query as { esito?: string }).esito;
    const text =
      outcome === 'spostato'
        ? t('appointment.moved')
        : outcome === 'confermato'
          ? t('appointment.confirmed')
          : null;
    return showAppointment(platform, request, reply, tokenOf(request), { status: 200, text });
  });
  scope.post('/portale/:lang/appuntamento/conferma', options, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const token = tokenOf(request);
    const confirmed = await confirmByLink(platform, request.caller, token);
    if (!confirmed.ok) return refusal(request, reply, lang, t, confirmed.reason);
    return reply.redirect(
      portalPath(lang, `/appuntamento?t=${encodeURIComponent(token)}&esito=confermato`),
      303,
    );
  });
  scope.post('/portale/:lang/appuntamento/sposta', options, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const token = tokenOf(request);
    const chosen = z.iso.datetime().safeParse((request.body as { startsAt?: unknown } | undefined)?.startsAt);
    if (!chosen.success)
      return showAppointment(platform, request, reply, token, {
        status: 400,
        text: t('appointment.chooseSlot'),
      });
    const moved = await moveByLink(platform, request.caller, token, new Date(chosen.data));
    if (!moved.ok) {
      if (moved.reason === 'invalid' || moved.reason === 'expired')
        return refusal(request, reply, lang, t, moved.reason);
      const text =
        moved.reason === 'too-late'
          ? t('appointment.tooLate', { hours: APPLICANT_MOVE_RULES.noticeHours })
          : t('appointment.slotTaken');
      return showAppointment(platform, request, reply, token, { status: 409, text });
    }
    const next = await signAppointmentToken(platform, moved.id, moved.startsAt);
    return reply.redirect(
      portalPath(lang, `/appuntamento?t=${encodeURIComponent(next)}&esito=spostato`),
      303,
    );
  });
  scope.get('/portale/:lang/appuntamento/calendario.ics', options, async (request, reply) => {
    const { lang, t } = languageParam(request);
    const found = await icsByLink(platform, request.caller, tokenOf(request));
    if (!found.ok) return refusal(request, reply, lang, t, found.reason);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="appuntamento.ics"')
      .type('text/calendar; charset=utf-8')
      .send(found.ics);
  });
}
