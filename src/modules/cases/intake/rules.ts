/**
 * Checks a submission against its case type before anything is written: parties, fiscal codes, passports,
 * quota sector. Pure: the definition and today come in; every problem names the field at fault.
 */
import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../../kernel/errors.ts';
import type { EmployerInput, IntakeInput, PersonInput } from '../contract.ts';
import type { CaseTypeVersion } from '../law/definitions.ts';
import {
  checkFiscalCodeMatches,
  isValidOrganisationFiscalCode,
  isValidVatNumber,
  parseFiscalCode,
} from './fiscal-codes.ts';

type PlainDate = Temporal.PlainDate;

export type CheckedPerson = PersonInput & { fiscalCodeWarnings: string[] };
export type CheckedParty =
  | { role: string; person: CheckedPerson; employer?: undefined }
  | { role: string; employer: EmployerInput; person?: undefined };

export type CheckedSubmission = { parties: CheckedParty[]; title: string; language: string | null };

const day = (value: string) => Temporal.PlainDate.from(value);

function checkPerson(
  person: PersonInput,
  path: string,
  today: PlainDate,
  errors: FieldError[],
): CheckedPerson {
  const warnings: string[] = [];
  // ISO dates compare as text: no date objects on the click-day path
  const todayText = today.toString();
  if (person.birthDate > todayText)
    errors.push({ path: `${path}.birthDate`, message: 'la data di nascita è nel futuro' });
  if (!person.passport && !person.fiscalCode)
    errors.push({ path: `${path}.passport`, message: 'indicare il passaporto o il codice fiscale' });
  if (person.passport && person.passport.expiry < todayText)
    errors.push({
      path: `${path}.passport.expiry`,
      message: `il passaporto è scaduto il ${day(person.passport.expiry).toLocaleString('it-IT')}`,
    });
  if (person.fiscalCode) {
    const parsed = parseFiscalCode(person.fiscalCode, today);
    if (!parsed.valid) errors.push({ path: `${path}.fiscalCode`, message: parsed.message });
    else
      warnings.push(
        ...checkFiscalCodeMatches(
          person.fiscalCode,
          {
            surname: person.surname,
            givenName: person.givenName,
            birthDate: day(person.birthDate),
            sex: person.sex,
          },
          today,
        ),
      );
  }
  return { ...person, fiscalCodeWarnings: warnings };
}

function checkEmployer(employer: EmployerInput, path: string, today: PlainDate, errors: FieldError[]) {
  if (employer.kind === 'COMPANY' && !isValidOrganisationFiscalCode(employer.fiscalCode))
    errors.push({
      path: `${path}.fiscalCode`,
      message: 'codice fiscale dell’impresa non valido (11 cifre con cifra di controllo)',
    });
  if (employer.kind === 'PERSON') {
    const parsed = parseFiscalCode(employer.fiscalCode, today);
    if (!parsed.valid) errors.push({ path: `${path}.fiscalCode`, message: parsed.message });
  }
  if (employer.vatNumber && !isValidVatNumber(employer.vatNumber))
    errors.push({
      path: `${path}.vatNumber`,
      message: 'partita IVA non valida (11 cifre con cifra di controllo)',
    });
}

/** Checks a submission against the type in force; returns the parties ready to register, or the errors. */
export function checkSubmission(
  input: IntakeInput,
  definition: CaseTypeVersion,
  today: PlainDate,
): { ok: true; value: CheckedSubmission } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (definition.quota) {
    if (!input.quotaSector)
      errors.push({
        path: 'quotaSector',
        message: `obbligatorio per questo tipo di pratica: ${definition.quota.sectors.join(', ')}`,
      });
    else if (!definition.quota.sectors.includes(input.quotaSector))
      errors.push({
        path: 'quotaSector',
        message: `settore non previsto: ammessi ${definition.quota.sectors.join(', ')}`,
      });
  } else if (input.quotaSector) {
    errors.push({ path: 'quotaSector', message: 'questo tipo di pratica è fuori quota' });
  }
  const seen = new Set<string>();
  const parties = input.parties.flatMap<CheckedParty>((party, index) => {
    const path = `parties.${index}`;
    const role = definition.parties.find((candidate) => candidate.role === party.role);
    if (!role) {
      const roles = definition.parties.map((candidate) => candidate.role).join(', ');
      errors.push({
        path: `${path}.role`,
        message: `ruolo non previsto per ${definition.name}: ammessi ${roles}`,
      });
      return [];
    }
    if (seen.has(party.role))
      errors.push({ path: `${path}.role`, message: 'ruolo indicato più di una volta' });
    seen.add(party.role);
    if ('person' in party) {
      if (role.kind !== 'PERSON')
        errors.push({ path, message: `${role.label}: indicare i dati dell’impresa` });
      return [{ role: party.role, person: checkPerson(party.person, `${path}.person`, today, errors) }];
    }
    if (role.kind !== 'EMPLOYER')
      errors.push({ path, message: `${role.label}: indicare i dati della persona` });
    checkEmployer(party.employer, `${path}.employer`, today, errors);
    return [{ role: party.role, employer: party.employer }];
  });
  for (const role of definition.parties)
    if (role.required && !seen.has(role.role))
      errors.push({ path: 'parties', message: `manca la parte obbligatoria: ${role.label} (${role.role})` });
  if (errors.length) return { ok: false, errors };
  const ordered = definition.parties.flatMap((role) => parties.filter((party) => party.role === role.role));
  const title = ordered
    .map((party) =>
      party.person ? `${party.person.surname.toUpperCase()} ${party.person.givenName}` : party.employer.name,
    )
    .join(' – ');
  const language =
    ordered.find((party) => party.person?.preferredLanguage)?.person?.preferredLanguage ?? null;
  return { ok: true, value: { parties: ordered, title, language } };
}
