import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates.ts';
import { Item } from './DetailItem.tsx';
import type { CaseDetail, Employer, Person } from './requests.ts';
import { countryName, languageName } from './vocabulary.ts';

/** Who the case is about: the persons and the employer, as registered. */
export function CaseParties({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="pratica-parti" className="mb-5">
      <h2 id="pratica-parti" className="h4">
        {t('cases.parties.heading')}
      </h2>
      {detail.parties.map((party) => (
        <article key={`${party.role}-${party.person?.id ?? party.employer?.id}`} className="mb-4">
          <h3 className="h5">{party.label}</h3>
          {party.person && <PersonDetails person={party.person} />}
          {party.employer && <EmployerDetails employer={party.employer} />}
        </article>
      ))}
    </section>
  );
}

function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <>
      {person.fiscalCodeWarnings.length > 0 && (
        <div className="alert alert-warning">
          <p className="fw-semibold mb-1">{t('cases.person.fiscalCodeWarning')}</p>
          <ul className="mb-0">
            {person.fiscalCodeWarnings.map((warning) => (
              <li key={warning}>{mismatchLabel(warning)}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="row">
        <Item label={t('cases.person.name')}>
          {person.surname} {person.givenName}
        </Item>
        <Item label={t('cases.person.sex')}>{t(`cases.person.sexes.${person.sex}`)}</Item>
        <Item label={t('cases.person.birth')}>
          {t('cases.person.bornOnIn', { date: formatDate(person.birthDate), place: person.birthPlace })}
        </Item>
        <Item label={t('cases.person.citizenship')}>
          {countryName(person.citizenship)} ({person.citizenship}
          {person.citizenshipCadastralCode ? `, ${person.citizenshipCadastralCode}` : ''})
        </Item>
        <Item label={t('cases.person.passport')}>
          {person.passport
            ? t('cases.person.passportValue', {
                number: person.passport.number,
                expiry: formatDate(person.passport.expiry),
              })
            : none}
        </Item>
        <Item label={t('cases.person.fiscalCode')}>
          {person.fiscalCode ?? none}
          {person.fiscalCodeWarnings.length > 0 && (
            <span className="d-block small fw-semibold">{t('cases.person.fiscalCodeFlagged')}</span>
          )}
        </Item>
        <Item label={t('cases.person.address')}>{person.address ?? none}</Item>
        <Item label={t('cases.person.email')}>{person.email ?? none}</Item>
        <Item label={t('cases.person.phone')}>{person.phone ?? none}</Item>
        <Item label={t('cases.person.preferredLanguage')}>
          {languageName(person.preferredLanguage) || none}
        </Item>
      </dl>
    </>
  );
}

function EmployerDetails({ employer }: { employer: Employer }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <dl className="row">
      <Item label={t('cases.employer.name')}>{employer.name}</Item>
      <Item label={t('cases.employer.kind')}>{t(`cases.employer.kinds.${employer.kind}`)}</Item>
      <Item label={t('cases.employer.fiscalCode')}>{employer.fiscalCode}</Item>
      <Item label={t('cases.employer.vatNumber')}>{employer.vatNumber ?? none}</Item>
      <Item label={t('cases.employer.address')}>{employer.address}</Item>
      <Item label={t('cases.employer.pec')}>{employer.pec ?? none}</Item>
      <Item label={t('cases.employer.email')}>{employer.email ?? none}</Item>
      <Item label={t('cases.employer.phone')}>{employer.phone ?? none}</Item>
    </dl>
  );
}

const MISMATCHES = ['fiscalCode', 'surname', 'givenName', 'birthDate', 'sex', 'birthPlaceCode'] as const;

/** The datum a fiscal code disagrees with, in words; a warning the page does not know is shown as it came. */
function mismatchLabel(warning: string): string {
  return (MISMATCHES as readonly string[]).includes(warning)
    ? i18next.t(`cases.person.mismatches.${warning as (typeof MISMATCHES)[number]}`)
    : warning;
}
