/** The pages with a form: case status, appointment, document verification. Forms work without scripts. */
import { Fragment } from 'react';
import type { Translate } from '../../portal/languages.ts';
import { longDate, portalPath } from '../../portal/layout.tsx';
import type { PublicClock } from './rules.ts';
import type { PublicCaseStatus } from './store.ts';

export type StatusFormValues = { number?: string; birthDate?: string };

export function StatusForm({ lang, t, values }: { lang: string; t: Translate; values: StatusFormValues }) {
  return (
    <form method="post" action={portalPath(lang, '/stato')}>
      <label htmlFor="number">
        {t('status.caseNumber')}
        <span className="hint" id="number-hint">
          {t('status.caseNumberHint')}
        </span>
      </label>
      <input
        id="number"
        name="number"
        required
        maxLength={20}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        aria-describedby="number-hint"
        defaultValue={values.number}
      />
      <label htmlFor="passport">{t('status.passport')}</label>
      <input
        id="passport"
        name="passport"
        required
        maxLength={20}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
      />
      <label htmlFor="birthDate">{t('status.birthDate')}</label>
      <input
        id="birthDate"
        name="birthDate"
        type="date"
        required
        autoComplete="bday"
        defaultValue={values.birthDate}
      />
      <div>
        <button type="submit">{t('status.submit')}</button>
      </div>
      <p className="meta">
        <a href={portalPath(lang, '/privacy/stato')}>{t('privacy.notice')}</a>
      </p>
    </form>
  );
}

/** What the time limit is doing, in the applicant's words: the reading comes with its own date, if any. */
function clockText(lang: string, t: Translate, clock: PublicClock): string {
  switch (clock.kind) {
    case 'RUNNING':
    case 'LATE':
      return t(`status.clock.${clock.kind}`, { date: longDate(lang, clock.dueOn.toString()) });
    case 'AWAITING_DOCUMENTS':
    case 'STOPPED':
      return t(`status.clock.${clock.kind}`, { date: longDate(lang, clock.restartsBy.toString()) });
    case 'AWAITING_OBSERVATIONS':
    case 'CLOSED':
      return t(`status.clock.${clock.kind}`);
  }
}

export function StatusResult({ lang, t, status }: { lang: string; t: Translate; status: PublicCaseStatus }) {
  const { wording } = status;
  const documentName = (code: string, label: string) => {
    const text = t(`document.${code}`);
    return text === `document.${code}` ? label : text;
  };
  return (
    <>
      <section className="card ok" aria-labelledby="esito">
        <h2 id="esito">
          {t('status.caseLabel')} <bdi>{status.number}</bdi>
        </h2>
        <h3>{t('status.state')}</h3>
        <p>{t(`state.${wording.state}`)}</p>
        <h3>{t('status.next')}</h3>
        <p>{t(`next.${wording.state}`)}</p>
        {status.missingDocuments.length > 0 && (
          <>
            <h3>{t('status.missing')}</h3>
            <ul>
              {status.missingDocuments.map((document) => (
                <li key={document.code}>{documentName(document.code, document.label)}</li>
              ))}
            </ul>
          </>
        )}
        <h3>{t('status.term')}</h3>
        <p>{clockText(lang, t, wording.clock)}</p>
      </section>
      <p>
        <a href={portalPath(lang, '/stato')}>{t('status.another')}</a>
      </p>
    </>
  );
}

export type AppointmentShown = {
  token: string;
  startsAt: Date;
  endsAt: Date;
  deskName: string;
  place: string;
  purpose: string;
  caseNumber: string | null;
  documentsToBring: readonly string[];
  confirmed: boolean;
  movable: boolean;
  /** The last day the appointment may move to. */
  until: string;
  /** Every free slot it may move to, one list per day. */
  days: Date[][];
  notice: string | null;
};

export const momentIn = (lang: string, instant: Date) =>
  new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Rome',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);

const ROME = 'Europe/Rome';
const dayIn = (lang: string, instant: Date) =>
  new Intl.DateTimeFormat(lang, { timeZone: ROME, weekday: 'long', day: 'numeric', month: 'long' }).format(
    instant,
  );
const timeIn = (lang: string, instant: Date) =>
  new Intl.DateTimeFormat(lang, { timeZone: ROME, hour: '2-digit', minute: '2-digit' }).format(instant);

/** Every free slot, one group per day under its heading, to choose with radio buttons: no script needed. */
function FreeSlots({ lang, t, a }: { lang: string; t: Translate; a: AppointmentShown }) {
  return (
    <form
      method="post"
      action={`${portalPath(lang, '/appuntamento')}/sposta?t=${encodeURIComponent(a.token)}`}
    >
      <fieldset className="slots">
        <legend>{t('appointment.moveIntro')}</legend>
        <p className="hint">{t('appointment.freeUntil', { date: longDate(lang, a.until) })}</p>
        {a.days.map((slots) => {
          const first = slots[0] as Date;
          return (
            <fieldset key={first.toISOString()}>
              <legend>
                <h3>{dayIn(lang, first)}</h3>
              </legend>
              <div className="times">
                {slots.map((slot) => (
                  <label className="slot" key={slot.toISOString()}>
                    <input type="radio" name="startsAt" value={slot.toISOString()} required />
                    {timeIn(lang, slot)}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </fieldset>
      <button type="submit">{t('appointment.moveSubmit')}</button>
      <p className="meta">
        <a href={portalPath(lang, '/privacy/appuntamento')}>{t('privacy.notice')}</a>
      </p>
    </form>
  );
}

export function AppointmentView({
  lang,
  t,
  a,
  hours,
}: {
  lang: string;
  t: Translate;
  a: AppointmentShown;
  hours: number;
}) {
  const query = `?t=${encodeURIComponent(a.token)}`;
  const base = portalPath(lang, '/appuntamento');
  return (
    <>
      {a.notice && (
        <p className="card note" role="status">
          {a.notice}
        </p>
      )}
      <section className="card" aria-labelledby="dettagli">
        <h2 id="dettagli">{t(`purpose.${a.purpose}`)}</h2>
        <dl className="facts">
          <dt>{t('appointment.when')}</dt>
          <dd>{momentIn(lang, a.startsAt)}</dd>
          <dt>{t('appointment.where')}</dt>
          <dd lang="it">
            {a.deskName}, {a.place}
          </dd>
          {a.caseNumber && (
            <>
              <dt>{t('appointment.case')}</dt>
              <dd dir="ltr">{a.caseNumber}</dd>
            </>
          )}
        </dl>
        {a.documentsToBring.length > 0 && (
          <>
            <h3>{t('appointment.bring')}</h3>
            <ul lang="it">
              {a.documentsToBring.map((document) => (
                <li key={document}>{document}</li>
              ))}
            </ul>
          </>
        )}
        {a.confirmed ? (
          <p>
            <strong>{t('appointment.confirmed')}</strong>
          </p>
        ) : (
          <form method="post" action={`${base}/conferma${query}`}>
            <button type="submit">{t('appointment.confirm')}</button>
            <p className="meta">
              <a href={portalPath(lang, '/privacy/appuntamento')}>{t('privacy.notice')}</a>
            </p>
          </form>
        )}
        <p>
          <a className="button secondary" href={`${base}/calendario.ics${query}`} download="appuntamento.ics">
            {t('appointment.calendar')}
          </a>
        </p>
      </section>
      <section aria-labelledby="sposta">
        <h2 id="sposta">{t('appointment.move')}</h2>
        {!a.movable ? (
          <p>{t('appointment.tooLate', { hours })}</p>
        ) : a.days.length === 0 ? (
          <p>{t('appointment.noSlots')}</p>
        ) : (
          <FreeSlots lang={lang} t={t} a={a} />
        )}
      </section>
    </>
  );
}

export type VerificationShown =
  | { valid: false; code: string }
  | { valid: true; revoked: boolean; rows: [string, string][] };

export function VerifyForm({ lang, t }: { lang: string; t: Translate }) {
  return (
    <form method="get" action={portalPath(lang, '/verifica')}>
      <label htmlFor="codice">{t('verify.code')}</label>
      <input
        id="codice"
        name="codice"
        required
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        placeholder="XXXX-XXXX-XXXX-XXXX"
      />
      <div>
        <button type="submit">{t('verify.submit')}</button>
      </div>
      <p className="meta">
        <a href={portalPath(lang, '/privacy/verifica')}>{t('privacy.notice')}</a>
      </p>
    </form>
  );
}

export function VerifyResult({ lang, t, result }: { lang: string; t: Translate; result: VerificationShown }) {
  if (!result.valid)
    return (
      <>
        <section className="card ko" role="alert" aria-labelledby="esito">
          <h2 id="esito">{t('verify.notFound')}</h2>
          <p>{t('verify.notFoundText')}</p>
        </section>
        <VerifyForm lang={lang} t={t} />
      </>
    );
  return (
    <section className={result.revoked ? 'card ko' : 'card ok'} role="status" aria-labelledby="esito">
      <h2 id="esito">{t(result.revoked ? 'verify.revoked' : 'verify.authentic')}</h2>
      <p>{t(result.revoked ? 'verify.revokedText' : 'verify.authenticText')}</p>
      <dl className="facts">
        {result.rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd lang="it">{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
