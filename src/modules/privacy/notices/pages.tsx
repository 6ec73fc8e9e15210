/**
 * The notices as pages of the portal's one layout: the index (what any visit to the site involves, then a
 * notice per form) and each form's notice, with the same sections in the same order in every language.
 */
import type { ReactNode } from 'react';
import { intlLocale } from '../../portal/languages.ts';
import { Fact, Isolated, Ltr, portalPath } from '../../portal/layout.tsx';
import type { NoticeText } from './catalogue.ts';
import { NOTICE_FORMS, periodInWords, restsOnConsent } from './rules.ts';
import type { Controller, Notice } from './service.ts';

const GARANTE = 'https://www.garanteprivacy.it';

type Page = { lang: string; n: NoticeText };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A paragraph of the notice: on right-to-left pages its Latin-script words (GDPR, FAMI) read as written. */
const Para = ({ lang, text }: { lang: string; text: string }) => (
  <p>
    <Isolated lang={lang} text={text} />
  </p>
);

const MailTo = ({ email }: { email: string }) => (
  <a href={`mailto:${email}`}>
    <Ltr>{email}</Ltr>
  </a>
);

function ControllerSection({
  n,
  controller,
  dpoEmail,
}: {
  n: NoticeText;
  controller: Controller;
  dpoEmail: string;
}) {
  return (
    <Section id="titolare" title={n('heading.controller')}>
      <dl className="facts">
        <Fact label={n('controller')} lang="it">
          {controller.name}
        </Fact>
        {controller.address && (
          <Fact label={n('address')} lang="it">
            {controller.address}
          </Fact>
        )}
        {controller.email && (
          <Fact label={n('email')}>
            <MailTo email={controller.email} />
          </Fact>
        )}
        <Fact label={n('dpo')}>
          <MailTo email={dpoEmail} />
        </Fact>
      </dl>
    </Section>
  );
}

function RightsSections({ lang, n, withdraw }: Page & { withdraw: boolean }) {
  return (
    <>
      <Section id="diritti" title={n('heading.rights')}>
        <Para lang={lang} text={n('rights')} />
        {withdraw && <Para lang={lang} text={n('withdraw')} />}
        <Para lang={lang} text={n('exercise')} />
      </Section>
      <Section id="reclamo" title={n('heading.complaint')}>
        <p>
          <Isolated lang={lang} text={n('complaint')} />{' '}
          <a href={GARANTE} lang="it" dir="ltr">
            garanteprivacy.it
          </a>
        </p>
      </Section>
    </>
  );
}

export function NoticeBody({ lang, n, notice }: Page & { notice: Notice }) {
  const { form } = notice;
  const text = (field: string, values?: Record<string, string>) => n(`forms.${form.slug}.${field}`, values);
  const period = (months: number | null) =>
    months === null ? n('unknownPeriod') : periodInWords(intlLocale(lang), months);
  return (
    <>
      <Para lang={lang} text={n('intro', { form: text('name') })} />
      <ControllerSection n={n} controller={notice.controller} dpoEmail={notice.dpoEmail} />
      <Section id="dati" title={n('heading.data')}>
        <Para lang={lang} text={text('data')} />
        <Para lang={lang} text={text('required')} />
      </Section>
      <Section id="finalita" title={n('heading.purpose')}>
        <Para lang={lang} text={text('purpose')} />
      </Section>
      <Section id="base" title={n('heading.basis')}>
        {form.bases.map((basis) => (
          <Para key={basis} lang={lang} text={n(`basis.${basis}`)} />
        ))}
      </Section>
      <Section id="destinatari" title={n('heading.recipients')}>
        <Para lang={lang} text={text('recipients')} />
        <Para lang={lang} text={n('transfer')} />
      </Section>
      <Section id="conservazione" title={n('heading.retention')}>
        <ul>
          {notice.keptFor.map((kept) => (
            <li key={kept.text}>
              <Isolated lang={lang} text={text(`keep.${kept.text}`, { period: period(kept.months) })} />
            </li>
          ))}
        </ul>
      </Section>
      <RightsSections lang={lang} n={n} withdraw={restsOnConsent(form)} />
      <p>
        <a href={portalPath(lang, '/privacy')}>{n('all')}</a>
      </p>
    </>
  );
}

export function IndexBody({
  lang,
  n,
  controller,
  dpoEmail,
}: Page & { controller: Controller; dpoEmail: string }) {
  return (
    <>
      <Para lang={lang} text={n('index.intro')} />
      <Section id="moduli" title={n('index.forms')}>
        <ul>
          {NOTICE_FORMS.map((form) => (
            <li key={form.slug}>
              <a href={portalPath(lang, `/privacy/${form.slug}`)}>{n(`forms.${form.slug}.name`)}</a>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="navigazione" title={n('index.browsing')}>
        <Para lang={lang} text={n('index.browsingText')} />
        <Para lang={lang} text={n('transfer')} />
      </Section>
      <ControllerSection n={n} controller={controller} dpoEmail={dpoEmail} />
      <RightsSections lang={lang} n={n} withdraw={false} />
    </>
  );
}
