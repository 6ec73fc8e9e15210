/**
 * The public pages after an event, in every language of the portal and without scripts: the request of an
 * attendance certificate behind the link sent by e-mail (or the ticket's own), its download, and the follow-up
 * questionnaire behind its invitation's link.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LEGAL_TIME_ZONE } from '../../../../kernel/clock.ts';
import { Conflict, Invalid } from '../../../../kernel/errors.ts';
import type { LovitApp } from '../../../../kernel/http.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { intlLocale, type Translate } from '../../../portal/languages.ts';
import { Fact, portalPath } from '../../../portal/layout.tsx';
import {
  errorPage,
  languageParam,
  PUBLIC_PAGE,
  postedFromThisSite,
  registerPublicPages,
  sendPage,
} from '../../../portal/site.tsx';
import type { AnswerValue, Question } from '../../../surveys/contract.ts';
import { linkRefusal } from '../refusal.tsx';
import {
  type CertificateRequest,
  certificateRequest,
  publicCertificatePdf,
  requestCertificate,
} from './service.ts';
import { answerFollowUp, FOLLOW_UP_QUESTIONS, type Invitation, openInvitation } from './survey.ts';

/** Link attempts per client address per minute: enough for a person, too few to guess. */
const LINK = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 30, timeWindow: 60_000 } },
};

const certificatePlace = (token: string, file = '') =>
  `/biglietto/attestato${file}?t=${encodeURIComponent(token)}`;
const surveyPlace = (token: string) => `/evento/questionario?t=${encodeURIComponent(token)}`;

const tokenOf = (request: FastifyRequest) => {
  const parsed = z
    .string()
    .max(200)
    .safeParse((request.query as { t?: unknown }).t);
  return parsed.success ? parsed.data : '';
};

type Notice = { ok: boolean; text: string } | null;

function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`card ${notice.ok ? 'ok' : 'ko'}`} role={notice.ok ? 'status' : 'alert'}>
      {notice.text}
    </p>
  );
}

const dateIn = (lang: string, at: Date, withTime: boolean) =>
  new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone: LEGAL_TIME_ZONE,
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(at);

function CertificateBody({
  lang,
  t,
  token,
  request,
  notice,
}: {
  lang: string;
  t: Translate;
  token: string;
  request: CertificateRequest;
  notice: Notice;
}) {
  const { state } = request;
  return (
    <>
      <NoticeLine notice={notice} />
      <section className="card" aria-labelledby="attestato">
        <h2 id="attestato">{request.eventTitle}</h2>
        <dl className="facts">
          <Fact label={t('eventCertificate.session')} lang="it">
            {request.sessionLabel}
          </Fact>
          <Fact label={t('eventCertificate.when')}>{dateIn(lang, request.sessionStartsAt, true)}</Fact>
          {request.number && <Fact label={t('eventCertificate.number')}>{request.number}</Fact>}
        </dl>
        <p>
          {t(`eventCertificate.state.${state}`, {
            date: request.requestsUntil ? dateIn(lang, request.requestsUntil, false) : '',
          })}
        </p>
        {state === 'mayRequest' && (
          <form method="post" action={portalPath(lang, certificatePlace(token))}>
            <button type="submit">{t('eventCertificate.request')}</button>
            <p className="meta">
              <a href={portalPath(lang, '/privacy/eventi')}>{t('privacy.notice')}</a>
            </p>
          </form>
        )}
        {state === 'issued' && (
          <p>
            <a
              className="button"
              href={portalPath(lang, certificatePlace(token, '.pdf'))}
              download="attestato.pdf"
            >
              {t('eventCertificate.download')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

const SCALE = [1, 2, 3, 4, 5];
const OPTION_KEYS: Record<string, string> = { Sì: 'yes', No: 'no', 'Non so': 'dontKnow' };
const TEMPLATE_KEYS = new Set(FOLLOW_UP_QUESTIONS.map((question) => question.key));

/** A question in the reader's language when it is one of the standard ones, else as the staff wrote it. */
const labelOf = (t: Translate, question: Question) =>
  TEMPLATE_KEYS.has(question.key) ? t(`eventCertificate.survey.q.${question.key}`) : question.label;
const optionOf = (t: Translate, option: string) => {
  const key = OPTION_KEYS[option];
  return key ? t(`eventCertificate.survey.options.${key}`) : option;
};

function QuestionField({
  t,
  question,
  value,
  isMissing,
}: {
  t: Translate;
  question: Question;
  value: string | undefined;
  isMissing: boolean;
}) {
  const id = `q-${question.key}`;
  const label = `${labelOf(t, question)}${question.required ? ' *' : ''}`;
  const error = isMissing && (
    <p className="error" id={`${id}-error`}>
      {t('eventCertificate.survey.missing')}
    </p>
  );
  if (question.kind === 'SCALE' || question.kind === 'CHOICE') {
    const choices =
      question.kind === 'SCALE'
        ? SCALE.map((n) => ({ value: String(n), label: String(n) }))
        : question.options.map((option) => ({ value: option, label: optionOf(t, option) }));
    return (
      <fieldset aria-describedby={isMissing ? `${id}-error` : undefined}>
        <legend>{label}</legend>
        {question.kind === 'SCALE' && <p className="hint">{t('eventCertificate.survey.scale')}</p>}
        {error}
        {choices.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name={question.key}
              value={choice.value}
              defaultChecked={value === choice.value}
            />{' '}
            {choice.label}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <p>
      <label htmlFor={id}>{label}</label>
      {error}
      <textarea id={id} name={question.key} rows={4} maxLength={4000} defaultValue={value} />
    </p>
  );
}

function SurveyBody({
  lang,
  t,
  token,
  invitation,
  values,
  missing,
  notice,
}: {
  lang: string;
  t: Translate;
  token: string;
  invitation: Invitation;
  values: Record<string, string>;
  missing: Set<string>;
  notice: Notice;
}) {
  const mayAnswer = invitation.status === 'OPEN' && !invitation.hasAnswered;
  return (
    <>
      <NoticeLine notice={notice} />
      <section className="card" aria-labelledby="questionario">
        <h2 id="questionario" lang="it">
          {invitation.title}
        </h2>
        <p lang="it">{invitation.intro}</p>
        <p>{t('eventCertificate.survey.anonymous')}</p>
        {invitation.hasAnswered && !notice && <p>{t('eventCertificate.survey.answered')}</p>}
        {invitation.status !== 'OPEN' && !invitation.hasAnswered && (
          <p>{t('eventCertificate.survey.closed')}</p>
        )}
        {mayAnswer && (
          <form method="post" action={portalPath(lang, surveyPlace(token))}>
            {invitation.questions.map((question) => (
              <QuestionField
                key={question.key}
                t={t}
                question={question}
                value={values[question.key]}
                isMissing={missing.has(question.key)}
              />
            ))}
            <button type="submit">{t('eventCertificate.survey.send')}</button>
            <p className="meta">
              <a href={portalPath(lang, '/privacy/questionario')}>{t('privacy.notice')}</a>
            </p>
          </form>
        )}
      </section>
    </>
  );
}

/** The posted answers as the questionnaire takes them: scales as numbers, empty fields left out. */
function answersFrom(questions: readonly Question[], body: unknown) {
  const source = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    const raw = source[question.key];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    values[question.key] = raw.slice(0, 4000);
    answers[question.key] = question.kind === 'SCALE' ? Number(raw) : raw.slice(0, 4000);
  }
  return { values, answers };
}

export async function registerFollowUpPages(app: LovitApp, platform: Platform): Promise<void> {
  const refusal = (request: FastifyRequest, reply: FastifyReply, reason: 'invalid' | 'expired') =>
    linkRefusal(request, reply, reason, {
      title: 'eventCertificate.title',
      invalid: 'eventCertificate.invalidLink',
      expired: 'eventCertificate.expiredLink',
    });

  const showCertificate = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opened: Awaited<ReturnType<typeof certificateRequest>>,
    notice: Notice,
    status = 200,
  ) => {
    const { lang, t } = languageParam(request);
    if (!opened.ok) return refusal(request, reply, opened.reason);
    const token = tokenOf(request);
    return sendPage(request, reply, {
      lang,
      title: t('eventCertificate.title'),
      place: certificatePlace(token),
      status,
      body: <CertificateBody lang={lang} t={t} token={token} request={opened.request} notice={notice} />,
    });
  };

  const showSurvey = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: Record<string, string>; missing: Set<string>; notice: Notice; status: number },
  ) => {
    const { lang, t } = languageParam(request);
    const token = tokenOf(request);
    const opened = await openInvitation(platform, token);
    if (!opened.ok) return refusal(request, reply, opened.reason);
    return sendPage(request, reply, {
      lang,
      title: t('eventCertificate.survey.title'),
      place: surveyPlace(token),
      status: state.status,
      body: <SurveyBody lang={lang} t={t} token={token} invitation={opened.invitation} {...state} />,
    });
  };

  await registerPublicPages(app, (pages) => {
    pages.get('/portale/:lang/biglietto/attestato', LINK, async (request, reply) => {
      const { lang } = languageParam(request);
      return showCertificate(
        request,
        reply,
        await certificateRequest(platform, request.caller, tokenOf(request), lang),
        null,
      );
    });

    pages.post('/portale/:lang/biglietto/attestato', LINK, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const token = tokenOf(request);
      if (!postedFromThisSite(request))
        return showCertificate(
          request,
          reply,
          await certificateRequest(platform, request.caller, token, lang),
          { ok: false, text: t('eventCertificate.foreign') },
          403,
        );
      const after = await requestCertificate(platform, request.caller, token, lang);
      const issued = after.ok && after.request.state === 'issued';
      return showCertificate(
        request,
        reply,
        after,
        issued ? { ok: true, text: t('eventCertificate.issued') } : null,
        issued || !after.ok ? 200 : 409,
      );
    });

    pages.get('/portale/:lang/biglietto/attestato.pdf', LINK, async (request, reply) => {
      const found = await publicCertificatePdf(platform, request.caller, tokenOf(request));
      if (!found) return errorPage(request, reply, 404);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="attestato-${found.number}.pdf"`)
        .send(Buffer.from(found.pdf));
    });

    pages.get('/portale/:lang/evento/questionario', LINK, (request, reply) =>
      showSurvey(request, reply, { values: {}, missing: new Set(), notice: null, status: 200 }),
    );

    pages.post('/portale/:lang/evento/questionario', LINK, async (request, reply) => {
      const { t } = languageParam(request);
      const opened = await openInvitation(platform, tokenOf(request));
      if (!opened.ok) return refusal(request, reply, opened.reason);
      const { values, answers } = answersFrom(opened.invitation.questions, request.body);
      const fail = (notice: string, status: number, missing = new Set<string>()) =>
        showSurvey(request, reply, { values, missing, notice: { ok: false, text: notice }, status });
      if (!postedFromThisSite(request)) return fail(t('eventCertificate.foreign'), 403);
      try {
        await answerFollowUp(platform, opened.invitation, answers);
      } catch (error) {
        if (error instanceof Invalid)
          return fail(
            t('eventCertificate.survey.incomplete'),
            400,
            new Set((error.errors ?? []).map((problem) => problem.path.split('.').at(-1) ?? '')),
          );
        if (error instanceof Conflict) return fail(t('eventCertificate.survey.notTaken'), 409);
        throw error;
      }
      return showSurvey(request, reply, {
        values: {},
        missing: new Set(),
        notice: { ok: true, text: t('eventCertificate.survey.thanks') },
        status: 200,
      });
    });
  });
}
