/**
 * What a page of an official document is made of: the A4 sheet, the standard fonts, the operators that draw a
 * line of text or a QR code, and the writer of each finished page into the file.
 */
import { PageSizes, StandardFontEmbedder, type StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { pdfNumber as n, type PdfFile } from './pdf-file.ts';

export const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
export const MARGIN = 56;

export type Color = readonly [red: number, green: number, blue: number];
export const INK: Color = [0.08, 0.08, 0.08];
export const MUTED: Color = [0.38, 0.38, 0.38];
export const FAINT: Color = [0.78, 0.78, 0.78];
const BLACK: Color = [0, 0, 0];

/** A standard font: nothing embedded, its metrics known to every reader. `key` names it in the pages' resources. */
export class Font {
  private readonly metrics: StandardFontEmbedder;

  constructor(
    readonly key: string,
    readonly name: StandardFonts,
    readonly number: number,
  ) {
    // the same names under the type of pdf-lib's own font package
    this.metrics = StandardFontEmbedder.for(name as string as Parameters<typeof StandardFontEmbedder.for>[0]);
  }

  get supported(): ReadonlySet<number> {
    return new Set(this.metrics.encoding.supportedCodePoints);
  }

  widthOfTextAtSize(text: string, size: number): number {
    return this.metrics.widthOfTextAtSize(text, size);
  }

  /** The text as a hex string of the font's encoding (WinAnsi): `<4369616F>`. */
  encode(text: string): string {
    return this.metrics.encodeText(text).toString();
  }

  dictionary(): string {
    return `<< /Type /Font /Subtype /Type1 /BaseFont /${this.name} /Encoding /WinAnsiEncoding >>`;
  }
}

export type Style = { font: Font; size: number; color?: Color };

const fill = (color: Color) => `${color.map(n).join(' ')} rg`;

/** One line of text whose baseline is at `y`: each line its own `Tj`, as text extractors expect. */
export function textOperators(
  text: string,
  { font, size, color = INK }: Style,
  x: number,
  y: number,
): string {
  return `BT /${font.key} ${n(size)} Tf ${fill(color)} ${n(x)} ${n(y)} Td ${font.encode(text)} Tj ET`;
}

/** The QR code as filled squares, a rectangle per run of dark modules, with the 4-module quiet zone. */
export function qrCodeOperators(value: string, x: number, top: number, size: number): string {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const start = col;
      while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
      runs.push(`${start + 4} ${row + 4} ${col - start + 1} 1 re`);
    }
  }
  const scale = size / (modules.size + 8);
  // in modules, from the top left corner downwards, as the code's matrix reads
  return `q ${fill(BLACK)} ${scale} 0 0 ${-scale} ${n(x)} ${n(top)} cm ${runs.join(' ')} f Q`;
}

/**
 * Writes each finished page with what every page carries (the footer, the running title after the first) and
 * a reference to its «Pagina n di m», drawn at the end once the number of pages is known.
 */
export class PageWriter {
  private readonly kids: number[] = [];
  private readonly pageNumbers: number[] = [];

  constructor(
    private readonly file: PdfFile,
    private readonly tree: number,
    private readonly fonts: Font[],
    private readonly furnish: (operators: string[], index: number) => void,
  ) {}

  private resources(xObject = ''): string {
    const fonts = this.fonts.map((font) => `/${font.key} ${font.number} 0 R`).join(' ');
    return `<< /Font << ${fonts} >>${xObject} >>`;
  }

  write(operators: string[]): Uint8Array[] {
    const index = this.kids.length;
    const [page, content, pageNumber] = [this.file.reserve(), this.file.reserve(), this.file.reserve()];
    this.kids.push(page);
    this.pageNumbers.push(pageNumber);
    this.furnish(operators, index);
    operators.push('/PageNumber Do');
    return [
      this.file.stream(content, '', operators.join('\n')),
      this.file.object(
        page,
        `<< /Type /Page /Parent ${this.tree} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
          `/Resources ${this.resources(` /XObject << /PageNumber ${pageNumber} 0 R >>`)} /Contents ${content} 0 R >>`,
      ),
    ];
  }

  get count(): number {
    return this.kids.length;
  }

  /** «Pagina n di m» of every page, right-aligned, and the page tree. */
  *close(style: Style): Generator<Uint8Array> {
    const total = this.kids.length;
    for (const [index, number] of this.pageNumbers.entries()) {
      const text = `Pagina ${index + 1} di ${total}`;
      const x = PAGE_WIDTH - MARGIN - style.font.widthOfTextAtSize(text, style.size);
      yield this.file.stream(
        number,
        `/Type /XObject /Subtype /Form /BBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources ${this.resources()}`,
        textOperators(text, style, x, MARGIN - 20),
      );
    }
    const kids = this.kids.map((kid) => `${kid} 0 R`).join(' ');
    yield this.file.object(this.tree, `<< /Type /Pages /Kids [${kids}] /Count ${total} >>`);
  }
}
