/**
 * The platform's official A4 documents (receipts, clearances, decrees, reports, verbali) in one layout, written
 * page by page into a stream: a document of thousands of rows costs the memory of one page.
 */
import { StandardFonts } from 'pdf-lib';
import { pdfNumber as n, PdfFile, pdfDate, pdfText } from './pdf-file.ts';
import {
  FAINT,
  Font,
  MARGIN,
  MUTED,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  PageWriter,
  qrCodeOperators,
  type Style,
  textOperators,
} from './pdf-page.ts';
import { wrap } from './pdf-text.ts';

export type DocumentTable = {
  /** Each column's heading and share of the width (the shares add up to 1); `end` aligns figures right. */
  columns: { header: string; share: number; align?: 'end' }[];
  /** One array of cells per row, read once as the table is drawn: a generator keeps a long table out of memory. */
  rows: Iterable<string[]>;
};

export type DocumentSection = {
  heading?: string;
  /** The section begins on a new page. */
  newPage?: boolean;
  /** Label and value pairs, as on a receipt: `['Richiedente', 'Mario Rossi']`. Read once. */
  rows?: Iterable<[label: string, value: string]>;
  paragraphs?: Iterable<string>;
  /** Drawn after the rows and paragraphs, its header row repeated atop every page it runs onto. */
  table?: DocumentTable;
};

export type OfficialDocument = {
  /** Lines naming the issuing office, the first in bold: `['Prefettura di Lodi – UTG', …]`. */
  issuer: string[];
  title: string;
  subtitle?: string;
  /** A title page: the issuer, the title, the subtitle and these rows alone on the first page; the sections follow. */
  titlePage?: [label: string, value: string][];
  sections: DocumentSection[];
  /** How anyone can check the document is genuine: the code in clear and a QR code of the URL. */
  verification?: { code: string; url: string };
  /** A code read at a door (a ticket): in clear and as a QR code of the code itself. */
  admission?: { label: string; code: string; note: string };
  /** Printed at the bottom of every page, beside the page number. */
  footer?: string;
  metadata: { title: string; subject: string; author: string; createdAt: Date };
};

const WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TOP = PAGE_HEIGHT - MARGIN;
/** Where a title page sets its title: below the issuer, a third of the way down. */
const COVER_TOP = PAGE_HEIGHT * 0.64;
const LABEL_WIDTH = 160;
const QR_SIZE = 96;
const LEADING = 1.35;
const CELL_GAP = 6;
/** A table row of up to this many lines is never split between two pages. */
const WHOLE_ROW_LINES = 6;
const PAGE_NUMBER_WIDTH = 80;

/** Where a column's text goes: from `x`, `width` points wide (the gap to the next column left out). */
type Column = { x: number; width: number; align?: 'end' };

/** Lays text out top to bottom, on a new page when the next line would run into the footer. */
class Flow {
  y = TOP;
  /** Drawn atop every new page while a table runs on: its header row. */
  pageHeader: (() => void) | null = null;
  private operators: string[] = [];
  private written: Uint8Array[] = [];

  constructor(
    private readonly pages: PageWriter,
    private readonly bottom: number,
    readonly supported: ReadonlySet<number>,
  ) {}

  get isBlank(): boolean {
    return this.operators.length === 0;
  }

  newPage(): void {
    this.written.push(...this.pages.write(this.operators));
    this.operators = [];
    this.y = TOP;
    this.pageHeader?.();
  }

  /** The bytes of the pages finished since the last call: the caller writes them out. */
  take(): Uint8Array[] {
    const written = this.written;
    this.written = [];
    return written;
  }

  /** Writes the last page, unless it is an empty one after others; gives the bytes still to write. */
  finish(): Uint8Array[] {
    if (!this.isBlank || this.pages.count === 0) this.written.push(...this.pages.write(this.operators));
    return this.take();
  }

  /** Makes room for `height` points below the cursor. */
  reserve(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  draw(text: string | undefined, style: Style, x = MARGIN): void {
    if (text) this.operators.push(textOperators(text, style, x, this.y - style.size));
  }

  drawRaw(operators: string): void {
    this.operators.push(operators);
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

  /** A table row: each cell's lines in its column; a short row stays whole on one page. */
  cells(columns: Column[], lines: string[][], style: Style): void {
    const count = Math.max(1, ...lines.map((cell) => cell.length));
    const height = style.size * LEADING;
    this.reserve(Math.min(count, WHOLE_ROW_LINES) * height);
    for (let i = 0; i < count; i++) {
      this.reserve(height);
      columns.forEach((column, c) => {
        const line = lines[c]?.[i];
        if (!line) return;
        const x =
          column.align === 'end'
            ? column.x + column.width - style.font.widthOfTextAtSize(line, style.size)
            : column.x;
        this.draw(line, style, x);
      });
      this.y -= height;
    }
    this.y -= 3;
  }

  rule(after: number, color = MUTED, thickness = 0.6): void {
    const stroke = `${color.map(n).join(' ')} RG ${thickness} w`;
    this.operators.push(`q ${stroke} ${MARGIN} ${n(this.y)} m ${n(PAGE_WIDTH - MARGIN)} ${n(this.y)} l S Q`);
    this.y -= after;
  }
}

/** Every style the documents use: one place to change the look of all of them. */
function stylesOf(regular: Font, bold: Font, mono: Font) {
  return {
    issuer: { font: bold, size: 12 },
    office: { font: regular, size: 10 },
    cover: { font: bold, size: 20 },
    title: { font: bold, size: 16 },
    subtitle: { font: regular, size: 11, color: MUTED },
    heading: { font: bold, size: 11.5 },
    label: { font: bold, size: 9.5, color: MUTED },
    body: { font: regular, size: 10.5 },
    columnHeader: { font: bold, size: 8.5, color: MUTED },
    cell: { font: regular, size: 9 },
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
  flow.drawRaw(qrCodeOperators(value, MARGIN, flow.y, QR_SIZE));
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

/** The issuer, the title and the subtitle; with a title page, set lower and followed by its rows alone. */
function writeHeading(flow: Flow, input: OfficialDocument, styles: Styles): void {
  input.issuer.forEach((line, i) => {
    flow.text(line, i === 0 ? styles.issuer : styles.office);
  });
  flow.y -= 6;
  flow.rule(22);
  if (input.titlePage) flow.y = Math.min(flow.y, COVER_TOP);
  flow.text(input.title, input.titlePage ? styles.cover : styles.title, 4);
  if (input.subtitle) flow.text(input.subtitle, styles.subtitle);
  flow.y -= 14;
  if (!input.titlePage) return;
  flow.rule(14, FAINT);
  for (const [label, value] of input.titlePage) flow.row(label, value, styles.label, styles.body);
  flow.newPage();
}

function* writeTable(flow: Flow, table: DocumentTable, styles: Styles): Generator<Uint8Array> {
  let x = MARGIN;
  const columns = table.columns.map(({ share, align }, c): Column => {
    const column = { x, width: share * WIDTH - (c < table.columns.length - 1 ? CELL_GAP : 0), align };
    x += share * WIDTH;
    return column;
  });
  const linesOf = (cells: string[], style: Style) =>
    columns.map((column, c) => wrap(cells[c] ?? '', style, column.width, flow.supported));
  const header = linesOf(
    table.columns.map((column) => column.header),
    styles.columnHeader,
  );
  const writeHeader = () => {
    flow.cells(columns, header, styles.columnHeader);
    flow.rule(5);
  };
  // the header with at least two lines of the first row
  flow.reserve((Math.max(...header.map((cell) => cell.length)) + 2) * styles.cell.size * LEADING + 8);
  writeHeader();
  flow.pageHeader = writeHeader;
  try {
    for (const row of table.rows) {
      flow.cells(columns, linesOf(row, styles.cell), styles.cell);
      flow.rule(4, FAINT, 0.3);
      yield* flow.take();
    }
  } finally {
    flow.pageHeader = null;
  }
}

function* writeSection(flow: Flow, section: DocumentSection, styles: Styles): Generator<Uint8Array> {
  if (section.newPage && !flow.isBlank) flow.newPage();
  if (section.heading) {
    // keep a heading with the first lines under it
    flow.reserve(48);
    flow.text(section.heading, styles.heading, 4);
  }
  for (const [label, value] of section.rows ?? []) {
    flow.row(label, value, styles.label, styles.body);
    yield* flow.take();
  }
  for (const paragraph of section.paragraphs ?? []) {
    flow.text(paragraph, styles.body, 6);
    yield* flow.take();
  }
  if (section.table) yield* writeTable(flow, section.table, styles);
  flow.y -= 10;
}

function informationOf(metadata: OfficialDocument['metadata']): string {
  const at = pdfDate(metadata.createdAt);
  return (
    `<< /Title ${pdfText(metadata.title)} /Subject ${pdfText(metadata.subject)} /Author ${pdfText(metadata.author)}` +
    ` /Creator ${pdfText('LOVIT')} /Producer ${pdfText('LOVIT')} /CreationDate ${at} /ModDate ${at} >>`
  );
}

/**
 * An A4 document for receipts, clearances, decrees and reports, as the chunks of its file: each page is
 * written as soon as it is full. The same input gives the same bytes.
 */
export async function* streamOfficialDocument(input: OfficialDocument): AsyncGenerator<Uint8Array> {
  const file = new PdfFile();
  yield file.header();
  const catalog = file.reserve();
  const tree = file.reserve();
  const regular = new Font('F1', StandardFonts.Helvetica, file.reserve());
  const bold = new Font('F2', StandardFonts.HelveticaBold, file.reserve());
  const mono = new Font('F3', StandardFonts.CourierBold, file.reserve());
  for (const font of [regular, bold, mono]) yield file.object(font.number, font.dictionary());
  const styles = stylesOf(regular, bold, mono);
  const supported = regular.supported;
  const footer = input.footer ? wrap(input.footer, styles.small, WIDTH - PAGE_NUMBER_WIDTH, supported) : [];
  const runningTitle = wrap(input.title, styles.small, WIDTH, supported)[0] ?? '';
  const pages = new PageWriter(file, tree, [regular, bold, mono], (operators, index) => {
    footer.forEach((line, i) => {
      operators.push(textOperators(line, styles.small, MARGIN, MARGIN - 20 + (footer.length - 1 - i) * 10));
    });
    if (index > 0)
      operators.push(textOperators(runningTitle, styles.small, MARGIN, PAGE_HEIGHT - MARGIN + 16));
  });
  const flow = new Flow(pages, MARGIN + footer.length * 10 + 4, supported);

  writeHeading(flow, input, styles);
  for (const section of input.sections) yield* writeSection(flow, section, styles);
  if (input.verification) writeVerification(flow, input.verification, styles);
  if (input.admission)
    writeQrBlock(flow, input.admission.code, [
      [input.admission.label, styles.codeLabel],
      [input.admission.code, styles.code],
      [input.admission.note, styles.note],
    ]);
  yield* flow.finish();
  yield* pages.close(styles.small);
  const information = file.reserve();
  yield file.object(information, informationOf(input.metadata));
  yield file.object(
    catalog,
    `<< /Type /Catalog /Pages ${tree} 0 R /Lang (it-IT) /ViewerPreferences << /DisplayDocTitle true >> >>`,
  );
  yield file.end(catalog, information);
}

/** An official document whole in memory: for the short ones (a receipt, a certificate, a decree). */
export async function renderOfficialDocument(input: OfficialDocument): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of streamOfficialDocument(input)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export { newVerificationCode, normaliseVerificationCode } from './codes.ts';
