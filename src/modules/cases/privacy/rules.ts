/**
 * The checks of a rectification (GDPR art. 16), the same the intake makes of a new person: no birth date in
 * the future, a passport or a fiscal code, a fiscal code that is valid, and the warnings where it disagrees
 * with the corrected data. Pure: the person as stored, the changes and today come in.
 */
import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../../kernel/errors.ts';
import { checkFiscalCodeMatches, parseFiscalCode } from '../intake/fiscal-codes.ts';
import type { RectifiableField, RectificationInput } from './contract.ts';

export type StoredPerson = {
  surname: string;
  givenName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  citizenshipCadastralCode: string | null;
  passportNumber: string | null;
  fiscalCode: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
};

export type Rectified = {
  /** The fields that change, with their value before and after. */
  changed: { field: RectifiableField; previous: string | null; next: string | null }[];
  person: StoredPerson;
  fiscalCodeWarnings: string[];
};

const path = (field: string) => `body.changes.${field}`;

export function checkRectification(
  stored: StoredPerson,
  changes: RectificationInput['changes'],
  today: Temporal.PlainDate,
): { ok: true; value: Rectified } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const person: StoredPerson = { ...stored };
  const changed: Rectified['changed'] = [];
  for (const [field, value] of Object.entries(changes) as [RectifiableField, string | null | undefined][]) {
    if (value === undefined) continue;
    const previous = stored[field];
    if (previous === value) continue;
    (person as Record<RectifiableField, string | null>)[field] = value;
    changed.push({ field, previous, next: value });
  }
  if (changed.length === 0)
    return {
      ok: false,
      errors: [{ path: 'body.changes', message: 'nessun dato diverso da quelli registrati' }],
    };
  // the cadastral code of the foreign state goes with the citizenship: a stale one would mislead the fiscal code
  if (person.citizenship !== stored.citizenship) person.citizenshipCadastralCode = null;
  if (person.birthDate > today.toString())
    errors.push({ path: path('birthDate'), message: 'la data di nascita è nel futuro' });
  if (!person.passportNumber && !person.fiscalCode)
    errors.push({ path: path('passportNumber'), message: 'indicare il passaporto o il codice fiscale' });
  let fiscalCodeWarnings: string[] = [];
  if (person.fiscalCode) {
    const parsed = parseFiscalCode(person.fiscalCode, today);
    if (!parsed.valid) errors.push({ path: path('fiscalCode'), message: parsed.message });
    else if (person.birthDate <= today.toString())
      fiscalCodeWarnings = checkFiscalCodeMatches(
        person.fiscalCode,
        {
          surname: person.surname,
          givenName: person.givenName,
          birthDate: Temporal.PlainDate.from(person.birthDate),
          sex: person.sex,
        },
        today,
      );
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { changed, person, fiscalCodeWarnings } };
}
