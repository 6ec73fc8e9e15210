/**
 * The public pages of events, in every language of the portal and without scripts: the list, an event's page
 * with its registration form, the answer to a registration, and the ticket behind its signed link (see it,
 * download it, confirm an offered seat, cancel).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { Conflict, NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { intlLocale, LANGUAGES, type Translate } from '../../portal/languages.ts';
import {
  Fact,
  formatNumber,
  Isolated,
  Ltr,
  portalInstitution,
  portalPath,
  textAttributes,
} from '../../portal/layout.tsx';
import {
  errorPage,
  languageParam,
  PUBLIC_PAGE,
  postedFromThisSite,
  registerPublicPages,
  sendPage,
} from '../../portal/site.tsx';
import {
  checkForm,
  type FormErrors,
  type FormQuestion,
  type FormValues,
  formValues,
  ORGANISATION_TYPES,
  questionField,
  SIGN_LANGUAGE,
} from './form.ts';
import { sessionIcs, whenOf } from './letters.ts';
import {
  eventQuestions,
  openTicket,
  type PublicEvent,
  type PublicSession,
  publicEvent,
  publicEvents,
  registrationForm,
  type Ticket,
} from './public.ts';
import { linkRefusal } from './refusal.tsx';
import { printedTicketCode } from './rules.ts';
import { cancelRegistration, changeSession, confirmOffer, register } from './seats.ts';

const PAGE = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 120, timeWindow: 60_000 } },
};
/** Registrations per client address per minute: a family or an office behind one address, not a flood. */
const REGISTER = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 20, timeWindow: 60_000 } },
};
/** Link attempts per client address per minute: enough for a person, too few to guess. */
const LINK = {
  ...PUBLIC_PAGE,
  config: { ...PUBLIC_PAGE.config, rateLimit: { max: 30, timeWindow: 60_000 } },
};

const eventPlace = (id: string) => `/eventi/${id}`;
const ticketPlace = (token: string, action = '') => `/biglietto${action}?t=${encodeURIComponent(token)}`;
/** The ticket's address right after a registration, which says how it went. */
const JUST_REGISTERED = 'nuova=1';
/** The ticket's address right after a move to another date. */
const JUST_MOVED = 'spostata=1';

/** Whether a ticket may still move to another date: alive, its date not begun, another date taking people. */
const mayMove = (ticket: Ticket, now: Date) =>
  ['CONFIRMED', 'WAITLISTED', 'OFFERED'].includes(ticket.registration.status) &&
  ticket.session.startsAt > now &&
  ticket.otherSessions.some((session) => session.isOpen && !session.requiresApproval);

function Text({ event, children }: { event: PublicEvent; children: string }) {
  return <span {...textAttributes(event.textLanguage)}>{children}</span>;
}

function SessionFacts({ lang, t, session }: { lang: string; t: Translate; session: PublicSession }) {
  return (
    <dl className="facts">
      <Fact label={t('events.when')}>{whenOf(lang, session)}</Fact>
      <Fact label={t('events.where')} lang="it">
        {session.venue}, {session.address}
      </Fact>
      <Fact label={t('events.accessibility')} lang="it">
        {session.accessibility}
      </Fact>
      <Fact label={t('events.seats')}>{seatsText(lang, t, session)}</Fact>
      {session.requiresApproval && <Fact label={t('events.invitation')}>{t('events.approval')}</Fact>}
    </dl>
  );
}

function seatsText(lang: string, t: Translate, session: PublicSession) {
  if (!session.isOpen) return t('events.closed');
  const until = new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'long',
    timeZone: 'Europe/Rome',
  }).format(new Date(session.registrationUntil.getTime() - 1));
  const seats =
    session.seatsLeft > 0
      ? t('events.seatsLeft', { count: formatNumber(lang, session.seatsLeft) })
      : t('events.full');
  const invitation = session.requiresApproval ? `${t('events.invitation')} · ` : '';
  return `${invitation}${seats} · ${t('events.registerUntil', { date: until })}`;
}

function EventCard({ lang, t, event }: { lang: string; t: Translate; event: PublicEvent }) {
  return (
    <article className="card">
      <p className="meta">{t(`events.kind.${event.kind}`)}</p>
      <h2>
        <a href={portalPath(lang, eventPlace(event.id))}>
          <Text event={event}>{event.title}</Text>
        </a>
      </h2>
      <p className="prose">
        <Text event={event}>{event.summary}</Text>
      </p>
      <ul>
        {event.sessions.map((session) => (
          <li key={session.id}>
            {whenOf(lang, session)} – <span lang="it">{session.venue}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

function ListBody({ lang, t, events }: { lang: string; t: Translate; events: PublicEvent[] }) {
  const coming = events.filter((event) => !event.isPast);
  const past = events.filter((event) => event.isPast);
  return (
    <>
      <p>{t('events.intro')}</p>
      {coming.length === 0 ? (
        <p className="card">{t('events.none')}</p>
      ) : (
        coming.map((event) => <EventCard key={event.id} lang={lang} t={t} event={event} />)
      )}
      {past.length > 0 && (
        <>
          <h2>{t('events.past')}</h2>
          {past.map((event) => (
            <EventCard key={event.id} lang={lang} t={t} event={event} />
          ))}
        </>
      )}
    </>
  );
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span className="hint error" id={`${id}-error`}>
      {text}
    </span>
  );
}

const invalid = (errors: FormErrors, key: keyof FormErrors, hint?: string) => ({
  'aria-invalid': errors[key] ? true : undefined,
  'aria-describedby': [errors[key] ? `${key}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
});

/** A line of the form with its label and, when it is at fault, the message. */
function TextField({
  name,
  label,
  values,
  errors,
  ...input
}: {
  name: 'name' | 'email' | 'organisation';
  label: string;
  values: FormValues;
  errors: FormErrors;
  type?: string;
  required?: boolean;
  maxLength: number;
  autoComplete: string;
  dir?: 'ltr';
}) {
  return (
    <>
      <label htmlFor={name}>{label}</label>
      <FieldError id={name} text={errors[name]} />
      <input id={name} name={name} defaultValue={values[name]} {...input} {...invalid(errors, name)} />
    </>
  );
}

/** The organisers' own questions, written in Italian: marked so, for the reader and the screen reader. */
function Questions({
  t,
  questions,
  values,
  errors,
}: {
  t: Translate;
  questions: FormQuestion[];
  values: FormValues;
  errors: FormErrors;
}) {
  if (questions.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('events.form.questions')}</legend>
      {questions.map((question) => {
        const field = questionField(question.id);
        const value = values.answers?.[question.id] ?? '';
        const label = (
          <span {...textAttributes('it')}>
            {question.label}
            {!question.required && ` (${t('events.form.optional')})`}
          </span>
        );
        if (question.kind === 'YES_NO')
          return (
            <fieldset key={question.id} className="choice" {...invalid(errors, field)}>
              <legend>{label}</legend>
              <FieldError id={field} text={errors[field]} />
              {(['yes', 'no'] as const).map((answer) => (
                <label className="slot" key={answer}>
                  <input
                    type="radio"
                    name={field}
                    value={answer}
                    required={question.required}
                    defaultChecked={value === answer}
                  />{' '}
                  {t(answer === 'yes' ? 'events.form.yes' : 'events.form.no')}
                </label>
              ))}
            </fieldset>
          );
        return (
          <div key={question.id}>
            <label htmlFor={field}>{label}</label>
            <FieldError id={field} text={errors[field]} />
            {question.kind === 'CHOICE' ? (
              <select
                id={field}
                name={field}
                required={question.required}
                defaultValue={value}
                {...invalid(errors, field)}
              >
                <option value="">{t('events.form.choose')}</option>
                {question.options.map((option) => (
                  <option key={option} value={option} {...textAttributes('it')}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <textarea
                id={field}
                name={field}
                maxLength={500}
                rows={2}
                required={question.required}
                defaultValue={value}
                {...invalid(errors, field)}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function RegistrationForm({
  lang,
  t,
  event,
  questions,
  values,
  errors,
  notice,
}: {
  lang: string;
  t: Translate;
  event: PublicEvent;
  questions: FormQuestion[];
  values: FormValues;
  errors: FormErrors;
  notice: string | null;
}) {
  const open = event.sessions.filter((session) => session.isOpen);
  if (open.length === 0) return <p className="card note">{t('events.closed')}</p>;
  const chosen = values.sessionId || (open.length === 1 ? open[0]?.id : undefined);
  const hasErrors = Object.keys(errors).length > 0;
  const field = { values, errors };
  return (
    <section className="card" aria-labelledby="iscrizione">
      <h2 id="iscrizione">{t('events.form.title')}</h2>
      <p>{t('events.form.intro')}</p>
      {notice && (
        <p className="card ko" role="alert">
          {notice}
        </p>
      )}
      {hasErrors && (
        <div className="card ko" role="alert">
          <p>{t('events.form.errors')}</p>
        </div>
      )}
      <form method="post" action={portalPath(lang, eventPlace(event.id))}>
        <fieldset {...invalid(errors, 'sessionId')}>
          <legend>{t('events.form.session')}</legend>
          <FieldError id="sessionId" text={errors.sessionId} />
          {open.map((session) => (
            <label className="slot" key={session.id}>
              <input
                type="radio"
                name="sessionId"
                value={session.id}
                required
                defaultChecked={session.id === chosen}
              />{' '}
              {session.label} – {whenOf(lang, session)} ({seatsText(lang, t, session)})
            </label>
          ))}
        </fieldset>
        <TextField
          name="name"
          label={t('events.form.name')}
          required
          maxLength={120}
          autoComplete="name"
          {...field}
        />
        <TextField
          name="email"
          label={t('events.form.email')}
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          dir="ltr"
          {...field}
        />
        <TextField
          name="organisation"
          label={t('events.form.organisation')}
          maxLength={200}
          autoComplete="organization"
          {...field}
        />
        <label htmlFor="organisationType">{t('events.form.organisationType')}</label>
        <FieldError id="organisationType" text={errors.organisationType} />
        <select
          id="organisationType"
          name="organisationType"
          defaultValue={values.organisationType ?? ''}
          {...invalid(errors, 'organisationType')}
        >
          <option value="">{t('events.form.none')}</option>
          {ORGANISATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`events.orgType.${type}`)}
            </option>
          ))}
        </select>
        <label htmlFor="language">{t('events.form.language')}</label>
        <FieldError id="language" text={errors.language} />
        <select
          id="language"
          name="language"
          defaultValue={values.language || lang}
          {...invalid(errors, 'language')}
        >
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code} {...textAttributes(language.code)}>
              {language.name}
            </option>
          ))}
        </select>
        <label htmlFor="interpretationLanguage">{t('events.form.interpretation')}</label>
        <FieldError id="interpretationLanguage" text={errors.interpretationLanguage} />
        <select
          id="interpretationLanguage"
          name="interpretationLanguage"
          defaultValue={values.interpretationLanguage ?? ''}
          {...invalid(errors, 'interpretationLanguage')}
        >
          <option value="">{t('events.form.noInterpretation')}</option>
          {LANGUAGES.filter((language) => language.code !== 'it').map((language) => (
            <option key={language.code} value={language.code} {...textAttributes(language.code)}>
              {language.name}
            </option>
          ))}
          <option value={SIGN_LANGUAGE}>{t('events.form.sign')}</option>
        </select>
        <label htmlFor="accessibilityNeeds">
          {t('events.form.accessibility')}
          <span className="hint" id="accessibility-hint">
            {t('events.form.accessibilityHint')}
          </span>
        </label>
        <FieldError id="accessibilityNeeds" text={errors.accessibilityNeeds} />
        <textarea
          id="accessibilityNeeds"
          name="accessibilityNeeds"
          maxLength={500}
          rows={3}
          defaultValue={values.accessibilityNeeds}
          {...invalid(errors, 'accessibilityNeeds', 'accessibility-hint')}
        />
        <Questions t={t} questions={questions} values={values} errors={errors} />
        <FieldError id="consent" text={errors.consent} />
        <label className="slot">
          <input
            type="checkbox"
            name="consent"
            value="yes"
            required
            defaultChecked={values.consent === 'yes'}
            {...invalid(errors, 'consent')}
          />{' '}
          {t('events.form.consent')} <a href={portalPath(lang, '/privacy/eventi')}>{t('privacy.notice')}</a>
        </label>
        <div>
          <button type="submit">{t('events.form.submit')}</button>
        </div>
      </form>
    </section>
  );
}

function EventBody(props: {
  lang: string;
  t: Translate;
  event: PublicEvent;
  questions: FormQuestion[];
  values: FormValues;
  errors: FormErrors;
  notice: string | null;
}) {
  const { lang, t, event } = props;
  return (
    <>
      <p className="meta">{t(`events.kind.${event.kind}`)}</p>
      {event.textLanguage !== lang && <p className="card note">{t('events.italianOnly')}</p>}
      <div {...textAttributes(event.textLanguage)}>
        <p className="prose">{event.summary}</p>
        {event.description.split(/\n\s*\n/).map((block) => (
          <p className="prose" key={block}>
            {block}
          </p>
        ))}
      </div>
      <h2>{t('events.sessions')}</h2>
      {event.sessions.map((session) => (
        <section className="card" key={session.id} aria-label={session.label}>
          <h3 lang="it">{session.label}</h3>
          <SessionFacts lang={lang} t={t} session={session} />
        </section>
      ))}
      {!event.isPast && <RegistrationForm {...props} />}
      <p>
        <a href={portalPath(lang, '/eventi')}>{t('events.title')}</a>
      </p>
    </>
  );
}

/** What the ticket's page says first, right after the registration: the seat, or the place in the waitlist. */
function RegisteredNotice({ lang, t, ticket }: { lang: string; t: Translate; ticket: Ticket }) {
  const { registration, event, session } = ticket;
  const confirmed = registration.status === 'CONFIRMED';
  if (registration.status === 'PENDING')
    return (
      <section className="card note" role="status" aria-labelledby="esito">
        <h2 id="esito">{t('events.done.pendingTitle')}</h2>
        <p>
          <Isolated
            lang={lang}
            text={t('events.done.pending', { session: session.label, email: registration.email })}
          />
        </p>
      </section>
    );
  if (!confirmed && registration.status !== 'WAITLISTED') return null;
  return (
    <section className={`card ${confirmed ? 'ok' : 'note'}`} role="status" aria-labelledby="esito">
      <h2 id="esito">{t(confirmed ? 'events.done.confirmedTitle' : 'events.done.waitlistedTitle')}</h2>
      <p>
        {confirmed ? (
          <Isolated
            lang={lang}
            text={t('events.done.confirmed', {
              event: event.title,
              session: session.label,
              email: registration.email,
            })}
          />
        ) : (
          t('events.done.waitlisted', {
            position: ticket.position === null ? '' : formatNumber(lang, ticket.position),
          })
        )}
      </p>
    </section>
  );
}

/** Cancelling cannot be undone: the page asks first. */
function CancelQuestion({
  lang,
  t,
  token,
  ticket,
}: {
  lang: string;
  t: Translate;
  token: string;
  ticket: Ticket;
}) {
  return (
    <section className="card note" aria-labelledby="domanda">
      <h2 id="domanda">
        <Text event={ticket.event}>{ticket.event.title}</Text>
      </h2>
      <p>
        {whenOf(lang, ticket.session)} – <span lang="it">{ticket.session.venue}</span>
      </p>
      <p>{t('events.ticket.cancelQuestion')}</p>
      <form method="post" action={portalPath(lang, ticketPlace(token, '/annulla'))}>
        <button type="submit">{t('events.ticket.cancelYes')}</button>
      </form>
      <p>
        <a href={portalPath(lang, ticketPlace(token))}>{t('events.ticket.cancelNo')}</a>
      </p>
    </section>
  );
}

/** The other dates of the event: those with a free seat may be chosen, the others say why not. */
function MoveQuestion({
  lang,
  t,
  token,
  ticket,
  notice,
}: {
  lang: string;
  t: Translate;
  token: string;
  ticket: Ticket;
  notice: string | null;
}) {
  const free = ticket.otherSessions.filter(
    (session) => session.isOpen && !session.requiresApproval && session.seatsLeft > 0,
  );
  return (
    <section className="card" aria-labelledby="domanda">
      <h2 id="domanda">
        <Text event={ticket.event}>{ticket.event.title}</Text>
      </h2>
      <p>
        <Isolated
          lang={lang}
          text={t('events.ticket.moveFrom', {
            session: ticket.session.label,
            when: whenOf(lang, ticket.session),
          })}
        />
      </p>
      {notice && (
        <p className="card ko" role="alert">
          {notice}
        </p>
      )}
      {free.length === 0 ? (
        <p className="card note">{t('events.ticket.moveNone')}</p>
      ) : (
        <form method="post" action={portalPath(lang, ticketPlace(token, '/cambia'))}>
          <fieldset>
            <legend>{t('events.ticket.moveTo')}</legend>
            {free.map((session, index) => (
              <label className="slot" key={session.id}>
                <input
                  type="radio"
                  name="sessionId"
                  value={session.id}
                  required
                  defaultChecked={index === 0}
                />{' '}
                <span {...textAttributes('it')}>{session.label}</span> – {whenOf(lang, session)} –{' '}
                <span {...textAttributes('it')}>{session.venue}</span> ({seatsText(lang, t, session)})
              </label>
            ))}
          </fieldset>
          <p>{t('events.ticket.moveNote')}</p>
          <button type="submit">{t('events.ticket.moveYes')}</button>
          <p className="meta">
            <a href={portalPath(lang, '/privacy/eventi')}>{t('privacy.notice')}</a>
          </p>
        </form>
      )}
      <p>
        <a href={portalPath(lang, ticketPlace(token))}>{t('events.ticket.cancelNo')}</a>
      </p>
    </section>
  );
}

function statusText(lang: string, t: Translate, ticket: Ticket) {
  const { registration } = ticket;
  const date = registration.offerExpiresAt
    ? new Intl.DateTimeFormat(intlLocale(lang), {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'Europe/Rome',
      }).format(registration.offerExpiresAt)
    : '';
  return t(`events.ticket.state.${registration.status}`, {
    position: ticket.position === null ? '' : formatNumber(lang, ticket.position),
    date,
  });
}

function TicketBody({
  lang,
  t,
  token,
  ticket,
  qr,
  notice,
  now,
}: {
  lang: string;
  t: Translate;
  token: string;
  ticket: Ticket;
  qr: string;
  notice: { ok: boolean; text: string } | null;
  now: Date;
}) {
  const { registration, event, session } = ticket;
  const status = registration.status;
  const live =
    status === 'CONFIRMED' || status === 'OFFERED' || status === 'WAITLISTED' || status === 'PENDING';
  return (
    <>
      {notice && (
        <p className={`card ${notice.ok ? 'ok' : 'ko'}`} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <section className="card" aria-labelledby="biglietto">
        <h2 id="biglietto">
          <Text event={event}>{event.title}</Text>
        </h2>
        <dl className="facts">
          <Fact label={t('events.ticket.status')}>{statusText(lang, t, ticket)}</Fact>
          <Fact label={t('events.ticket.name')}>
            <Isolated lang={lang} text={registration.name} />
          </Fact>
          <Fact label={t('events.when')}>{whenOf(lang, session)}</Fact>
          <Fact label={t('events.where')} lang="it">
            {session.label} – {session.venue}, {session.address}
          </Fact>
          {status === 'CONFIRMED' && (
            <Fact label={t('events.ticket.code')}>
              <Ltr>
                <strong className="code">{printedTicketCode(registration.ticketCode)}</strong>
              </Ltr>
            </Fact>
          )}
        </dl>
        {status === 'CONFIRMED' && (
          <>
            <p>{t('events.ticket.show')}</p>
            <figure className="qr">
              {/* The QR code is drawn by the library from the ticket code alone: no markup of anyone's. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG generated from the ticket code */}
              <div role="img" aria-label={t('events.ticket.qr')} dangerouslySetInnerHTML={{ __html: qr }} />
            </figure>
            <p>
              <a
                className="button"
                href={portalPath(lang, ticketPlace(token, '/biglietto.pdf'))}
                download="biglietto.pdf"
              >
                {t('events.ticket.pdf')}
              </a>{' '}
              <a
                className="button secondary"
                href={portalPath(lang, ticketPlace(token, '/evento.ics'))}
                download="evento.ics"
              >
                {t('events.ticket.ics')}
              </a>
            </p>
          </>
        )}
        {status === 'OFFERED' && (
          <form method="post" action={portalPath(lang, ticketPlace(token, '/conferma'))}>
            <button type="submit">{t('events.ticket.confirm')}</button>
          </form>
        )}
      </section>
      {status === 'CONFIRMED' && session.endsAt <= now && (
        <section className="card" aria-labelledby="attestato">
          <h2 id="attestato">{t('eventCertificate.title')}</h2>
          <p>
            <a className="button" href={portalPath(lang, ticketPlace(token, '/attestato'))}>
              {t('eventCertificate.request')}
            </a>
          </p>
        </section>
      )}
      {mayMove(ticket, now) && (
        <section className="card" aria-labelledby="cambia">
          <h2 id="cambia">{t('events.ticket.move')}</h2>
          <p>{t('events.ticket.moveHint')}</p>
          <p>
            <a className="button secondary" href={portalPath(lang, ticketPlace(token, '/cambia'))}>
              {t('events.ticket.move')}
            </a>
          </p>
        </section>
      )}
      {live && (
        <section className="card" aria-labelledby="annulla">
          <h2 id="annulla">{t('events.ticket.cancel')}</h2>
          <p>{t('events.ticket.cancelHint')}</p>
          <p>
            <a className="button secondary" href={portalPath(lang, ticketPlace(token, '/annulla'))}>
              {t('events.ticket.cancel')}
            </a>
          </p>
        </section>
      )}
      <p>
        <a href={portalPath(lang, eventPlace(event.id))}>
          <Text event={event}>{event.title}</Text>
        </a>
      </p>
    </>
  );
}

const tokenOf = (request: FastifyRequest) => {
  const parsed = z
    .string()
    .max(200)
    .safeParse((request.query as { t?: unknown }).t);
  return parsed.success ? parsed.data : '';
};

const eventId = z.uuid();

/** The ticket as a PDF to print or keep on the phone, in Italian (the standard fonts cannot draw every script). */
async function ticketPdf(ticket: Ticket, now: Date): Promise<Uint8Array> {
  const { registration, event, session } = ticket;
  return renderOfficialDocument({
    issuer: [portalInstitution().name, 'Progetto LO.V.I.T. – FAMI'],
    title: 'Biglietto',
    subtitle: ticket.italianTitle,
    sections: [
      {
        rows: [
          ['Evento', ticket.italianTitle],
          ['Data', `${session.label} – ${whenOf('it', session)}`],
          ['Luogo', `${session.venue}, ${session.address}`],
          ['Nome', registration.name],
        ],
      },
    ],
    admission: {
      label: 'Codice del biglietto',
      code: printedTicketCode(registration.ticketCode),
      note: 'Mostrare all’ingresso, stampato o sul telefono. Il biglietto vale per la data indicata.',
    },
    footer: 'Progetto cofinanziato dall’Unione europea – Fondo Asilo, Migrazione e Integrazione (FAMI)',
    metadata: { title: 'Biglietto', subject: event.title, author: portalInstitution().name, createdAt: now },
  });
}

export async function registerEventPages(app: LovitApp, platform: Platform): Promise<void> {
  const showEvent = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: FormValues; errors: FormErrors; notice: string | null; status: number },
  ) => {
    const { lang, t } = languageParam(request);
    const id = eventId.safeParse((request.params as { id: string }).id);
    const [event, questions] = id.success
      ? await Promise.all([publicEvent(platform, id.data, lang), eventQuestions(platform, id.data)])
      : [null, []];
    if (!event) throw new NotFound();
    return sendPage(request, reply, {
      lang,
      title: event.title,
      titleLang: event.textLanguage === lang ? undefined : event.textLanguage,
      description: event.summary,
      place: eventPlace(event.id),
      status: state.status,
      breadcrumbs: [{ label: t('events.title'), href: portalPath(lang, '/eventi') }, { label: event.title }],
      body: <EventBody lang={lang} t={t} event={event} questions={questions} {...state} />,
    });
  };

  const refusal = (request: FastifyRequest, reply: FastifyReply, reason: 'invalid' | 'expired') =>
    linkRefusal(request, reply, reason, {
      title: 'events.ticket.title',
      invalid: 'events.ticket.invalidLink',
      expired: 'events.ticket.expiredLink',
    });

  const showTicket = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    notice: { ok: boolean; text: string } | null,
    status = 200,
    justRegistered = false,
  ) => {
    const { lang, t } = languageParam(request);
    const opened = await openTicket(platform, request.caller, token, lang);
    if (!opened.ok) return refusal(request, reply, opened.reason);
    const qr = await QRCode.toString(printedTicketCode(opened.ticket.registration.ticketCode), {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    return sendPage(request, reply, {
      lang,
      title: t('events.ticket.title'),
      description: opened.ticket.event.summary,
      place: ticketPlace(token),
      status,
      body: (
        <>
          {justRegistered && <RegisteredNotice lang={lang} t={t} ticket={opened.ticket} />}
          <TicketBody
            lang={lang}
            t={t}
            token={token}
            ticket={opened.ticket}
            qr={qr}
            notice={notice}
            now={platform.clock.now()}
          />
        </>
      ),
    });
  };

  await registerPublicPages(app, (pages) => {
    pages.get('/portale/:lang/eventi', PAGE, async (request, reply) => {
      const { lang, t } = languageParam(request);
      return sendPage(request, reply, {
        lang,
        title: t('events.title'),
        description: t('events.intro'),
        place: '/eventi',
        body: <ListBody lang={lang} t={t} events={await publicEvents(platform, lang)} />,
      });
    });

    pages.get('/portale/:lang/eventi/:id', PAGE, (request, reply) =>
      showEvent(request, reply, { values: {}, errors: {}, notice: null, status: 200 }),
    );

    pages.post('/portale/:lang/eventi/:id', REGISTER, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const id = eventId.safeParse((request.params as { id: string }).id);
      // The seats are counted once, by the registration itself: the form needs only the sessions' ids.
      const { sessionIds, questions } = id.success
        ? await registrationForm(platform, id.data)
        : { sessionIds: [], questions: [] };
      const values = formValues(request.body, questions);
      if (!postedFromThisSite(request))
        return showEvent(request, reply, {
          values,
          errors: {},
          notice: t('events.error.foreign'),
          status: 403,
        });
      if (!id.success || sessionIds.length === 0) throw new NotFound();
      const checked = checkForm(values, sessionIds, questions, t);
      if (!checked.ok)
        return showEvent(request, reply, { values, errors: checked.errors, notice: null, status: 400 });
      const outcome = await register(platform, request.caller, checked.registration);
      if (outcome.kind === 'refused') {
        const notice = t(outcome.reason === 'duplicate' ? 'events.error.duplicate' : 'events.error.closed');
        return showEvent(request, reply, { values, errors: {}, notice, status: 409 });
      }
      // Post, then redirect to the ticket: reloading the page does not register again.
      return reply.redirect(portalPath(lang, `${ticketPlace(outcome.token)}&${JUST_REGISTERED}`), 303);
    });

    pages.get('/portale/:lang/biglietto', LINK, (request, reply) => {
      const query = request.query as { nuova?: unknown; spostata?: unknown };
      const moved = query.spostata === '1';
      const { t } = languageParam(request);
      return showTicket(
        request,
        reply,
        tokenOf(request),
        moved ? { ok: true, text: t('events.ticket.moved') } : null,
        200,
        query.nuova === '1',
      );
    });

    const act = (
      path: string,
      action: (registrationId: string, request: FastifyRequest) => Promise<{ done: boolean; key: string }>,
    ) =>
      pages.post(`/portale/:lang/biglietto/${path}`, LINK, async (request, reply) => {
        const { lang, t } = languageParam(request);
        const token = tokenOf(request);
        if (!postedFromThisSite(request))
          return showTicket(request, reply, token, { ok: false, text: t('events.error.foreign') }, 403);
        const opened = await openTicket(platform, request.caller, token, lang);
        if (!opened.ok) return refusal(request, reply, opened.reason);
        try {
          if (path === 'conferma' && !['OFFERED', 'CONFIRMED'].includes(opened.ticket.registration.status))
            return showTicket(request, reply, token, { ok: false, text: t('events.ticket.notOffered') }, 409);
          const { done, key } = await action(opened.ticket.registration.id, request);
          return showTicket(request, reply, token, { ok: done, text: t(key) }, done ? 200 : 409);
        } catch (error) {
          if (!(error instanceof Conflict)) throw error;
          return showTicket(request, reply, token, { ok: false, text: t('events.ticket.lapsed') }, 409);
        }
      });
    pages.get('/portale/:lang/biglietto/annulla', LINK, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const token = tokenOf(request);
      const opened = await openTicket(platform, request.caller, token, lang);
      if (!opened.ok) return refusal(request, reply, opened.reason);
      return sendPage(request, reply, {
        lang,
        title: t('events.ticket.cancel'),
        description: opened.ticket.event.summary,
        place: ticketPlace(token, '/annulla'),
        body: <CancelQuestion lang={lang} t={t} token={token} ticket={opened.ticket} />,
      });
    });
    act('annulla', async (id, request) =>
      (await cancelRegistration(platform, request.caller, id))
        ? { done: true, key: 'events.ticket.cancelled' }
        : { done: false, key: 'events.ticket.notLive' },
    );
    const showMove = async (
      request: FastifyRequest,
      reply: FastifyReply,
      notice: string | null,
      status = 200,
    ) => {
      const { lang, t } = languageParam(request);
      const token = tokenOf(request);
      const opened = await openTicket(platform, request.caller, token, lang);
      if (!opened.ok) return refusal(request, reply, opened.reason);
      if (!mayMove(opened.ticket, platform.clock.now()))
        return showTicket(
          request,
          reply,
          token,
          { ok: false, text: notice ?? t('events.ticket.moveNone') },
          409,
        );
      return sendPage(request, reply, {
        lang,
        title: t('events.ticket.move'),
        description: opened.ticket.event.summary,
        place: ticketPlace(token, '/cambia'),
        status,
        body: <MoveQuestion lang={lang} t={t} token={token} ticket={opened.ticket} notice={notice} />,
      });
    };
    pages.get('/portale/:lang/biglietto/cambia', LINK, (request, reply) => showMove(request, reply, null));
    pages.post('/portale/:lang/biglietto/cambia', LINK, async (request, reply) => {
      const { lang, t } = languageParam(request);
      const token = tokenOf(request);
      if (!postedFromThisSite(request)) return showMove(request, reply, t('events.error.foreign'), 403);
      const opened = await openTicket(platform, request.caller, token, lang);
      if (!opened.ok) return refusal(request, reply, opened.reason);
      const chosen = eventId.safeParse(formValues(request.body).sessionId);
      if (!chosen.success) return showMove(request, reply, t('events.error.choice'), 400);
      const outcome = await changeSession(
        platform,
        request.caller,
        opened.ticket.registration.id,
        chosen.data,
      );
      if (outcome.kind === 'refused')
        return showMove(request, reply, t(`events.ticket.moveRefused.${outcome.reason}`), 409);
      // Post, then redirect to the ticket of the new date: reloading the page moves nothing again.
      return reply.redirect(portalPath(lang, `${ticketPlace(outcome.token)}&${JUST_MOVED}`), 303);
    });
    act('conferma', async (id, request) => {
      await confirmOffer(platform, request.caller, id);
      return { done: true, key: 'events.ticket.confirmedNow' };
    });

    pages.get('/portale/:lang/biglietto/biglietto.pdf', LINK, async (request, reply) => {
      const { lang } = languageParam(request);
      const opened = await openTicket(platform, request.caller, tokenOf(request), lang);
      if (!opened.ok) return refusal(request, reply, opened.reason);
      if (opened.ticket.registration.status !== 'CONFIRMED') return errorPage(request, reply, 404);
      const pdf = await ticketPdf(opened.ticket, platform.clock.now());
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="biglietto.pdf"')
        .send(Buffer.from(pdf));
    });

    pages.get('/portale/:lang/biglietto/evento.ics', LINK, async (request, reply) => {
      const { lang } = languageParam(request);
      const opened = await openTicket(platform, request.caller, tokenOf(request), lang);
      if (!opened.ok) return refusal(request, reply, opened.reason);
      const { event, session, registration } = opened.ticket;
      if (registration.status !== 'CONFIRMED') return errorPage(request, reply, 404);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="evento.ics"')
        .send(sessionIcs(event.title, session, platform.clock.now()));
    });
  });
}
