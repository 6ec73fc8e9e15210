/**
 * The progress report as a document: a PDF through the platform's official layout, and a DOCX the office can
 * open in its word processor and keep editing. Both print the same things in the same order: the report's data,
 * the sections' text, per work package the table of its items, and the indicators against their targets.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { dayInRome } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import { type DocumentSection, renderOfficialDocument } from '../../../kernel/pdf.ts';
import { ITEM_KINDS, PROGRAMMES, type Programme } from '../contract.ts';
import { REPORT_KINDS, REPORT_STATUSES, type ReportView } from './contract.ts';
import { inWords, packageKey, periodInWords, stateInWords } from './rules.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Facts = ReportView['facts'];
type Item = Facts['packages'][number]['items'][number];

const figure = (value: number | null) =>
  value === null ? 'non rilevato' : value.toLocaleString('it-IT', { maximumFractionDigits: 2 });

const share = (value: number | null) =>
  value === null ? '–' : `${Math.round(value * 100).toLocaleString('it-IT')}%`;

const dates = (start: string, end: string) => (start === end ? inWords(start) : periodInWords(start, end));

/** The paragraphs of a section's text: blank lines part them. */
const paragraphsOf = (body: string) =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function headerRows(report: ReportView): [string, string][] {
  const { project } = report.facts;
  return [
    ['Progetto', `${project.acronym} – ${project.title}`],
    ['Codice', project.code],
    ['CUP', project.cup ?? 'non indicato'],
    ['Programma', PROGRAMMES[project.programme as Programme] ?? project.programme],
    ['Capofila', project.lead ?? 'non indicato'],
    ['Periodo', periodInWords(report.from, report.to)],
    ['Tipo di relazione', REPORT_KINDS[report.kind]],
    ['Stato', REPORT_STATUSES[report.status]],
  ];
}

/** The title page's rows: the report's data, and the day it was made final or, for a draft, printed. */
function titlePageRows(report: ReportView, at: Date): [string, string][] {
  const day = dayInRome(report.finalisedAt ? new Date(report.finalisedAt) : at);
  return [
    ...headerRows(report),
    [report.finalisedAt ? 'Resa definitiva il' : 'Bozza stampata il', inWords(day)],
  ];
}

function itemCells(item: Item): [string, string, string, string] {
  const actual =
    item.actualStart === null
      ? 'non iniziata'
      : item.actualEnd === null
        ? `iniziata il ${inWords(item.actualStart)}`
        : dates(item.actualStart, item.actualEnd);
  return [
    `${item.code} ${item.title} (${ITEM_KINDS[item.kind].toLowerCase()})`,
    dates(item.plannedStart, item.plannedEnd),
    actual,
    stateInWords(item.state, item.days),
  ];
}

const ITEM_HEADERS = ['Voce', 'Prevista', 'Effettiva', 'Stato alla fine del periodo'];
const INDICATOR_HEADERS = ['Indicatore', 'Valore', 'Obiettivo', 'Raggiunto'];
/** The PDF's columns: the items' dates and state beside their name; the indicators' figures aligned right. */
const ITEM_COLUMNS = [
  { header: 'Voce', share: 0.37 },
  { header: 'Prevista', share: 0.21 },
  { header: 'Effettiva', share: 0.21 },
  { header: 'Stato alla fine del periodo', share: 0.21 },
];
const INDICATOR_COLUMNS = [
  { header: 'Indicatore', share: 0.46 },
  { header: 'Valore', share: 0.2, align: 'end' as const },
  { header: 'Obiettivo', share: 0.2, align: 'end' as const },
  { header: 'Raggiunto', share: 0.14, align: 'end' as const },
];
const NO_ITEMS = 'Nessuna voce nel periodo';

function indicatorCells(
  v: NonNullable<Facts['snapshot']>['values'][number],
): [string, string, string, string] {
  return [
    `${v.code} ${v.name}`,
    `${figure(v.value)} ${v.unit}`,
    `${figure(v.target)} ${v.unit}`,
    share(v.share),
  ];
}

/** Each section's text, followed by the table of its facts: the package's items, or the indicators. */
function blocks(report: ReportView) {
  return report.sections.map((section) => {
    const wp = report.facts.packages.find((p) => packageKey(p.code) === section.key);
    const snapshot = section.key === 'indicators' ? report.facts.snapshot : null;
    return {
      heading: section.heading,
      paragraphs: paragraphsOf(section.body),
      table: wp
        ? { headers: ITEM_HEADERS, columns: ITEM_COLUMNS, rows: wp.items.map(itemCells) }
        : snapshot
          ? {
              headers: INDICATOR_HEADERS,
              columns: INDICATOR_COLUMNS,
              rows: snapshot.values.map(indicatorCells),
            }
          : null,
    };
  });
}

const titleOf = (report: ReportView) =>
  `Relazione sullo stato di avanzamento – ${report.facts.project.acronym}`;

/** The PDF: a title page with the report's data, then each section with its table, on the following pages. */
export function renderReportPdf(report: ReportView, at: Date): Promise<Uint8Array> {
  const sections: DocumentSection[] = blocks(report).map(({ heading, paragraphs, table }) => {
    if (!table) return { heading, paragraphs };
    if (table.rows.length === 0) return { heading, paragraphs: [...paragraphs, `${NO_ITEMS}.`] };
    return { heading, paragraphs, table: { columns: table.columns, rows: table.rows } };
  });
  const title = titleOf(report);
  const { project } = report.facts;
  return renderOfficialDocument({
    issuer: [prefectureName(), `Progetto ${project.acronym}`],
    title,
    subtitle: `${report.title} – periodo ${periodInWords(report.from, report.to)}`,
    titlePage: titlePageRows(report, at),
    sections,
    footer: `${project.acronym}${project.cup ? ` – CUP ${project.cup}` : ''} – ${REPORT_STATUSES[report.status].toLowerCase()}`,
    metadata: { title, subject: report.title, author: prefectureName(), createdAt: at },
  });
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function docxTable(headers: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...(rows.length > 0
        ? rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))
        : [new TableRow({ children: [cell(NO_ITEMS), cell(''), cell(''), cell('')] })]),
    ],
  });
}

export function renderReportDocx(report: ReportView): Promise<Buffer> {
  const { project } = report.facts;
  const title = titleOf(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: prefectureName(), bold: true })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    new Paragraph({ children: [new TextRun({ text: report.title, italics: true })] }),
    ...headerRows(report).map(
      ([label, value]) =>
        new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const block of blocks(report)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.heading)] }));
    for (const text of block.paragraphs) children.push(new Paragraph({ children: [new TextRun(text)] }));
    if (block.table) children.push(docxTable(block.table.headers, block.table.rows));
  }
  const document = new Document({
    creator: `LOVIT – ${prefectureName()}`,
    title,
    description: report.title,
    lastModifiedBy: 'LOVIT',
    revision: 1,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun(`${project.acronym}${project.cup ? ` – CUP ${project.cup}` : ''} – Pagina `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(' di '),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
