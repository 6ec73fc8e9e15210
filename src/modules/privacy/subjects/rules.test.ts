import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../../../kernel/errors.ts';
import { exportedFiles, readCriterion, readInWords, readLines, sectionsOf } from './rules.ts';

const today = Temporal.PlainDate.from('2026-12-07');

function faultsOf(input: Parameters<typeof readCriterion>[0]) {
  try {
    readCriterion(input, today);
  } catch (error) {
    if (error instanceof Invalid) return error.errors ?? [];
    throw error;
  }
  return [];
}

describe('the one way a person is named', () => {
  it('normalises each kind of criterion', () => {
    expect(readCriterion({ fiscalCode: ' snggpr90a01z222x ' }, today)).toEqual({
      kind: 'fiscalCode',
      subject: { fiscalCode: 'SNGGPR90A01Z222X' },
    });
    expect(readCriterion({ passportNumber: 'p 123 456' }, today).subject).toEqual({
      passportNumber: 'P123456',
    });
    expect(
      readCriterion({ surname: ' El  Amrani ', givenName: 'Youssef', birthDate: '1990-02-28' }, today)
        .subject,
    ).toEqual({ person: { surname: 'El Amrani', givenName: 'Youssef', birthDate: '1990-02-28' } });
    expect(readCriterion({ email: 'a@b.it', fiscalCode: '  ' }, today).kind).toBe('email');
  });

  it('accepts fiscal codes with letters for digits (omocodia) and refuses other shapes', () => {
    expect(readCriterion({ fiscalCode: 'RSSMRA85T1LA562S' }, today).kind).toBe('fiscalCode');
    for (const code of ['RSSMRA85T10A562', 'RSSMRA85Z10A562S', '1SSMRA85T10A562S'])
      expect(faultsOf({ fiscalCode: code }).map((f) => f.path)).toEqual(['body.fiscalCode']);
  });

  it('names each field at fault: none given, two given, a half-filled person, dates that are not', () => {
    expect(faultsOf({}).map((f) => f.path)).toEqual(['body.criterion']);
    expect(faultsOf({ passportNumber: 'AB12345', surname: 'Rossi' }).map((f) => f.path)).toEqual([
      'body.passportNumber',
      'body.surname',
    ]);
    expect(faultsOf({ givenName: 'Mario' })).toEqual([
      { path: 'body.surname', message: 'Campo obbligatorio' },
      { path: 'body.birthDate', message: 'Campo obbligatorio' },
    ]);
    const person = { surname: 'Rossi', givenName: 'Mario' };
    expect(faultsOf({ ...person, birthDate: '2027-01-01' })[0]?.message).toContain('futuro');
    expect(faultsOf({ ...person, birthDate: '1985-02-29' })[0]?.path).toBe('body.birthDate');
    expect(faultsOf({ ...person, birthDate: '07/12/1985' })[0]?.path).toBe('body.birthDate');
    expect(faultsOf({ email: 'mario.rossi' })).toEqual([
      { path: 'body.email', message: 'Indirizzo e-mail non valido' },
    ]);
  });
});

describe('the reads recorded about the records found', () => {
  const records = [
    { section: 'Pratiche', title: 'Pratica LO-2026-000001', data: {}, entity: { type: 'case', id: 'c1' } },
    { section: 'Documenti', title: 'Passaporto', data: {}, entity: { type: 'case_document', id: 'd1' } },
    { section: 'Pratiche', title: 'Pratica LO-2026-000002', data: {} },
  ];
  const at = new Date('2026-12-07T09:32:00Z');

  it('tells each read in words, one line per request and action, naming the records', () => {
    const lines = readLines(
      [
        {
          at,
          office: 'Sportello Unico per l’Immigrazione di Lodi',
          action: 'privacy.subject.search',
          entity: { type: 'case', id: 'c1' },
          requestId: 'r1',
        },
        {
          at,
          office: 'Sportello Unico per l’Immigrazione di Lodi',
          action: 'privacy.subject.search',
          entity: { type: 'case_document', id: 'd1' },
          requestId: 'r1',
        },
        {
          at,
          office: 'Questura di Lodi',
          action: 'case.read',
          entity: { type: 'case', id: 'c1' },
          requestId: null,
        },
      ],
      records,
    );
    expect(lines.map((line) => line.line)).toEqual([
      '7 dicembre 2026 alle ore 10:32 – Sportello Unico per l’Immigrazione di Lodi – ricerca per una richiesta di accesso: Pratica LO-2026-000001; Passaporto',
      '7 dicembre 2026 alle ore 10:32 – Questura di Lodi – consultazione: Pratica LO-2026-000001',
    ]);
    expect(readInWords('audit.trail.export')).toBe('esportazione');
    expect(readInWords('cases.case.print')).toBe('accesso ai dati');
  });

  it('groups records under their headings in the order found, the reads last', () => {
    const { found, reads } = sectionsOf(records, []);
    expect(found.map((section) => [section.title, section.records.length])).toEqual([
      ['Pratiche', 2],
      ['Documenti', 1],
    ]);
    expect(reads).toBeNull();
  });
});

describe('the documents in the export', () => {
  it('writes names in printable ASCII, Cyrillic in Latin letters, keeping the extension and distinctness', () => {
    const placed = exportedFiles([
      {
        section: 'S',
        title: 'T',
        data: {},
        files: [
          { sha256: 'a', name: 'Паспорт Олена.pdf' },
          { sha256: 'b', name: 'Permesso Nguyễn Thị Hà.jpg' },
          { sha256: 'c', name: '护照.pdf' },
          { sha256: 'd', name: 'جواز.pdf' },
          { sha256: 'e', name: 'visto\u0007 ärztlich.pdf' },
        ],
      },
    ]);
    expect(placed.flat().map((file) => file.path)).toEqual([
      'documenti/Pasport Olena.pdf',
      'documenti/Permesso Nguyen Thi Ha.jpg',
      'documenti/documento.pdf',
      'documenti/documento (2).pdf',
      'documenti/visto_ arztlich.pdf',
    ]);
    for (const file of placed.flat()) expect(file.path).toMatch(/^[\x20-\x7e]+$/);
  });

  it('keeps names readable and distinct, and one file for the same content under the same name', () => {
    const record = (files: { sha256: string; name: string }[]) => ({
      section: 'S',
      title: 'T',
      data: {},
      files,
    });
    const placed = exportedFiles([
      record([
        { sha256: 'a', name: 'passaporto.pdf' },
        { sha256: 'b', name: 'passaporto.pdf' },
      ]),
      record([
        { sha256: 'a', name: 'passaporto.pdf' },
        { sha256: 'c', name: '../../etc/passwd' },
        { sha256: 'd', name: '' },
      ]),
    ]);
    expect(placed.flat().map((file) => file.path)).toEqual([
      'documenti/passaporto.pdf',
      'documenti/passaporto (2).pdf',
      'documenti/passaporto.pdf',
      'documenti/_.._etc_passwd',
      'documenti/documento',
    ]);
  });
});
