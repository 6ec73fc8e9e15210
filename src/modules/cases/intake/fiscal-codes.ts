/**
 * Italian fiscal codes of the parties of a case: the 16-character code of a natural person and the 11-digit
 * code of a legal person (the same number as its VAT number). Pure: today is an argument.
 *
 * The personal code follows DM 23 dicembre 1976: surname and name letters, birth date and sex, cadastral code
 * of the place of birth, check character.
 */
import { Temporal } from 'temporal-polyfill';

type PlainDate = Temporal.PlainDate;

export type Sex = 'M' | 'F';

export type FiscalCodeInvalidReason = 'LENGTH' | 'CHARACTERS' | 'CHECK_CHARACTER' | 'DATE' | 'MONTH';

/** What a valid personal fiscal code says about its holder. */
export type DecodedFiscalCode = {
  /** The code upper-cased and without spaces, as entered (omocode letters kept). */
  code: string;
  surnameCode: string;
  nameCode: string;
  birthDate: PlainDate;
  sex: Sex;
  /** Cadastral code of the municipality of birth (E648 Lodi) or of the foreign state (Z330 Morocco). */
  birthPlaceCode: string;
  /** Some digits were replaced by letters to tell apart two people who would otherwise share the code. */
  isOmocode: boolean;
};

export type FiscalCodeParseResult =
  | { valid: true; decoded: DecodedFiscalCode }
  | { valid: false; reason: FiscalCodeInvalidReason; message: string };

/** The fields of a party that a personal fiscal code encodes. */
export type FiscalCodePerson = {
  surname: string;
  givenName: string;
  birthDate: PlainDate;
  sex: Sex;
  birthPlaceCode?: string;
};

/** A field of the party that disagrees with the code, or `fiscalCode` when the code itself is invalid. */
export type FiscalCodeMismatch =
  | 'fiscalCode'
  | 'surname'
  | 'givenName'
  | 'birthDate'
  | 'sex'
  | 'birthPlaceCode';

const PERSONAL_CODE_LENGTH = 16;
const MONTH_LETTERS = 'ABCDEHLMPRST';
const FEMALE_DAY_OFFSET = 40;
const VOWELS = 'AEIOU';

/** Letters that stand for the digits 0–9 in an omocode. */
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** 1-based positions of the digits that an omocode may replace with letters. */
const OMOCODE_POSITIONS = [7, 8, 10, 11, 13, 14, 15] as const;

const DIGIT = `[0-9${OMOCODE_LETTERS}]`;
const PERSONAL_CODE_SHAPE = new RegExp(`^[A-Z]{6}${DIGIT}{2}[A-Z]${DIGIT}{2}[A-Z]${DIGIT}{3}[A-Z]$`);

/** Value of each character in an odd (1-based) position, digits valued as the letters A–J. */
const ODD_POSITION_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

const MESSAGES: Record<FiscalCodeInvalidReason, string> = {
  LENGTH: 'Il codice fiscale deve avere 16 caratteri.',
  CHARACTERS:
    'Il codice fiscale contiene caratteri non ammessi o fuori posto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera.',
  CHECK_CHARACTER:
    "L'ultimo carattere del codice fiscale non corrisponde ai precedenti: controllare di averlo trascritto senza errori.",
  MONTH: 'La lettera del mese di nascita non è valida: sono ammesse A, B, C, D, E, H, L, M, P, R, S, T.',
  DATE: 'La data di nascita indicata nel codice fiscale non esiste.',
};

function invalid(reason: FiscalCodeInvalidReason): FiscalCodeParseResult {
  return { valid: false, reason, message: MESSAGES[reason] };
}

function letterIndex(char: string): number {
  return char.charCodeAt(0) - 'A'.charCodeAt(0);
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/** Index 0–25 of a letter, or the value of a digit, which shares the index of the letters A–J. */
function characterIndex(char: string): number {
  return isDigit(char) ? Number(char) : letterIndex(char);
}

/** The check character of the first 15 characters of a personal fiscal code (upper case). */
export function computeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const index = characterIndex(body.charAt(i));
    sum += i % 2 === 0 ? (ODD_POSITION_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode('A'.charCodeAt(0) + (sum % 26));
}

/** The code with omocode letters turned back into the digits they stand for. */
function withOmocodeDigits(code: string): string {
  const chars = [...code];
  for (const position of OMOCODE_POSITIONS) {
    const digit = OMOCODE_LETTERS.indexOf(chars[position - 1] ?? '');
    if (digit >= 0) chars[position - 1] = String(digit);
  }
  return chars.join('');
}

function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

type CodeFields = {
  decoded: Omit<DecodedFiscalCode, 'birthDate'>;
  yearOfCentury: number;
  month: number;
  dayOfMonth: number;
};

/** Every check that does not depend on today, and the fields of the code. */
function readPersonalCode(input: string): CodeFields | FiscalCodeInvalidReason {
  const code = normaliseCode(input);
  if (code.length !== PERSONAL_CODE_LENGTH) return 'LENGTH';
  if (!PERSONAL_CODE_SHAPE.test(code)) return 'CHARACTERS';
  if (computeCheckCharacter(code.slice(0, 15)) !== code.charAt(15)) return 'CHECK_CHARACTER';
  const plain = withOmocodeDigits(code);
  const month = MONTH_LETTERS.indexOf(plain.charAt(8)) + 1;
  if (month === 0) return 'MONTH';
  const encodedDay = Number(plain.slice(9, 11));
  const sex: Sex = encodedDay > FEMALE_DAY_OFFSET ? 'F' : 'M';
  const dayOfMonth = sex === 'F' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  const yearOfCentury = Number(plain.slice(6, 8));
  // 29 February exists in 2000 and in the same years of any century but 1900: taking 2000 + yy accepts it.
  if (dayOfMonth < 1 || dayOfMonth > daysInMonth(2000 + yearOfCentury, month)) return 'DATE';
  return {
    decoded: {
      code,
      surnameCode: code.slice(0, 3),
      nameCode: code.slice(3, 6),
      sex,
      birthPlaceCode: plain.slice(11, 15),
      isOmocode: plain !== code,
    },
    yearOfCentury,
    month,
    dayOfMonth,
  };
}

function daysInMonth(year: number, month: number): number {
  return Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
}

/** The birth date in the latest century that does not put it after today, or null if the day never existed. */
function resolveBirthDate(fields: CodeFields, today: PlainDate): PlainDate | null {
  const century = today.year - (today.year % 100);
  for (const year of [century + fields.yearOfCentury, century - 100 + fields.yearOfCentury]) {
    if (fields.dayOfMonth > daysInMonth(year, fields.month)) continue;
    const date = Temporal.PlainDate.from({ year, month: fields.month, day: fields.dayOfMonth });
    if (Temporal.PlainDate.compare(date, today) <= 0) return date;
  }
  return null;
}

/**
 * Checks and decodes a personal fiscal code. Lower case and spaces are accepted; omocodes decode to the
 * digits they stand for.
 */
export function parseFiscalCode(code: string, today: PlainDate): FiscalCodeParseResult {
  const fields = readPersonalCode(code);
  if (typeof fields === 'string') return invalid(fields);
  const birthDate = resolveBirthDate(fields, today);
  if (birthDate === null) return invalid('DATE');
  return { valid: true, decoded: { ...fields.decoded, birthDate } };
}

const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Đ: 'D',
  Ð: 'D',
  Ł: 'L',
};

/** The Latin letters of a name, without accents, apostrophes, spaces or hyphens. */
function lettersOf(text: string): string {
  return text
    .toUpperCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ÆŒØĐÐŁ]/g, (char) => LETTERS_WITHOUT_DECOMPOSITION[char] ?? '')
    .replace(/[^A-Z]/g, '');
}

function splitLetters(text: string): { consonants: string[]; vowels: string[] } {
  const letters = [...lettersOf(text)];
  return {
    consonants: letters.filter((letter) => !VOWELS.includes(letter)),
    vowels: letters.filter((letter) => VOWELS.includes(letter)),
  };
}

function threeLetters(consonants: string[], vowels: string[]): string {
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

/** The three letters a surname gives the code: its consonants, then its vowels, then X. */
export function expectedSurnameCode(surname: string): string {
  const { consonants, vowels } = splitLetters(surname);
  return threeLetters(consonants, vowels);
}

/** The three letters a given name gives the code: as the surname, but the 1st, 3rd and 4th of 4+ consonants. */
export function expectedNameCode(givenName: string): string {
  const { consonants, vowels } = splitLetters(givenName);
  const [first, , third, fourth] = consonants;
  if (first !== undefined && third !== undefined && fourth !== undefined) return first + third + fourth;
  return threeLetters(consonants, vowels);
}

/**
 * The fields of a party that disagree with its fiscal code: the registry flags them rather than refusing the
 * code, since offices have issued codes from misspelt data. The year is compared by its last two digits, so a
 * person born a century before the one today suggests is not flagged.
 */
export function checkFiscalCodeMatches(
  code: string,
  person: FiscalCodePerson,
  today: PlainDate,
): FiscalCodeMismatch[] {
  const result = parseFiscalCode(code, today);
  if (!result.valid) return ['fiscalCode'];
  const { decoded } = result;
  const mismatches: FiscalCodeMismatch[] = [];
  if (decoded.surnameCode !== expectedSurnameCode(person.surname)) mismatches.push('surname');
  if (decoded.nameCode !== expectedNameCode(person.givenName)) mismatches.push('givenName');
  if (!isSameBirthDay(decoded.birthDate, person.birthDate)) mismatches.push('birthDate');
  if (decoded.sex !== person.sex) mismatches.push('sex');
  if (
    person.birthPlaceCode !== undefined &&
    decoded.birthPlaceCode !== normaliseCode(person.birthPlaceCode)
  ) {
    mismatches.push('birthPlaceCode');
  }
  return mismatches;
}

function isSameBirthDay(fromCode: PlainDate, declared: PlainDate): boolean {
  return (
    fromCode.year % 100 === declared.year % 100 &&
    fromCode.month === declared.month &&
    fromCode.day === declared.day
  );
}

/** Whether 11 digits end with the right check digit: the Luhn algorithm over the first ten. */
function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(digits.charAt(i));
    const doubled = digit * 2;
    sum += i % 2 === 0 ? digit : doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.charAt(10));
}

/** An Italian VAT number (partita IVA): 11 digits, the last a check digit. */
export function isValidVatNumber(vatNumber: string): boolean {
  return hasValidCheckDigit(vatNumber.trim());
}

/** The numeric fiscal code of a company, association or public body: same form and check as a VAT number. */
export function isValidOrganisationFiscalCode(code: string): boolean {
  return hasValidCheckDigit(code.trim());
}

/** A valid personal fiscal code (whatever today is) or a valid 11-digit numeric one. */
export function isValidFiscalCodeOfAnyKind(code: string): boolean {
  return isValidOrganisationFiscalCode(code) || typeof readPersonalCode(code) !== 'string';
}
