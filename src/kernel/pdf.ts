import { PageSizes, PDFDocument, type PDFFont, type PDFPage, type RGB, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';

export type DocumentSection = {
  heading?: string;
  /** Label and value pairs, as on a receipt: `['Richiedente', 'Mario Rossi']`. */
  rows?: [label: string, value: string][];
  paragraphs?: string[];
};

export type OfficialDocument = {
  /** Lines naming the issuing office, the first in bold: `['Prefettura di Lodi – UTG', …]`. */
  issuer: string[];
  title: string;
  subtitle?: string;
  sections: DocumentSection[];
  /** How anyone can check the document is genuine: the code in clear and a QR code of the URL. */
  verification?: { code: string; url: string };
  /** A code read at a door (a ticket): in clear and as a QR code of the code itself. */
  admission?: { label: string; code: string; note: string };
  /** Printed at the bottom of every page, beside the page number. */
  footer?: string;
  metadata: { title: string; subject: string; author: string; createdAt: Date };
};

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 56;
const WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TOP = PAGE_HEIGHT - MARGIN;
const LABEL_WIDTH = 160;
const QR_SIZE = 96;
const LEADING = 1.35;
const INK = rgb(0.08, 0.08, 0.08);
const MUTED = rgb(0.38, 0.38, 0.38);
const PAGE_NUMBER_WIDTH = 80;

/**
 * What the standard fonts cannot show. Cyrillic after ICAO 9303's Russian table, close to how passports write
 * a name (national tables differ in a few letters); Arabic by its consonants; Latin letters with no accent to
 * strip. A stand-in for a Unicode font: the Latin name from the passport stays the one to print.
 */
const TRANSLITERATION: Record<string, string> = Object.fromEntries(
  [
    'а=a б=b в=v г=g ґ=g д=d е=e ё=e є=ie ж=zh з=z и=i і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t',
    'у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia ў=u ђ=d ј=j љ=lj њ=nj ћ=c џ=dz',
    "ا=a أ=a إ=i آ=a ب=b ت=t ث=th ج=j ح=h خ=kh د=d ذ=dh ر=r ز=z س=s ش=sh ص=s ض=d ط=t ظ=z ع=' غ=gh",
    "ف=f ق=q ك=k ل=l م=m ن=n ه=h و=w ي=y ى=a ة=a ء=' ئ=' ؤ=' پ=p چ=ch ژ=zh گ=g ک=k ی=y",
    'ł=l đ=d ı=i ħ=h ŧ=t ŋ=ng ə=e ĸ=k ſ=s',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split('=')),
);

const isUpperCase = (char: string | undefined) =>
  char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();

/** Matches a transliteration to the case of its letter: `Ж` is `Zh` in `Жанна`, `ZH` in `ЖАННА`. */
function inCase(latin: string, char: string, next: string | undefined): string {
  if (!isUpperCase(char)) return latin;
  return isUpperCase(next) ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
}

/** The character itself when the font has it, else its Latin transliteration, its unaccented base, or `?`. */
function winAnsiChar(char: string, next: string | undefined, supported: ReadonlySet<number>): string {
  const canShow = (text: string) => [...text].every((c) => c >= ' ' && supported.has(c.codePointAt(0) ?? 0));
  if (canShow(char)) return char;
  if (/\p{M}|\p{Cf}/u.test(char)) return '';
  if (/\s|\p{Cc}/u.test(char)) return ' ';
  const transliterated = TRANSLITERATION[char.toLowerCase()];
  if (transliterated !== undefined) return inCase(transliterated, char, next);
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  return base !== char && canShow(base) ? base : '?';
}

/** Text the font can draw: pdf-lib throws on any character outside its encoding (WinAnsi for Helvetica). */
function toWinAnsi(text: string, supported: ReadonlySet<number>): string {
  const chars = [...text.normalize('NFC')];
  return chars.map((char, i) => winAnsiChar(char, chars[i + 1], supported)).join('');
}

type Style = { font: PDFFont; size: number; color?: RGB };

/** The longest start of `word` that fits `width`, at least one character so that wrapping always ends. */
function fittingLength(word: string, style: Style, width: number): number {
  let length = word.length - 1;
  while (length > 1 && style.font.widthOfTextAtSize(word.slice(0, length), style.size) > width) length--;
  return Math.max(length, 1);
}

/** Lines of at most `width` points, breaking at spaces and inside words longer than a line (URLs). */
function wrap(text: string, style: Style, width: number, supported: ReadonlySet<number>): string[] {
  const lines: string[] = [];
  const fits = (line: string) => style.font.widthOfTextAtSize(line, style.size) <= width;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of toWinAnsi(paragraph, supported).split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (!fits(line)) {
        const length = fittingLength(line, style, width);
        lines.push(line.slice(0, length));
        line = line.slice(length);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Lays text out top to bottom, on a new page when the next line would run into the footer. */
class Flow {
  page: PDFPage;
  y = TOP;

  constructor(
    private readonly document: PDFDocument,
    private readonly bottom: number,
    readonly supported: ReadonlySet<number>,
  ) {
    this.page = document.addPage(PageSizes.A4);
  }

  /** Makes room for `height` points below the cursor. */
  reserve(height: number): void {
    if (this.y - height >= this.bottom) return;
    this.page = this.document.addPage(PageSizes.A4);
    this.y = TOP;
  }

  draw(text: string | undefined, style: Style, x = MARGIN): void {
    if (!text) return;
    const { font, size, color = INK } = style;
    this.page.drawText(text, { x, y: this.y - size, size, font, color });
  }

  text(text: string, style: Style, after = 0): void {
    for (const line of wrap(text, style, WIDTH, this.supported)) {
      this.reserve(style.size * LEADING);
      this.draw(line, style);
      this.y -= style.size * LEADING;
    }
    this.y -= after;
  }

  /** A label and its value side by side; a long value continues on the next page line by line. */
  row(label: string, value: string, labelStyle: Style, valueStyle: Style): void {
    const labels = wrap(label, labelStyle, LABEL_WIDTH - 12, this.supported);
    const values = wrap(value, valueStyle, WIDTH - LABEL_WIDTH, this.supported);
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      this.reserve(valueStyle.size * LEADING);
      this.draw(labels[i], labelStyle);
      this.draw(values[i], valueStyle, MARGIN + LABEL_WIDTH);
      this.y -= valueStyle.size * LEADING;
    }
    this.y -= 3;
  }

  rule(after: number): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.6,
      color: MUTED,
    });
    this.y -= after;
  }
}

/** The QR code as one vector path, a rectangle per run of dark modules, with the 4-module quiet zone. */
function drawQrCode(page: PDFPage, url: string, x: number, top: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const start = col;
      while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
      runs.push(`M${start + 4} ${row + 4}h${col - start + 1}v1h-${col - start + 1}z`);
    }
  }
  page.drawSvgPath(runs.join(''), { x, y: top, scale: QR_SIZE / (modules.size + 8), color: rgb(0, 0, 0) });
}

/** Every style the documents use: one place to change the look of all of them. */
function stylesOf(regular: PDFFont, bold: PDFFont, mono: PDFFont) {
  return {
    issuer: { font: bold, size: 12 },
    office: { font: regular, size: 10 },
    title: { font: bold, size: 16 },
    subtitle: { font: regular, size: 11, color: MUTED },
    heading: { font: bold, size: 11.5 },
    label: { font: bold, size: 9.5, color: MUTED },
    body: { font: regular, size: 10.5 },
    codeLabel: { font: bold, size: 9 },
    code: { font: mono, size: 14 },
    note: { font: regular, size: 9, color: MUTED },
    small: { font: regular, size: 8, color: MUTED },
  } satisfies Record<string, Style>;
}

type Styles = ReturnType<typeof stylesOf>;

/** A QR code of `value` with lines beside it. */
function writeQrBlock(flow: Flow, value: string, lines: [string, Style][]): void {
  flow.reserve(QR_SIZE + 12);
  flow.y -= 6;
  flow.rule(6);
  drawQrCode(flow.page, value, MARGIN, flow.y);
  const top = flow.y;
  flow.y -= 10;
  for (const [text, style] of lines) {
    for (const line of wrap(text, style, WIDTH - QR_SIZE, flow.supported)) {
      flow.draw(line, style, MARGIN + QR_SIZE);
      flow.y -= style.size * LEADING;
    }
  }
  flow.y = Math.min(flow.y, top - QR_SIZE);
}

function writeVerification(flow: Flow, { code, url }: { code: string; url: string }, styles: Styles): void {
  writeQrBlock(flow, url, [
    ['Codice di verifica', styles.codeLabel],
    [code, styles.code],
    ['Per verificare l’autenticità del documento inquadra il codice QR o visita', styles.note],
    [url, styles.note],
  ]);
}

/** Footer and "Pagina n di m" on every page, and the title atop the pages after the first. */
function finishPages(document: PDFDocument, title: string, footer: string[], small: Style): void {
  const pages = document.getPages();
  pages.forEach((page, index) => {
    const pageNumber = `Pagina ${index + 1} di ${pages.length}`;
    const numberX = PAGE_WIDTH - MARGIN - small.font.widthOfTextAtSize(pageNumber, small.size);
    page.drawText(pageNumber, { ...small, x: numberX, y: MARGIN - 20 });
    footer.forEach((line, i) => {
      page.drawText(line, { ...small, x: MARGIN, y: MARGIN - 20 + (footer.length - 1 - i) * 10 });
    });
    if (index > 0) page.drawText(title, { ...small, x: MARGIN, y: PAGE_HEIGHT - MARGIN + 16 });
  });
}

function setMetadata(document: PDFDocument, metadata: OfficialDocument['metadata']): void {
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setSubject(metadata.subject);
  document.setAuthor(metadata.author);
  document.setLanguage('it-IT');
  document.setCreator('LOVIT');
  document.setProducer('LOVIT');
  document.setCreationDate(metadata.createdAt);
  document.setModificationDate(metadata.createdAt);
}

/** An A4 document for receipts, clearances and decrees: the same input gives the same bytes. */
export async function renderOfficialDocument(input: OfficialDocument): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const styles = stylesOf(
    regular,
    await document.embedFont(StandardFonts.HelveticaBold),
    await document.embedFont(StandardFonts.CourierBold),
  );
  const supported = new Set(regular.getCharacterSet());
  const footer = input.footer ? wrap(input.footer, styles.small, WIDTH - PAGE_NUMBER_WIDTH, supported) : [];
  const flow = new Flow(document, MARGIN + footer.length * 10 + 4, supported);

  input.issuer.forEach((line, i) => {
    flow.text(line, i === 0 ? styles.issuer : styles.office);
  });
  flow.y -= 6;
  flow.rule(22);
  flow.text(input.title, styles.title, 4);
  if (input.subtitle) flow.text(input.subtitle, styles.subtitle);
  flow.y -= 14;
  for (const section of input.sections) {
    if (section.heading) {
      // keep a heading with the first lines under it
      flow.reserve(48);
      flow.text(section.heading, styles.heading, 4);
    }
    for (const [label, value] of section.rows ?? []) flow.row(label, value, styles.label, styles.body);
    for (const paragraph of section.paragraphs ?? []) flow.text(paragraph, styles.body, 6);
    flow.y -= 10;
  }
  if (input.verification) writeVerification(flow, input.verification, styles);
  if (input.admission)
    writeQrBlock(flow, input.admission.code, [
      [input.admission.label, styles.codeLabel],
      [input.admission.code, styles.code],
      [input.admission.note, styles.note],
    ]);

  const runningTitle = wrap(input.title, styles.small, WIDTH, supported)[0] ?? '';
  finishPages(document, runningTitle, footer, styles.small);
  setMetadata(document, input.metadata);
  return document.save();
}

export { newVerificationCode, normaliseVerificationCode } from './codes.ts';
