/** The offices page: the SUI's desks with address, municipality, hours and accessibility, the other offices, the map. */
import type { ReactNode } from 'react';
import { provinceMap } from '../../kernel/territory/map.ts';
import type { Translate } from './languages.ts';
import { Fact, textAttributes } from './layout.tsx';
import { OfficesMap } from './map/offices-map.tsx';
import type { Office, OfficeAccessibility } from './offices.ts';

const FEATURES = ['stepFreeAccess', 'lift', 'accessibleToilet'] as const;

const municipalityName = (code: string) =>
  provinceMap('light').shapes.find((shape) => shape.code === code)?.name ?? '';

/** Step-free access, lift and accessible toilet, each yes, no or not stated yet, and the office's note. */
function AccessibilityFacts({ t, accessibility }: { t: Translate; accessibility: OfficeAccessibility }) {
  const answer = (value: boolean | null) =>
    t(value === null ? 'offices.unknown' : value ? 'offices.yes' : 'offices.no');
  return (
    <>
      <h3>{t('offices.accessibility')}</h3>
      <dl className="facts">
        {FEATURES.map((feature) => (
          <Fact key={feature} label={t(`offices.${feature}`)}>
            {answer(accessibility[feature])}
          </Fact>
        ))}
      </dl>
      {accessibility.notes && (
        <p lang="it" dir="ltr">
          {accessibility.notes}
        </p>
      )}
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
  // the offices' names are Italian: marked as such on the pages of other languages
  const italian = lang === 'it' ? {} : textAttributes('it');
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
          <h2 id={office.key} {...italian}>
            {office.name}
          </h2>
          <dl className="facts">
            {office.address && (
              <Fact label={t('offices.address')} lang="it">
                {office.address}
              </Fact>
            )}
            <Fact label={t('offices.municipality')}>
              <span lang="it">{municipalityName(office.municipalityCode)}</span>
            </Fact>
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
            {office.source && (
              <Fact label={t('offices.source')} lang="it">
                {office.source}
              </Fact>
            )}
          </dl>
          {office.notice && <p>{t(`offices.${office.notice}`)}</p>}
          {office.accessibility && <AccessibilityFacts t={t} accessibility={office.accessibility} />}
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
