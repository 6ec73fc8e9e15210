import { describe, expect, it } from 'vitest';
import { articleLabel, publicationFaults, showsNotice, unknownCaseTypes } from './rules.ts';

describe('legal update rules', () => {
  it('writes an article as a lawyer does, with the paragraph only when there is one', () => {
    expect(articleLabel({ act: 'D.Lgs. 286/1998', article: '22', paragraph: '5' })).toBe(
      'D.Lgs. 286/1998 art. 22 c.5',
    );
    expect(articleLabel({ act: 'DL 146/2025', article: '7', paragraph: null })).toBe('DL 146/2025 art. 7');
  });

  it('publishes only an update that carries the act, typed or attached', () => {
    expect(publicationFaults({ fullText: null, attachmentSha256: null })).toEqual([
      { path: 'fullText', message: 'indicare il testo integrale o allegare il PDF dell’atto' },
    ]);
    expect(publicationFaults({ fullText: 'Art. 7…', attachmentSha256: null })).toEqual([]);
    expect(publicationFaults({ fullText: null, attachmentSha256: 'ab' })).toEqual([]);
  });

  it('names each unknown or repeated case type at its place', () => {
    const known = new Set(['WORK_CLEARANCE', 'SEASONAL_WORK']);
    expect(
      unknownCaseTypes(
        { caseTypes: ['WORK_CLEARANCE', 'NOPE', 'WORK_CLEARANCE'], caseTypeChange: { caseType: 'X' } },
        known,
      ),
    ).toEqual([
      { path: 'body.caseTypes.1', message: 'Scegliere un tipo di pratica dall’elenco' },
      { path: 'body.caseTypes', message: 'ogni tipo di pratica va indicato una volta sola' },
      { path: 'body.caseTypeChange.caseType', message: 'Scegliere un tipo di pratica dall’elenco' },
    ]);
    expect(unknownCaseTypes({ caseTypes: ['SEASONAL_WORK'], caseTypeChange: null }, known)).toEqual([]);
  });

  it('shows the notice on open cases of an affected type only', () => {
    expect(showsNotice({ typeCode: 'WORK_CLEARANCE', isOpen: true }, ['WORK_CLEARANCE'])).toBe(true);
    expect(showsNotice({ typeCode: 'WORK_CLEARANCE', isOpen: false }, ['WORK_CLEARANCE'])).toBe(false);
    expect(showsNotice({ typeCode: 'PERMIT_CONVERSION', isOpen: true }, ['WORK_CLEARANCE'])).toBe(false);
  });
});
