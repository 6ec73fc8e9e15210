import { describe, expect, it } from 'vitest';
import type { PersonalDataKind } from '../contract.ts';
import { findPersonalData, foldName, nameCandidates, splitFullName, unresolvedWarnings } from './rules.ts';

const KNOWN = [
  { given: 'Nicolò', family: 'D’Amico' },
  { given: 'Maria Luisa', family: 'De Luca' },
  { given: 'Ahmed', family: 'Ben Salah' },
  { given: 'Ion', family: 'Popescu' },
  splitFullName('Paola Gialli'),
];
const MEETING_DAY = '2026-03-03';
const found = (text: string) =>
  findPersonalData(text, KNOWN, MEETING_DAY).map((w) => [w.kind, w.excerpt] as [PersonalDataKind, string]);

describe('personal data in a public summary', () => {
  it.each<[string, [PersonalDataKind, string][]]>([
    ['Il tavolo ha esaminato i dati dei centri di accoglienza.', []],
    ['Codice fiscale RSSMRA85T10A562S agli atti.', [['FISCAL_CODE', 'RSSMRA85T10A562S']]],
    ['cf rss mra 85t10 a562s', [['FISCAL_CODE', 'rss mra 85t10 a562s']]],
    ['CF: RSS.MRA.85T10.A562S.', [['FISCAL_CODE', 'RSS.MRA.85T10.A562S']]],
    ['omocodico RSSMRA85T1LA562S', [['FISCAL_CODE', 'RSSMRA85T1LA562S']]],
    ['passaporto YA1234567', [['PASSPORT', 'YA1234567']]],
    ['Passaporto n. 0X43K9921', [['PASSPORT', '0X43K9921']]],
    ['passaporto AB 1234567 scaduto', [['PASSPORT', 'AB 1234567']]],
    ['chiamare il +39 333 123 4567', [['PHONE', '+39 333 123 4567']]],
    ['chiamare il 0039 0371 45 67 89', [['PHONE', '0039 0371 45 67 89']]],
    [
      'cellulare 333-1234567 o 0371/456789',
      [
        ['PHONE', '333-1234567'],
        ['PHONE', '0371/456789'],
      ],
    ],
    ['tel. +212 6 12 34 56 78', [['PHONE', '+212 6 12 34 56 78']]],
    ['scrivere a mario.rossi@esempio.it', [['EMAIL', 'mario.rossi@esempio.it']]],
    [
      'scrivere a jürgen.müller@bücher.de oppure 用户@例子.广告',
      [
        ['EMAIL', 'jürgen.müller@bücher.de'],
        ['EMAIL', '用户@例子.广告'],
      ],
    ],
    ['nato il 3/4/1990 a Dakar', [['BIRTH_DATE', '3/4/1990']]],
    ['nata il 3 aprile 1990', [['BIRTH_DATE', '3 aprile 1990']]],
    ['nata il 1° Aprile 2025', [['BIRTH_DATE', '1° Aprile 2025']]],
    ['data di nascita 2001-12-31', [['BIRTH_DATE', '2001-12-31']]],
    ['il minore, 03.04.2010, è stato accolto', [['BIRTH_DATE', '03.04.2010']]],
    ['nato il 3/4/85.', [['BIRTH_DATE', '3/4/85']]],
    ['nata il 03-04-07 a Lodi', [['BIRTH_DATE', '03-04-07']]],
    ['circolare 3/4/85 del ministero', []],
    ['prossima seduta il 12/5/2026 e il 3 marzo 2026', []],
    ['cf RSSMRA85T10\u00ADA562S', [['FISCAL_CODE', 'RSSMRA85T10\u00ADA562S']]],
    ['tel. 333\u00AD1234567', [['PHONE', '333\u00AD1234567']]],
    ['scrivere a mario.rossi@\u200Bgmail.com', [['EMAIL', 'mario.rossi@\u200Bgmail.com']]],
    [
      '\uFEFFnato il 3/4/19\u200C90, Nico\u200Dlò D’Amico',
      [
        ['BIRTH_DATE', '3/4/19\u200C90'],
        ['NAME', 'Nico\u200Dlò D’Amico'],
      ],
    ],
    ['tel.\u2060 +39\u2060 333 123 4567', [['PHONE', '+39\u2060 333 123 4567']]],
    ['il D.Lgs. 286/1998, art. 3 c. 6, e il 31/2/1990', []],
    ['pratica LO-2026-000123, importo 300.000 euro, CAP 26900', []],
    ['Ha parlato Nicolò D’Amico.', [['NAME', 'Nicolò D’Amico']]],
    ["ha parlato NICOLO' DAMICO", [['NAME', "NICOLO' DAMICO"]]],
    ["ha parlato d'amico nicolo", [['NAME', "d'amico nicolo"]]],
    ["Il sig. D'Amico ha chiesto la parola", [['NAME', "D'Amico"]]],
    [
      'intervengono Maria Luisa De Luca e Ben Salah Ahmed',
      [
        ['NAME', 'Maria Luisa De Luca'],
        ['NAME', 'Ben Salah Ahmed'],
      ],
    ],
    [
      'la dott.ssa Gialli e il sig. Popescu',
      [
        ['NAME', 'Gialli'],
        ['NAME', 'Popescu'],
      ],
    ],
    ['i colori gialli delle bandiere', []],
    [
      'Paola Gialli (paola.gialli@comune.lodi.it)',
      [
        ['NAME', 'Paola Gialli'],
        ['EMAIL', 'paola.gialli@comune.lodi.it'],
      ],
    ],
  ])('in %j finds %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives the place of each finding, and one key however the same finding is written', () => {
    const text = "Nicolò D’Amico; poi nicolo' d'amico";
    const [first, second] = findPersonalData(text, KNOWN, MEETING_DAY);
    expect(text.slice(first?.start, first?.end)).toBe('Nicolò D’Amico');
    expect(first?.key).toBe(second?.key);
    const codes = findPersonalData('RSSMRA85T10A562S e rss mra 85t10 a562s', [], MEETING_DAY);
    expect(new Set(codes.map((w) => w.key)).size).toBe(1);
  });

  it('folds names the same way whatever accents, apostrophes and case', () => {
    expect(foldName('D’Amico')).toBe(foldName("d'AMICO"));
    expect(foldName('Nicolò')).toBe(foldName("Nicolo'"));
    expect(foldName('Łukasz Ørsted-Şahin')).toBe('lukaszorstedsahin');
  });

  it('offers runs of words to look names up by, folded', () => {
    expect(nameCandidates('Sig. De Luca')).toEqual(
      expect.arrayContaining(['sig', 'luca', 'deluca', 'sigdeluca']),
    );
  });

  it('keeps the warnings not marked as not personal data', () => {
    const warnings = findPersonalData('Popescu e Gialli', KNOWN, MEETING_DAY);
    expect(unresolvedWarnings(warnings, [{ key: 'NAME:popescu' }]).map((w) => w.excerpt)).toEqual(['Gialli']);
  });
});
