/**
 * Whether an account's fiscal code can be the code of a person named by surname, given name and birth date:
 * the first eleven characters of the code are made of exactly these (art. 6 DPR 605/1973, DM 23 dicembre
 * 1976). Two people with the same name are told apart by the birth date it carries.
 */
import type { DataSubject } from '../../../kernel/personal-data.ts';

type Person = NonNullable<DataSubject['person']>;

const MONTHS = 'ABCDEHLMPRST';
/** The letters that stand for the digits 0–9 in a code changed to tell two identical codes apart. */
const SUBSTITUTES = 'LMNPQRSTUV';
/** The places in the code of the year and the day, where those letters may stand. */
const DIGIT_PLACES = [6, 7, 9, 10];

function letters(name: string) {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return {
    consonants: plain.replace(/[AEIOU]/g, ''),
    vowels: plain.replace(/[^AEIOU]/g, ''),
  };
}

function surnamePart(surname: string) {
  const { consonants, vowels } = letters(surname);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

function givenNamePart(givenName: string) {
  const { consonants, vowels } = letters(givenName);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

export function fiscalCodeFits(fiscalCode: string, person: Person): boolean {
  const code = [...fiscalCode.trim().toUpperCase()]
    .map((char, place) =>
      DIGIT_PLACES.includes(place) && SUBSTITUTES.includes(char) ? String(SUBSTITUTES.indexOf(char)) : char,
    )
    .join('');
  const birth = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(person.birthDate);
  if (code.length !== 16 || !birth) return false;
  const [, year = '', month = '', day = ''] = birth;
  const monthLetter = MONTHS[Number(month) - 1];
  if (!monthLetter) return false;
  const start = `${surnamePart(person.surname)}${givenNamePart(person.givenName)}${year}${monthLetter}`;
  const dayOfBirth = Number(day);
  // women's codes carry the day plus 40
  const days = [dayOfBirth, dayOfBirth + 40].map((each) => String(each).padStart(2, '0'));
  return code.startsWith(start) && days.includes(code.slice(9, 11));
}
