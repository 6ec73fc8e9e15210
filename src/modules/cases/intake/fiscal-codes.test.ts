import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  checkFiscalCodeMatches,
  computeCheckCharacter,
  expectedNameCode,
  expectedSurnameCode,
  type FiscalCodePerson,
  isValidFiscalCodeOfAnyKind,
  isValidOrganisationFiscalCode,
  isValidVatNumber,
  parseFiscalCode,
} from './fiscal-codes.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const TODAY = day('2026-06-01');

const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODE_LETTERS = 'LMNPQRSTUV';
const OMOCODE_POSITIONS = [7, 8, 10, 11, 13, 14, 15];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

const withCheckCharacter = (body: string) => body + computeCheckCharacter(body);

function decode(code: string, today = TODAY) {
  const result = parseFiscalCode(code, today);
  if (!result.valid) throw new Error(`expected ${code} to be valid, got ${result.reason}`);
  const { birthDate, ...rest } = result.decoded;
  return { ...rest, birthDate: birthDate.toString() };
}

function reasonFor(code: string, today = TODAY) {
  const result = parseFiscalCode(code, today);
  return result.valid ? 'VALID' : result.reason;
}

/** The 15 characters before the check character, built by hand from the rules. */
function bodyOf(
  letters: string,
  birthDate: Temporal.PlainDate,
  sex: 'M' | 'F',
  birthPlaceCode: string,
): string {
  const year = String(birthDate.year % 100).padStart(2, '0');
  const dayOfMonth = String(birthDate.day + (sex === 'F' ? 40 : 0)).padStart(2, '0');
  return `${letters}${year}${MONTH_LETTERS.charAt(birthDate.month - 1)}${dayOfMonth}${birthPlaceCode}`;
}

const oneOf = (chars: string) => fc.constantFrom(...chars);
const SPAN_OF_A_CENTURY = TODAY.since(TODAY.subtract({ years: 100 })).days;

/** A person born in the hundred years up to today, with the body of their code. */
const personArbitrary = fc
  .record({
    letters: fc.string({ unit: oneOf(LETTERS), minLength: 6, maxLength: 6 }),
    daysBeforeToday: fc.integer({ min: 0, max: SPAN_OF_A_CENTURY - 1 }),
    sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
    placeLetter: oneOf(LETTERS),
    placeNumber: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ letters, daysBeforeToday, sex, placeLetter, placeNumber }) => {
    const birthDate = TODAY.subtract({ days: daysBeforeToday });
    const birthPlaceCode = `${placeLetter}${String(placeNumber).padStart(3, '0')}`;
    return {
      letters,
      birthDate,
      sex,
      birthPlaceCode,
      code: withCheckCharacter(bodyOf(letters, birthDate, sex, birthPlaceCode)),
    };
  });

function toOmocode(code: string, positions: readonly number[]): string {
  const chars = [...code];
  for (const position of positions) chars[position - 1] = OMOCODE_LETTERS.charAt(Number(chars[position - 1]));
  return withCheckCharacter(chars.slice(0, 15).join(''));
}

describe('personal fiscal code', () => {
  it('decodes Mario Rossi, born in Milan on 1 January 1980', () => {
    // Odd positions R S R 8 A 1 2 5 → 8+12+8+19+1+0+5+13 = 66; even S M A 0 0 F 0 → 18+12+0+0+0+5+0 = 35;
    // 101 mod 26 = 23 → X.
    expect(computeCheckCharacter('RSSMRA80A01F205')).toBe('X');
    expect(decode('RSSMRA80A01F205X')).toEqual({
      code: 'RSSMRA80A01F205X',
      surnameCode: 'RSS',
      nameCode: 'MRA',
      birthDate: '1980-01-01',
      sex: 'M',
      birthPlaceCode: 'F205',
      isOmocode: false,
    });
  });

  it('decodes Franco Rossi, born in Milan on 31 December 1980 (T is December)', () => {
    expect(decode('RSSFNC80T31F205U')).toMatchObject({ nameCode: 'FNC', birthDate: '1980-12-31', sex: 'M' });
  });

  it('reads a day above 40 as a woman born on the day less 40', () => {
    // Anna Bianchi, born in Lodi on 15 March 1992: 15 + 40 = 55; 98 + 41 = 139, 139 mod 26 = 9 → J.
    expect(decode('BNCNNA92C55E648J')).toEqual({
      code: 'BNCNNA92C55E648J',
      surnameCode: 'BNC',
      nameCode: 'NNA',
      birthDate: '1992-03-15',
      sex: 'F',
      birthPlaceCode: 'E648',
      isOmocode: false,
    });
  });

  it('gives a person born abroad the Z-code of the state of birth', () => {
    // Karim El Amrani, born in Morocco on 7 July 1985: 68 + 67 = 135, 135 mod 26 = 5 → F.
    expect(decode('LMRKRM85L07Z330F')).toMatchObject({
      birthDate: '1985-07-07',
      sex: 'M',
      birthPlaceCode: 'Z330',
    });
    // Elira Hoxha, born in Albania on 29 February 2000: 65 + 69 = 134, 134 mod 26 = 4 → E.
    expect(decode('HXHLRE00B69Z100E')).toMatchObject({
      birthDate: '2000-02-29',
      sex: 'F',
      birthPlaceCode: 'Z100',
    });
  });

  it('accepts lower case and spaces, and gives the code back in upper case', () => {
    expect(decode(' rssmra 80a01 f205x ').code).toBe('RSSMRA80A01F205X');
  });

  it('puts a birth year that would be in the future in the previous century', () => {
    const bornOn = (iso: string) => decode(withCheckCharacter(bodyOf('RSSMRA', day(iso), 'M', 'E648')));
    expect(bornOn('2026-06-01').birthDate).toBe('2026-06-01');
    expect(bornOn('1926-06-02').birthDate).toBe('1926-06-02');
    expect(bornOn('1930-01-01').birthDate).toBe('1930-01-01');
    expect(bornOn('2005-09-30').birthDate).toBe('2005-09-30');
  });

  it('resolves the century from the today it is given', () => {
    const code = withCheckCharacter(bodyOf('RSSMRA', day('1999-05-20'), 'M', 'E648'));
    expect(decode(code, day('1999-12-31')).birthDate).toBe('1999-05-20');
    expect(decode(code, day('2100-01-01')).birthDate).toBe('2099-05-20');
  });

  it('decodes every person born in the last hundred years to their birth date, sex and place', () => {
    fc.assert(
      fc.property(personArbitrary, (person) => {
        expect(decode(person.code)).toEqual({
          code: person.code,
          surnameCode: person.letters.slice(0, 3),
          nameCode: person.letters.slice(3),
          birthDate: person.birthDate.toString(),
          sex: person.sex,
          birthPlaceCode: person.birthPlaceCode,
          isOmocode: false,
        });
      }),
    );
  });
});

describe('omocodia', () => {
  it('decodes an omocode of Mario Rossi to Mario Rossi', () => {
    // Position 15: 5 → R changes the odd sum from 66 to 61; 96 mod 26 = 18 → S.
    // All seven digits replaced: 91 + 68 = 159, 159 mod 26 = 3 → D.
    for (const code of ['RSSMRA80A01F20RS', 'RSSMRAULALMFNLRD']) {
      expect(decode(code)).toEqual({
        code,
        surnameCode: 'RSS',
        nameCode: 'MRA',
        birthDate: '1980-01-01',
        sex: 'M',
        birthPlaceCode: 'F205',
        isOmocode: true,
      });
    }
  });

  it('decodes a code with any of its digits replaced by letters to the same person', () => {
    fc.assert(
      fc.property(personArbitrary, fc.subarray(OMOCODE_POSITIONS, { minLength: 1 }), (person, positions) => {
        const omocode = toOmocode(person.code, positions);
        const { code: _original, isOmocode: _plain, ...original } = decode(person.code);
        expect(decode(omocode)).toEqual({ ...original, code: omocode, isOmocode: true });
      }),
    );
  });

  it('checks the omocode like any other code', () => {
    expect(reasonFor('RSSMRA80A01F20RX')).toBe('CHECK_CHARACTER');
  });
});

describe('invalid personal fiscal codes', () => {
  it.each([
    ['', 'LENGTH'],
    ['RSSMRA80A01F205', 'LENGTH'],
    ['RSSMRA80A01F205XX', 'LENGTH'],
    ['RSSMR480A01F205X', 'CHARACTERS'],
    ['RSSMRA8OA01F205X', 'CHARACTERS'],
    ['RSSMRA80A01F2O5X', 'CHARACTERS'],
    ['RSSMRA80A01F2055', 'CHARACTERS'],
    ['RSSMRA80A01F205-', 'CHARACTERS'],
    ['RSSMRA80A01F205Y', 'CHECK_CHARACTER'],
    ['RSSMAR80A01F205X', 'CHECK_CHARACTER'],
    // Check characters computed by hand: F is no month (113 mod 26 = 9 → J).
    ['RSSMRA80F01F205J', 'MONTH'],
    [withCheckCharacter('RSSMRA80Z01F205'), 'MONTH'],
    [withCheckCharacter('RSSMRA80I01F205'), 'MONTH'],
    // 31 February (103 mod 26 = 25 → Z); day 32 is neither a man's nor a woman's; day 00.
    ['RSSMRA80B31F205Z', 'DATE'],
    ['RSSMRA80A32F205F', 'DATE'],
    ['RSSMRA80A00F205Y', 'DATE'],
    [withCheckCharacter('BNCNNA91B69E648'), 'DATE'],
    [withCheckCharacter('BNCNNA91D71E648'), 'DATE'],
  ])('rejects %j as %s', (code, reason) => {
    expect(reasonFor(code)).toBe(reason);
  });

  it('explains the reason in Italian', () => {
    const result = parseFiscalCode('RSSMRA80B31F205Z', TODAY);
    expect(result).toEqual({
      valid: false,
      reason: 'DATE',
      message: 'La data di nascita indicata nel codice fiscale non esiste.',
    });
    const check = parseFiscalCode('RSSMRA80A01F205Y', TODAY);
    expect(check.valid ? '' : check.message).toMatch(/^L'ultimo carattere del codice fiscale/);
  });

  it('rejects 29 February 1900, the only century year of the two that lacks it', () => {
    const leapDay = withCheckCharacter('HXHLRE00B69Z100');
    expect(reasonFor(leapDay, day('1999-12-31'))).toBe('DATE');
    expect(reasonFor(leapDay, day('2000-02-29'))).toBe('VALID');
  });

  it('catches any single mistyped character', () => {
    const allowedAt = (position: number) =>
      OMOCODE_POSITIONS.includes(position) ? DIGITS + OMOCODE_LETTERS : LETTERS;
    fc.assert(
      fc.property(
        personArbitrary,
        fc
          .integer({ min: 1, max: 16 })
          .chain((position) => fc.tuple(fc.constant(position), oneOf(allowedAt(position)))),
        (person, [position, typed]) => {
          fc.pre(person.code.charAt(position - 1) !== typed);
          const mistyped = person.code.slice(0, position - 1) + typed + person.code.slice(position);
          expect(reasonFor(mistyped)).toBe('CHECK_CHARACTER');
        },
      ),
    );
  });
});

describe('letters of surname and given name', () => {
  it.each([
    ['Rossi', 'RSS'],
    ['Bianchi', 'BNC'],
    ["D'Angelo", 'DNG'],
    ["Dell'Acqua", 'DLL'],
    ['De Rossi', 'DRS'],
    ['El Amrani', 'LMR'],
    // Y is not one of the five vowels.
    ['Nguyễn', 'NGY'],
    ['Müller', 'MLL'],
    ['Çelik', 'CLK'],
    ['Ødegård', 'DGR'],
    ['Fiò', 'FIO'],
    ['Hoxha', 'HXH'],
    ['Rao', 'RAO'],
    ['Fo', 'FOX'],
    ['Wu', 'WUX'],
    ['O', 'OXX'],
  ])('surname %s gives %s', (surname, code) => {
    expect(expectedSurnameCode(surname)).toBe(code);
  });

  it.each([
    ['Mario', 'MRA'],
    ['Franco', 'FNC'],
    ['Alessandro', 'LSN'],
    ['Gianfranco', 'GFR'],
    ['Chiara-Maria', 'CRM'],
    ['Chiara Maria', 'CRM'],
    ['Anna', 'NNA'],
    ['Nicolò', 'NCL'],
    ['Ugo', 'GUO'],
    ['Elira', 'LRE'],
    ['Li', 'LIX'],
    ['Ái', 'AIX'],
  ])('given name %s gives %s', (name, code) => {
    expect(expectedNameCode(name)).toBe(code);
  });

  it('takes the first three consonants of a surname even when it has four or more', () => {
    expect(expectedSurnameCode('Gianfranco')).toBe('GNF');
    expect(expectedNameCode('Gianfranco')).toBe('GFR');
  });

  it('always gives three capital letters', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(expectedSurnameCode(text)).toMatch(/^[A-Z]{3}$/);
        expect(expectedNameCode(text)).toMatch(/^[A-Z]{3}$/);
      }),
    );
  });
});

describe('matching a fiscal code with the party', () => {
  const mario: FiscalCodePerson = {
    surname: 'Rossi',
    givenName: 'Mario',
    birthDate: day('1980-01-01'),
    sex: 'M',
    birthPlaceCode: 'F205',
  };

  it('finds nothing to flag when the code matches, omocode or not', () => {
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', mario, TODAY)).toEqual([]);
    expect(checkFiscalCodeMatches('RSSMRAULALMFNLRD', mario, TODAY)).toEqual([]);
    expect(checkFiscalCodeMatches('rssmra80a01f205x', { ...mario, birthPlaceCode: 'f205' }, TODAY)).toEqual(
      [],
    );
  });

  it('matches accented and compound names as the code was built', () => {
    const elira = { surname: 'Hoxha', givenName: 'Elira', birthDate: day('2000-02-29'), sex: 'F' as const };
    expect(checkFiscalCodeMatches('HXHLRE00B69Z100E', { ...elira, birthPlaceCode: 'Z100' }, TODAY)).toEqual(
      [],
    );
    const chiara = {
      surname: "D'Angelo",
      givenName: 'Chiara-Maria',
      birthDate: day('1975-08-09'),
      sex: 'F' as const,
    };
    const code = withCheckCharacter(bodyOf('DNGCRM', chiara.birthDate, 'F', 'E648'));
    expect(checkFiscalCodeMatches(code, chiara, TODAY)).toEqual([]);
  });

  it('flags each field that disagrees', () => {
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', { ...mario, surname: 'Bossi' }, TODAY)).toEqual([
      'surname',
    ]);
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', { ...mario, givenName: 'Marco' }, TODAY)).toEqual([
      'givenName',
    ]);
    expect(
      checkFiscalCodeMatches('RSSMRA80A01F205X', { ...mario, birthDate: day('1980-01-10') }, TODAY),
    ).toEqual(['birthDate']);
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', { ...mario, sex: 'F' }, TODAY)).toEqual(['sex']);
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', { ...mario, birthPlaceCode: 'E648' }, TODAY)).toEqual([
      'birthPlaceCode',
    ]);
    const stranger: FiscalCodePerson = {
      surname: 'Bianchi',
      givenName: 'Anna',
      birthDate: day('1992-03-15'),
      sex: 'F',
      birthPlaceCode: 'E648',
    };
    expect(checkFiscalCodeMatches('RSSMRA80A01F205X', stranger, TODAY)).toEqual([
      'surname',
      'givenName',
      'birthDate',
      'sex',
      'birthPlaceCode',
    ]);
  });

  it('leaves the place of birth unchecked when the party has none on record', () => {
    const { birthPlaceCode: _place, ...withoutPlace } = mario;
    expect(checkFiscalCodeMatches('RSSMRAULALMFNLRD', withoutPlace, TODAY)).toEqual([]);
  });

  it('does not flag a person born a century before the one the code suggests', () => {
    const centenarian: FiscalCodePerson = {
      surname: 'Rossi',
      givenName: 'Mario',
      birthDate: day('1920-05-10'),
      sex: 'M',
    };
    const code = withCheckCharacter(bodyOf('RSSMRA', centenarian.birthDate, 'M', 'E648'));
    expect(decode(code).birthDate).toBe('2020-05-10');
    expect(checkFiscalCodeMatches(code, centenarian, TODAY)).toEqual([]);
  });

  it('flags the code itself when it is not a valid fiscal code', () => {
    expect(checkFiscalCodeMatches('RSSMRA80A01F205Y', mario, TODAY)).toEqual(['fiscalCode']);
  });
});

describe('VAT numbers and numeric fiscal codes', () => {
  it.each([
    // Odd positions 0+7+3+1+1 = 12; even 0,4,1,0,5 doubled 0+8+2+0+1 = 11; 23 → check digit 7.
    '00743110157',
    // Serial number 1234567, office 098 (Lodi): 25 + 22 = 47 → check digit 3.
    '12345670983',
    // 15 + 14 = 29 → check digit 1.
    '06363391001',
  ])('accepts %s', (vatNumber) => {
    expect(isValidVatNumber(vatNumber)).toBe(true);
    expect(isValidOrganisationFiscalCode(vatNumber)).toBe(true);
  });

  it.each(['00743110158', '00743110175', '0074311015', '007431101570', '0074311015A', 'IT00743110157', ''])(
    'rejects %j',
    (vatNumber) => {
      expect(isValidVatNumber(vatNumber)).toBe(false);
      expect(isValidOrganisationFiscalCode(vatNumber)).toBe(false);
    },
  );

  it('has exactly one check digit for any ten digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: oneOf(DIGITS), minLength: 10, maxLength: 10 }), (serial) => {
        const valid = [...DIGITS].filter((check) => isValidVatNumber(serial + check));
        expect(valid).toHaveLength(1);
      }),
    );
  });

  it('catches any single mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: oneOf(DIGITS), minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 10 }),
        oneOf(DIGITS),
        (serial, position, typed) => {
          const vatNumber = [...DIGITS].map((check) => serial + check).find(isValidVatNumber) ?? '';
          fc.pre(vatNumber.charAt(position) !== typed);
          const mistyped = vatNumber.slice(0, position) + typed + vatNumber.slice(position + 1);
          expect(isValidVatNumber(mistyped)).toBe(false);
        },
      ),
    );
  });
});

describe('fiscal code of any kind', () => {
  it.each([
    ['RSSMRA80A01F205X', true],
    ['rssmraulalmfnlrd', true],
    ['HXHLRE00B69Z100E', true],
    ['00743110157', true],
    ['RSSMRA80A01F205Y', false],
    ['RSSMRA80B31F205Z', false],
    ['00743110158', false],
    ['RSSMRA80A01F205X1', false],
    ['', false],
  ])('%j is valid: %s', (code, valid) => {
    expect(isValidFiscalCodeOfAnyKind(code)).toBe(valid);
  });
});
