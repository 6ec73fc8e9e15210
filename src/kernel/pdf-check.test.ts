import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { JPEG, makeSignedPdf } from '../../test/support/pdf-fixtures.ts';
import { renderOfficialDocument } from './pdf.ts';
import { readPdf } from './pdf-check.ts';

async function plainPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage().drawText('Verbale firmato a mano e scansionato');
  document.addPage();
  return Buffer.from(await document.save());
}

describe('reading an uploaded PDF', () => {
  it('reads a whole PDF, ours or another program’s, and notes no signature where there is none', async () => {
    expect(await readPdf(await plainPdf())).toEqual({ fault: null, pages: 2, digitallySigned: false });
    const ours = await renderOfficialDocument({
      issuer: ['Prefettura di Lodi'],
      title: 'Verbale di verifica',
      sections: [{ paragraphs: ['Testo'] }],
      metadata: {
        title: 'Verbale',
        subject: 'Verbale',
        author: 'Prefettura di Lodi',
        createdAt: new Date(0),
      },
    });
    expect(await readPdf(ours)).toEqual({ fault: null, pages: 1, digitallySigned: false });
  });

  it('notes a signature dictionary, and not a document time stamp', async () => {
    expect(await readPdf(await makeSignedPdf())).toEqual({ fault: null, pages: 1, digitallySigned: true });
    expect(await readPdf(await makeSignedPdf('DocTimeStamp'))).toMatchObject({ digitallySigned: false });
  });

  it('refuses a file cut short, wherever the cut falls', async () => {
    const whole = await plainPdf();
    for (const length of [whole.length - 7, Math.floor(whole.length / 2), 400]) {
      const reading = await readPdf(whole.subarray(0, length));
      expect(reading.fault, `cut at ${length} bytes`).toMatch(/^il PDF è incompleto/);
    }
  });

  it('refuses what is no PDF, or a PDF whose objects do not parse', async () => {
    expect(await readPdf(JPEG)).toEqual({ fault: 'il file non è un PDF' });
    const empty = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n9000\n%%EOF\n');
    expect((await readPdf(empty)).fault).toMatch(/^il PDF è danneggiato: non si trova/);
    const scrambled = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(4000, 'x'),
      Buffer.from('\nstartxref\n9\n%%EOF\n'),
    ]);
    expect(await readPdf(scrambled)).toEqual({ fault: 'il PDF è danneggiato e non si riesce a leggere' });
  });
});
