import { describe, expect, it } from 'vitest';
import { multilineText, text, textFault } from './contract.ts';

describe('typed text every contract shares', () => {
  it.each([
    ['Mario Rossi', undefined],
    ['D’Annunzio Nicolò', undefined],
    ['محمد علي', undefined],
    ['abc\u202Edcba', 'direzione'],
    ['\u202Aabc', 'direzione'],
    ['abc\u2066x\u2069', 'direzione'],
    ['abc\u2067', 'direzione'],
    ['\u202Babc\u202C', 'direzione'],
    ['lone \uD800 high', 'non leggibili'],
    ['lone \uDC00 low', 'non leggibili'],
    ['broken \uFFFD byte', 'non leggibili'],
    ['tab\there', 'controllo'],
    ['NUL\u0000', 'controllo'],
  ])('judges %j', (value, fault) => {
    const found = textFault(value);
    if (fault) expect(found).toContain(fault);
    else expect(found).toBeUndefined();
  });

  it('lets paragraphs through only where text has several lines', () => {
    expect(textFault('uno\n\ndue\tcolonna', true)).toBeUndefined();
    expect(textFault('uno\n\u202Edue', true)).toContain('direzione');
    expect(text(50).safeParse('uno\ndue').success).toBe(false);
    expect(multilineText(50).safeParse('uno\ndue').data).toBe('uno\ndue');
  });

  it('gives the fault as the field’s message', () => {
    const result = text(50).safeParse('Rossi\u202E');
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        message: 'il testo contiene caratteri invisibili che ne invertono la direzione',
      }),
    ]);
  });
});

describe('text pasted from a word processor or a PDF', () => {
  it('loses the invisible characters that came with it', () => {
    expect(text(50).parse('\uFEFF RSSMRA85T10\u00ADA562S ')).toBe('RSSMRA85T10A562S');
    expect(multilineText(50).parse('mario.rossi@\u200Bgmail.com\n333\u2060123')).toBe(
      'mario.rossi@gmail.com\n333123',
    );
    expect(text(5).safeParse('\u200B\u00AD').error?.issues[0]?.message).toBe('Campo obbligatorio');
  });

  it('keeps the joiners that shape a Persian name', () => {
    expect(text(50).parse('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });
});
