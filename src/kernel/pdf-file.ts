/**
 * A PDF file written front to back, as its pages are laid out: each object gets its number when it is
 * announced, is written once, and the cross-reference table at the end points at every one. Nothing of a
 * written page stays in memory, so a document of thousands of rows costs what one page costs.
 */
import { deflateSync } from 'node:zlib';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** A number as content streams print it: at most two decimals, never an exponent. */
export const pdfNumber = (value: number) => String(Math.round(value * 100) / 100 || 0);

/** A text string of the document's information (title, author): UTF-16 with its byte order mark. */
export function pdfText(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** A date as the PDF's information dictionary writes it, in UTC: `D:20260302091500Z`. */
export const pdfDate = (at: Date) => `(D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

export class PdfFile {
  private offset = 0;
  private readonly offsets = new Map<number, number>();
  private last = 0;

  /** A number for an object written later; other objects may refer to it meanwhile. */
  reserve(): number {
    this.last += 1;
    return this.last;
  }

  /** The file's first bytes: the version and a comment of high bytes telling tools the file is binary. */
  header(): Uint8Array {
    return this.bytes(latin1('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n'));
  }

  /** An object of the dictionary or value `body`, under the reserved `number`. */
  object(number: number, body: string): Uint8Array {
    this.offsets.set(number, this.offset);
    return this.bytes(latin1(`${number} 0 obj\n${body}\nendobj\n`));
  }

  /** A stream of `content` (Latin-1 operators), compressed, with the entries of `dictionary` beside its own. */
  stream(number: number, dictionary: string, content: string): Uint8Array {
    const data = deflateSync(latin1(content));
    this.offsets.set(number, this.offset);
    return this.bytes(
      Buffer.concat([
        latin1(
          `${number} 0 obj\n<< ${dictionary}${dictionary ? ' ' : ''}/Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        ),
        data,
        latin1('\nendstream\nendobj\n'),
      ]),
    );
  }

  /** The cross-reference table and the trailer naming the catalogue and the information dictionary. */
  end(root: number, info: number): Uint8Array {
    const start = this.offset;
    const rows = ['xref', `0 ${this.last + 1}`, '0000000000 65535 f '];
    for (let number = 1; number <= this.last; number++) {
      const at = this.offsets.get(number);
      if (at === undefined) throw new Error(`PDF object ${number} was reserved and never written`);
      rows.push(`${String(at).padStart(10, '0')} 00000 n `);
    }
    rows.push(`trailer\n<< /Size ${this.last + 1} /Root ${root} 0 R /Info ${info} 0 R >>`);
    rows.push(`startxref\n${start}\n%%EOF\n`);
    return this.bytes(latin1(rows.join('\n')));
  }

  private bytes(chunk: Uint8Array): Uint8Array {
    this.offset += chunk.length;
    return chunk;
  }
}
