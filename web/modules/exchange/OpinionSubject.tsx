import i18next from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates.ts';
import { Item } from '../cases/DetailItem.tsx';
import { countryName, sectorLabel } from '../cases/vocabulary.ts';
import type { OpinionDetail } from './requests.ts';

type Subject = OpinionDetail['subject'];
type Fields = Record<string, unknown>;

const ROLES = ['WORKER', 'EMPLOYER', 'APPLICANT', 'FAMILY_MEMBER'] as const;

function roleLabel(role: unknown): string {
  const code = String(role ?? '');
  return (ROLES as readonly string[]).includes(code)
    ? i18next.t(`exchange.subject.roles.${code as (typeof ROLES)[number]}`)
    : code;
}

/** The parties have no identifier in the subject: what tells them apart in the case. */
const keyOf = (fields: Fields, names: string[]) => names.map((name) => String(fields[name] ?? '')).join('|');

const textOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * What the body receives of the case (data minimisation): each body sees only the fields it needs, so a field
 * the server did not send is simply not shown.
 */
export function OpinionSubject({ subject }: { subject: Subject }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="parere-oggetto" className="mb-5">
      <h2 id="parere-oggetto" className="h4">
        {t('exchange.subject.heading')}
      </h2>
      {subject.highRiskCountry && <p className="alert alert-warning">{t('exchange.subject.highRisk')}</p>}
      <dl className="row">
        <Item label={t('exchange.subject.submittedOn')}>{formatDate(subject.submittedOn)}</Item>
        {subject.quota && (
          <Item label={t('exchange.subject.quota')}>
            {t('exchange.subject.quotaValue', {
              year: subject.quota.year,
              sector: sectorLabel(subject.quota.sector),
            })}
          </Item>
        )}
      </dl>
      {subject.persons.map((person) => (
        <Party
          key={keyOf(person, ['role', 'surname', 'givenName', 'passportNumber'])}
          title={`${textOf(person.surname) ?? ''} ${textOf(person.givenName) ?? ''}`}
        >
          <PersonFields person={person} />
        </Party>
      ))}
      {subject.employers.map((employer) => (
        <Party key={keyOf(employer, ['role', 'fiscalCode'])} title={textOf(employer.name) ?? ''}>
          <EmployerFields employer={employer} />
        </Party>
      ))}
    </section>
  );
}

function Party({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="mb-3">
      <h3 className="h5">{title}</h3>
      <dl className="row">{children}</dl>
    </article>
  );
}

function PersonFields({ person }: { person: Fields }) {
  const { t } = useTranslation();
  const sex = textOf(person.sex);
  return (
    <>
      <Item label={t('exchange.subject.role')}>{roleLabel(person.role)}</Item>
      <Item label={t('cases.person.citizenship')}>{countryName(textOf(person.citizenship))}</Item>
      {(sex === 'M' || sex === 'F') && (
        <Item label={t('cases.person.sex')}>{t(`cases.person.sexes.${sex}`)}</Item>
      )}
      <Optional label={t('cases.person.birthDate')} value={formatDate(textOf(person.birthDate))} />
      <Optional label={t('cases.person.birthPlace')} value={textOf(person.birthPlace)} />
      <Optional label={t('cases.person.passportNumber')} value={textOf(person.passportNumber)} />
      <Optional label={t('cases.person.fiscalCode')} value={textOf(person.fiscalCode)} />
    </>
  );
}

function EmployerFields({ employer }: { employer: Fields }) {
  const { t } = useTranslation();
  const kind = textOf(employer.kind);
  return (
    <>
      <Item label={t('exchange.subject.role')}>{roleLabel(employer.role)}</Item>
      {(kind === 'COMPANY' || kind === 'PERSON') && (
        <Item label={t('cases.employer.kind')}>{t(`cases.employer.kinds.${kind}`)}</Item>
      )}
      <Optional label={t('cases.employer.fiscalCode')} value={textOf(employer.fiscalCode)} />
      <Optional label={t('cases.employer.vatNumber')} value={textOf(employer.vatNumber)} />
      <Optional label={t('cases.employer.address')} value={textOf(employer.address)} />
    </>
  );
}

function Optional({ label, value }: { label: string; value: string | null }) {
  return value ? <Item label={label}>{value}</Item> : null;
}
