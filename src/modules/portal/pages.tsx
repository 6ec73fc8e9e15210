/** The reading pages of the portal: home, procedure sheets, offices, privacy notice, accessibility statement. */
import type { ReactNode } from 'react';
import { languageOf, type Translate } from './languages.ts';
import { Fact, longDate, portalPath } from './layout.tsx';
import { OfficesMap } from './map/offices-map.tsx';
import type { Office } from './offices.ts';
import { SHEET_SECTIONS, type SheetContent } from './sheets/contract.ts';
import type { PublicSheet } from './sheets/service.ts';

type Listed = { code: string; language: string; content: SheetContent };

/** A text of the sheets: paragraphs split by a blank line, `- ` and `1. ` lines as lists. */
export function RichText({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, index) => {
        const lines = block.split('\n').map((line) => line.trim());
        const key = `${index}`;
        if (lines.every((line) => line.startsWith('- ')))
          return (
            <ul key={key}>
              {lines.map((line) => (
                <li key={line}>{line.slice(2)}</li>
              ))}
            </ul>
          );
        if (lines.every((line) => /^\d+\.\s/.test(line)))
          return (
            <ol key={key}>
              {lines.map((line) => (
                <li key={line}>{line.replace(/^\d+\.\s/, '')}</li>
              ))}
            </ol>
          );
        return <p key={key}>{block}</p>;
      })}
    </>
  );
}

export function HomePage({ lang, t, sheets }: { lang: string; t: Translate; sheets: Listed[] }) {
  return (
    <>
      <p>{t('home.intro')}</p>
      <h2>{t('home.sheets')}</h2>
      <ul className="links">
        {sheets.map((sheet) => (
          <li key={sheet.code}>
            <a href={portalPath(lang, `/schede/${sheet.code}`)} lang={sheet.language}>
              {sheet.content.title}
            </a>
            <p className="meta" lang={sheet.language}>
              {sheet.content.summary}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('home.tools')}</h2>
      <ul className="links">
        <li>
          <a href={portalPath(lang, '/stato')}>{t('nav.status')}</a>
          <p className="meta">{t('home.statusLead')}</p>
        </li>
        <li>
          <a href={portalPath(lang, '/verifica')}>{t('nav.verify')}</a>
          <p className="meta">{t('home.verifyLead')}</p>
        </li>
        <li>
          <a href={portalPath(lang, '/uffici')}>{t('nav.offices')}</a>
        </li>
      </ul>
    </>
  );
}

export function SheetPage({ lang, t, sheet }: { lang: string; t: Translate; sheet: PublicSheet }) {
  const shownIn = languageOf(sheet.language);
  return (
    <>
      {sheet.language !== lang && <p className="card note">{t('sheet.untranslated')}</p>}
      {sheet.outOfDate && (
        <p className="card note">
          {t('sheet.outdated')} <a href={portalPath('it', `/schede/${sheet.code}`)}>{t('sheet.italian')}</a>
        </p>
      )}
      <div lang={shownIn.code} dir={shownIn.dir}>
        <p>
          <strong>{sheet.content.summary}</strong>
        </p>
        <nav aria-label={t('sheet.contents')}>
          <ul>
            {SHEET_SECTIONS.map((section) => (
              <li key={section}>
                <a href={`#${section}`}>{t(`section.${section}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
        {SHEET_SECTIONS.map((section) => (
          <section key={section} aria-labelledby={section}>
            <h2 id={section}>{t(`section.${section}`)}</h2>
            <RichText text={sheet.content[section]} />
          </section>
        ))}
        {sheet.glossary.length > 0 && (
          <section aria-labelledby="glossario">
            <h2 id="glossario">{t('sheet.glossary')}</h2>
            <dl className="facts">
              {sheet.glossary.map((entry) => (
                <Definition key={entry.termKey} term={entry.term} definition={entry.definition} />
              ))}
            </dl>
          </section>
        )}
      </div>
      {sheet.reviewedAt && (
        <p className="meta">
          {t('sheet.reviewed', { date: longDate(lang, sheet.reviewedAt.toISOString().slice(0, 10)) })}
        </p>
      )}
    </>
  );
}

function Definition({ term, definition }: { term: string; definition: string }) {
  return (
    <>
      <dt>
        <dfn>{term}</dfn>
      </dt>
      <dd>{definition}</dd>
    </>
  );
}

export function OfficesPage({
  lang,
  t,
  offices,
  territory,
}: {
  lang: string;
  t: Translate;
  offices: Office[];
  territory: ReactNode;
}) {
  return (
    <>
      <p>{t('offices.intro')}</p>
      {!offices.some((office) => office.isDesk) && (
        <p className="card note" role="status">
          {t('offices.noDesks')}
        </p>
      )}
      {offices.map((office) => (
        <section className="card" key={office.name} aria-labelledby={office.key}>
          <h2 id={office.key}>{office.name}</h2>
          <dl className="facts">
            {office.address && <Fact label={t('offices.address')}>{office.address}</Fact>}
            {office.contacts.length > 0 && (
              <Fact label={t('offices.contacts')}>
                {office.contacts.map((contact) => (
                  <span key={contact.href}>
                    <a href={contact.href} dir="ltr">
                      {contact.label}
                    </a>{' '}
                  </span>
                ))}
              </Fact>
            )}
            {office.hours.length > 0 && (
              <Fact label={t('offices.hours')}>
                <ul>
                  {office.hours.map((line) => (
                    <li key={line.weekday + line.times}>
                      {weekdayName(lang, line.weekday)}: <span dir="ltr">{line.times}</span>
                    </li>
                  ))}
                </ul>
              </Fact>
            )}
          </dl>
          {office.byAppointment && <p>{t('offices.byAppointment')}</p>}
        </section>
      ))}
      <OfficesMap t={t} offices={offices} />
      {territory}
    </>
  );
}

/** ISO weekday (1 Monday) in the language: 2026-01-05 was a Monday. */
export const weekdayName = (lang: string, weekday: number) =>
  new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + weekday, 12)),
  );

/** A page of paragraphs from the catalogue: the privacy notice, the accessibility statement. */
export function TextPage({ t, prefix, keys }: { t: Translate; prefix: string; keys: readonly string[] }) {
  return (
    <>
      {keys.map((key) => (
        <p key={key}>{t(`${prefix}.${key}`)}</p>
      ))}
    </>
  );
}

export const PRIVACY_KEYS = [
  'intro',
  'controller',
  'dpo',
  'purposes',
  'basis',
  'data',
  'recipients',
  'retention',
  'rights',
  'cookies',
];
export const ACCESSIBILITY_KEYS = ['intro', 'status', 'method', 'feedback', 'enforcement'];
