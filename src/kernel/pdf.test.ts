import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFPage,
  PDFRawStream,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  newVerificationCode,
  normaliseVerificationCode,
  type OfficialDocument,
  renderOfficialDocument,
  streamOfficialDocument,
} from './pdf.ts';
import { wrap } from './pdf-text.ts';

const receipt = (overrides: Partial<OfficialDocument> = {}): OfficialDocument => ({
  issuer: ['Prefettura di Lodi – UTG', 'Sportello Unico per l’Immigrazione'],
  title: 'Ricevuta di presentazione della domanda',
  subtitle: 'Ricongiungimento familiare (art. 29 D.Lgs. 286/1998)',
  sections: [
    {
      heading: 'Richiedente',
      rows: [
        ['Cognome e nome', 'Rossi Niccolò'],
        ['Comune di residenza', 'Sant’Angelo Lodigiano'],
        ['Importo versato', '€ 16,00'],
      ],
    },
    {
      paragraphs: [
        'La domanda è stata ricevuta e sarà esaminata entro i termini di legge: più in là non si va.',
      ],
    },
  ],
  footer:
    'Documento generato da LOVIT. Ai sensi dell’art. 3 D.Lgs. 39/1993 la firma è sostituita a mezzo stampa.',
  metadata: {
    title: 'Ricevuta SUI-2026-000123',
    subject: 'Ricevuta di presentazione',
    author: 'Prefettura di Lodi',
    createdAt: new Date('2026-03-02T09:15:00Z'),
  },
  ...overrides,
});

const winAnsi = new TextDecoder('windows-1252');

/** The content streams of a page, then those of the forms it draws (its page number). */
function pageStreams(document: PDFDocument, page: PDFPage): unknown[] {
  const contents = page.node.Contents();
  const own =
    contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
  const forms = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
  return [...own, ...(forms?.values() ?? []).map((ref) => document.context.lookup(ref))];
}

/** The text each page shows, one string per drawn line: every line is one `<hex> Tj`. */
async function pageTexts(bytes: Uint8Array): Promise<string[][]> {
  const document = await PDFDocument.load(bytes);
  return document.getPages().map((page) => {
    const operators = pageStreams(document, page)
      .map((stream) => {
        if (!(stream instanceof PDFRawStream)) throw new Error('expected an encoded content stream');
        return winAnsi.decode(decodePDFRawStream(stream).decode());
      })
      .join('\n');
    return [...operators.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map(([, hex]) =>
      winAnsi.decode(Buffer.from(hex ?? '', 'hex')),
    );
  });
}

describe('official documents', () => {
  it('renders an A4 page with header, rows, footer and page number', async () => {
    const bytes = await renderOfficialDocument(receipt());
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(document.getPageCount()).toBe(1);
    expect(document.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(document.getTitle()).toBe('Ricevuta SUI-2026-000123');
    expect(document.getAuthor()).toBe('Prefettura di Lodi');
    expect(document.getSubject()).toBe('Ricevuta di presentazione');
    expect(document.getCreator()).toBe('LOVIT');
    expect(document.getProducer()).toBe('LOVIT');
    expect(document.getCreationDate()).toEqual(new Date('2026-03-02T09:15:00Z'));

    const [text] = await pageTexts(bytes);
    expect(text).toEqual(
      expect.arrayContaining([
        'Prefettura di Lodi – UTG',
        'Sportello Unico per l’Immigrazione',
        'Ricevuta di presentazione della domanda',
        'Rossi Niccolò',
        'Sant’Angelo Lodigiano',
        '€ 16,00',
        'Pagina 1 di 1',
      ]),
    );
    expect(text?.join(' ')).toContain('sarà esaminata entro i termini di legge: più in là non si va.');
  });

  it('writes names outside WinAnsi in Latin letters instead of failing', async () => {
    const names: [string, string][] = [
      ['Ucraino', 'Олександр Шевченко'],
      ['Maiuscolo', 'ЖАННА'],
      ['Arabo', 'محمد'],
      ['Polacco', 'Łukasz Dvořák'],
      ['Cinese', '王小明'],
      ['Cifre arabe', '٢٠٢٦ ۱۴'],
      ['Cifre hindi', '१२'],
      ['Compatibili', 'ǅ ẞTRASSE ﬁ'],
    ];
    const bytes = await renderOfficialDocument(receipt({ sections: [{ rows: names }] }));
    const [text] = await pageTexts(bytes);
    expect(text).toEqual(
      expect.arrayContaining([
        'Oleksandr Shevchenko',
        'ZHANNA',
        'mhmd',
        'Lukasz Dvorák',
        '???',
        '2026 14',
        '12',
        'Dz SSTRASSE fi',
      ]),
    );
  });

  it('breaks a 4,000-character word without measuring every start of it', async () => {
    const word = 'x'.repeat(4000);
    let measured = 0;
    const style = {
      size: 10,
      font: {
        widthOfTextAtSize: (text: string) => {
          measured += 1;
          return text.length * 5;
        },
      },
    };
    const lines = wrap(word, style, 500, new Set(['x'.codePointAt(0) ?? 0]));
    expect(lines.join('')).toBe(word);
    expect(lines.every((line) => line.length === 100)).toBe(true);
    expect(measured).toBeLessThan(1_000);
  });

  it('wraps long text and breaks pages, numbering each one', async () => {
    const paragraph = 'Il procedimento si conclude con provvedimento espresso e motivato. '.repeat(12);
    const long = receipt({ sections: [{ heading: 'Motivazione', paragraphs: Array(30).fill(paragraph) }] });
    const texts = await pageTexts(await renderOfficialDocument(long));
    expect(texts.length).toBeGreaterThan(2);
    texts.forEach((lines, index) => {
      expect(lines).toContain(`Pagina ${index + 1} di ${texts.length}`);
    });
    expect(texts[1]).toContain('Ricevuta di presentazione della domanda');
    const widest = Math.max(...texts.flat().map((line) => line.length));
    expect(widest).toBeLessThan(paragraph.length);
  });

  it('breaks a word longer than a line', async () => {
    const url = `https://lovit.example.it/${'a'.repeat(300)}`;
    const texts = await pageTexts(
      await renderOfficialDocument(receipt({ sections: [{ paragraphs: [url] }] })),
    );
    const pieces = texts[0]?.filter((line) => /^(https|a+$)/.test(line)) ?? [];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(url);
  });

  it('prints the verification code beside a QR code of the URL', async () => {
    const code = newVerificationCode();
    const url = `https://lovit.prefettura.lodi.it/verifica/${code}`;
    const bytes = await renderOfficialDocument(receipt({ verification: { code, url } }));
    const [text] = await pageTexts(bytes);
    expect(text).toEqual(expect.arrayContaining(['Codice di verifica', code, url]));
    // Version 4 (33 modules) at 96 pt: modules of about 2.3 pt (0.8 mm), readable by any phone.
    expect(QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size).toBeLessThanOrEqual(33);
  });

  it('opens with a title page alone, and starts a section on a new page when asked', async () => {
    const texts = await pageTexts(
      await renderOfficialDocument(
        receipt({
          titlePage: [
            ['Progetto', 'LO.V.I.T. 2.0'],
            ['Capofila', 'Prefettura di Lodi'],
          ],
          sections: [
            { heading: 'Sintesi', paragraphs: ['Il periodo si chiude in linea con il piano.'] },
            { heading: 'Allegato', newPage: true, paragraphs: ['Dettaglio.'] },
          ],
        }),
      ),
    );
    expect(texts).toHaveLength(3);
    expect(texts[0]).toEqual(
      expect.arrayContaining(['Ricevuta di presentazione della domanda', 'Capofila', 'Prefettura di Lodi']),
    );
    expect(texts[0]).not.toContain('Sintesi');
    expect(texts[1]?.[0]).toBe('Sintesi');
    expect(texts[1]).toContain('Ricevuta di presentazione della domanda');
    expect(texts[1]).not.toContain('Allegato');
    expect(texts[2]).toContain('Allegato');
    texts.forEach((lines, index) => {
      expect(lines).toContain(`Pagina ${index + 1} di 3`);
    });
  });

  it('draws a table whose header row heads every page it runs onto', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [
      String(i + 1),
      `Fattura n. ${i + 1}/2025`,
      '1.234,56 €',
    ]);
    const texts = await pageTexts(
      await renderOfficialDocument(
        receipt({
          sections: [
            {
              heading: 'Allegato 1',
              table: {
                columns: [
                  { header: 'N.', share: 0.1 },
                  { header: 'Giustificativo', share: 0.6 },
                  { header: 'Importo', share: 0.3, align: 'end' },
                ],
                rows,
              },
            },
          ],
        }),
      ),
    );
    expect(texts.length).toBeGreaterThan(2);
    for (const lines of texts)
      expect(lines).toEqual(expect.arrayContaining(['N.', 'Giustificativo', 'Importo']));
    const cells = texts.flat();
    for (const row of rows) expect(cells).toEqual(expect.arrayContaining(row));
  });

  it('writes each page as soon as it is full, reading the rows as it goes', async () => {
    let read = 0;
    function* rows() {
      for (let i = 0; i < 3000; i++) {
        read += 1;
        yield [`Voce ${i + 1}`, 'descrizione'];
      }
    }
    const readAtEachPage: number[] = [];
    const document = streamOfficialDocument(
      receipt({
        sections: [
          {
            table: {
              columns: [
                { header: 'Voce', share: 0.5 },
                { header: 'Nota', share: 0.5 },
              ],
              rows: rows(),
            },
          },
        ],
      }),
    );
    for await (const chunk of document)
      if (Buffer.from(chunk).toString('latin1').includes('/Type /Page ')) readAtEachPage.push(read);
    expect(readAtEachPage.length).toBeGreaterThan(50);
    expect(readAtEachPage[0]).toBeLessThan(100);
    expect(readAtEachPage.at(-1)).toBe(3000);
  });

  it('gives the same bytes for the same input', async () => {
    const input = receipt({ verification: { code: 'ABCD-EFGH-JKMN-PQRS', url: 'https://example.it/v' } });
    expect(await renderOfficialDocument(input)).toEqual(await renderOfficialDocument(input));
  });
});

describe('verification codes', () => {
  it('are 16 Crockford base32 characters in four groups', () => {
    const codes = Array.from({ length: 1000 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read back as issued, however they were typed', () => {
    const code = newVerificationCode();
    expect(normaliseVerificationCode(code)).toBe(code);
    expect(normaliseVerificationCode(` ${code.replaceAll('-', ' ').toLowerCase()} `)).toBe(code);
    expect(normaliseVerificationCode('oilL-0000-1111-abcd')).toBe('0111-0000-1111-ABCD');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseVerificationCode('')).toBeNull();
    expect(normaliseVerificationCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normaliseVerificationCode('ABCD-EFGH-JKMN-PQRST')).toBeNull();
    expect(normaliseVerificationCode('ABCD-EFGH-JKMN-PQRU')).toBeNull();
    expect(normaliseVerificationCode('ABCD_EFGH_JKMN_PQRS')).toBeNull();
  });
});
