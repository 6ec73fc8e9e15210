/**
 * The documents of a claim as the funder expects them: the XLSX detail of every supporting document (the fields
 * the FAMI information system asks for each giustificativo), the PDF summary per macro-voce against the budget
 * and its caps, and the auditor's verbale di verifica with Allegato 1 (detail of the verified expenses) and
 * Allegato 2 (findings). The workbook is written row by row into a stream, never whole in memory.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dayInRome } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import { type DocumentSection, renderOfficialDocument, streamOfficialDocument } from '../../../kernel/pdf.ts';
import { PROGRAMMES } from '../contract.ts';
import { DOCUMENT_TYPES, formatEuro, LINE_CODES, PAYMENT_METHODS } from '../finance/contract.ts';
import { italianDay } from '../finance/rules.ts';
import { CHECKLIST, type ChecklistItem, CLAIM_KINDS, OUTCOMES } from './contract.ts';
import { type claimCaps, type lineTotals, periodText } from './rules.ts';
import type { ClaimedExpense, ClaimRow, OutcomeRow } from './store.ts';

/** A text as one sentence: its own full stop kept, one added where it has none. */
const sentenceOf = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the documents of a claim print. */
export type ClaimDocument = {
  claim: ClaimRow;
  project: {
    code: string;
    acronym: string;
    title: string;
    programme: keyof typeof PROGRAMMES;
    cup: string | null;
  };
  expenses: (ClaimedExpense & { reference: string; outcome: OutcomeRow | null })[];
  lines: ReturnType<typeof lineTotals>;
  caps: ReturnType<typeof claimCaps>;
  corrections: readonly { amountCents: number; reason: string; recordedByName: string; recordedAt: Date }[];
  claimedCents: number;
  admittedCents: number;
  correctedCents: number;
  budgetCents: number;
};

const euros = (cents: number) => cents / 100;
const EURO_FORMAT = '#,##0.00 "€"';
const dayCell = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

const COLUMNS: { header: string; key: string; width: number; money?: boolean; date?: boolean }[] = [
  { header: 'N.', key: 'n', width: 6 },
  { header: 'Riferimento del giustificativo', key: 'reference', width: 42 },
  { header: 'Tipo di documento', key: 'type', width: 16 },
  { header: 'Sostenuta da', key: 'bearer', width: 28 },
  { header: 'Data del documento', key: 'documentDate', width: 14, date: true },
  { header: 'Fornitore o percipiente', key: 'supplier', width: 30 },
  { header: 'Codice fiscale o partita IVA', key: 'taxCode', width: 20 },
  { header: 'Descrizione', key: 'description', width: 40 },
  { header: 'Voce di budget', key: 'line', width: 30 },
  { header: 'Work package', key: 'workPackage', width: 10 },
  { header: 'Imponibile', key: 'net', width: 14, money: true },
  { header: 'IVA', key: 'vat', width: 12, money: true },
  { header: 'Totale del documento', key: 'total', width: 16, money: true },
  { header: 'Importo rendicontato', key: 'amount', width: 16, money: true },
  { header: 'CIG', key: 'cig', width: 12 },
  { header: 'CUP', key: 'cup', width: 17 },
  { header: 'Riferimento del pagamento', key: 'paymentReference', width: 30 },
  { header: 'Data del pagamento', key: 'paymentDate', width: 14, date: true },
  { header: 'Mezzo di pagamento', key: 'paymentMethod', width: 18 },
  { header: 'Annullato', key: 'annulled', width: 10 },
  { header: 'Esito della verifica', key: 'outcome', width: 18 },
  { header: 'Importo ammesso', key: 'admitted', width: 16, money: true },
];

/** Writes the claim's detail workbook into `stream`, one row per supporting document; resolves once written. */
export async function writeClaimWorkbook(document: ClaimDocument, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = `LOVIT – ${prefectureName()}`;
  workbook.title = `${document.project.acronym} – domanda di rimborso n. ${document.claim.number}`;
  const sheet = workbook.addWorksheet('Giustificativi', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.money ? { style: { numFmt: EURO_FORMAT } } : c.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  document.expenses.forEach((e, index) => {
    sheet
      .addRow({
        n: index + 1,
        reference: e.reference,
        type: DOCUMENT_TYPES[e.documentType],
        bearer: e.organisationName,
        documentDate: dayCell(e.documentDate),
        supplier: e.supplierName,
        taxCode: e.supplierTaxCode,
        description: e.description,
        line: `${e.lineCode} – ${LINE_CODES[e.lineCode]}`,
        workPackage: e.workPackageCode ?? '',
        net: euros(e.netCents),
        vat: euros(e.vatCents),
        total: euros(e.totalCents),
        amount: euros(e.amountCents),
        cig: e.cig ?? '',
        cup: e.cup ?? '',
        paymentReference: e.paymentReference ?? '',
        paymentDate: dayCell(e.paymentDate),
        paymentMethod: e.paymentMethod ? PAYMENT_METHODS[e.paymentMethod] : '',
        annulled: e.annulled ? 'sì' : 'no',
        outcome: e.outcome ? OUTCOMES[e.outcome.outcome] : '',
        admitted: e.outcome ? euros(e.outcome.admittedCents) : null,
      })
      .commit();
  });
  sheet.commit();
  const totals = workbook.addWorksheet('Totali per macro-voce');
  totals.columns = [
    { header: 'Macro-voce', key: 'label', width: 40 },
    { header: 'Budget', key: 'budget', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Domande precedenti', key: 'earlier', width: 18, style: { numFmt: EURO_FORMAT } },
    { header: 'Questa domanda', key: 'claimed', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: 'Ammesso', key: 'admitted', width: 16, style: { numFmt: EURO_FORMAT } },
  ];
  totals.getRow(1).font = { bold: true };
  for (const line of document.lines)
    totals
      .addRow({
        label: line.label,
        budget: euros(line.budgetCents),
        earlier: euros(line.earlierCents),
        claimed: euros(line.claimedCents),
        admitted: line.admittedCents === null ? null : euros(line.admittedCents),
      })
      .commit();
  totals.commit();
  await workbook.commit();
}

function claimRows(document: ClaimDocument): [string, string][] {
  const { claim, project } = document;
  return [
    ['Progetto', `${project.acronym} – ${project.title} (${project.code})`],
    ['Programma', PROGRAMMES[project.programme]],
    ['CUP', project.cup ?? 'non indicato'],
    ['Domanda', `n. ${claim.number}, ${CLAIM_KINDS[claim.kind].toLowerCase()}`],
    ['Periodo', periodText(claim.periodStart, claim.periodEnd)],
    [
      'Presentata',
      claim.submittedAt
        ? `il ${italianDay(dayInRome(claim.submittedAt))} da ${claim.submittedByName}`
        : 'non ancora presentata',
    ],
    [
      'Budget di riferimento',
      claim.budgetVersion ? `versione n. ${claim.budgetVersion}` : 'versione vigente',
    ],
  ];
}

const lineRows = (document: ClaimDocument, withAdmitted: boolean): [string, string][] =>
  document.lines.map((line) => [
    line.label,
    [
      `budget ${formatEuro(line.budgetCents)}`,
      `domande precedenti ${formatEuro(line.earlierCents)}`,
      `questa domanda ${formatEuro(line.claimedCents)}`,
      ...(withAdmitted && line.admittedCents !== null ? [`ammesso ${formatEuro(line.admittedCents)}`] : []),
    ].join(' – '),
  ]);

const capRows = (document: ClaimDocument): [string, string][] =>
  document.caps.map((cap) => [cap.subject, `${cap.ok ? 'rispettato' : 'superato'}: ${cap.message}`]);

const metadata = (title: string, subject: string, at: Date) => ({
  title,
  subject,
  author: prefectureName(),
  createdAt: at,
});

const issuer = (document: ClaimDocument) => [
  prefectureName(),
  `Progetto ${document.project.acronym} – ${document.project.code}`,
];

/** The summary of a claim: totals per macro-voce against the budget, the caps, the corrections. */
export function renderClaimSummary(document: ClaimDocument, at: Date): Promise<Uint8Array> {
  const title = `Domanda di rimborso n. ${document.claim.number} – riepilogo`;
  const sections: DocumentSection[] = [
    { heading: 'Dati della domanda', rows: claimRows(document) },
    { heading: 'Totali per macro-voce', rows: lineRows(document, false) },
    {
      heading: 'Totali',
      rows: [
        ['Budget', formatEuro(document.budgetCents)],
        ['Spese rendicontate', String(document.expenses.length)],
        ['Importo richiesto', formatEuro(document.claimedCents)],
        ...(document.corrections.length > 0
          ? ([['Rettifiche successive', formatEuro(document.correctedCents)]] as [string, string][])
          : []),
      ],
    },
    { heading: 'Massimali del programma', rows: capRows(document) },
  ];
  if (document.corrections.length > 0)
    sections.push({
      heading: 'Rettifiche registrate dopo la presentazione',
      rows: document.corrections.map((c) => [
        `${italianDay(dayInRome(c.recordedAt))}, ${c.recordedByName}`,
        `${formatEuro(c.amountCents)} – ${c.reason}`,
      ]),
    });
  return renderOfficialDocument({
    issuer: issuer(document),
    title,
    subtitle: `Periodo ${periodText(document.claim.periodStart, document.claim.periodEnd)}`,
    sections,
    metadata: metadata(title, `${document.project.acronym}: domanda di rimborso`, at),
  });
}

type VerifiedExpense = ClaimDocument['expenses'][number];

/** The checklist items an expense failed, with the auditor's note on each. */
function failedItems(outcome: OutcomeRow): string[] {
  const checklist = outcome.checklist as Record<ChecklistItem, { ok: boolean; note: string | null }>;
  return (Object.keys(CHECKLIST) as ChecklistItem[])
    .filter((item) => checklist[item] && !checklist[item].ok)
    .map((item) => `${CHECKLIST[item]}${checklist[item].note ? ` (${checklist[item].note})` : ''}`);
}

/** The finding on an expense not admitted in full or with a checklist item failed; null when there is none. */
function findingOf(e: VerifiedExpense, index: number): string | null {
  const outcome = e.outcome;
  if (!outcome) return null;
  const failed = failedItems(outcome);
  if (outcome.outcome === 'ADMITTED' && failed.length === 0) return null;
  return [
    `${index + 1}. ${e.reference} – ${e.supplierName}: ${OUTCOMES[outcome.outcome].toLowerCase()}, ` +
      `richiesti ${formatEuro(e.amountCents)}, ammessi ${formatEuro(outcome.admittedCents)}.`,
    outcome.reasons ? `Motivazioni: ${sentenceOf(outcome.reasons)}` : '',
    failed.length > 0 ? `Controlli non superati: ${failed.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Allegato 2: the findings, one paragraph each, made as the page needs them. */
function* findings(document: ClaimDocument): Generator<string> {
  let any = false;
  for (const [index, e] of document.expenses.entries()) {
    const finding = findingOf(e, index);
    if (finding === null) continue;
    any = true;
    yield finding;
  }
  if (!any) yield 'Tutte le spese verificate sono ammesse per intero; la verifica non ha rilievi.';
}

const VERIFIED_COLUMNS = [
  { header: 'N.', share: 0.07 },
  { header: 'Giustificativo', share: 0.27 },
  { header: 'Sostenuta da e fornitore', share: 0.22 },
  { header: 'Voce', share: 0.07 },
  { header: 'Richiesto', share: 0.13, align: 'end' as const },
  { header: 'Esito', share: 0.11 },
  { header: 'Ammesso', share: 0.13, align: 'end' as const },
];

/** Allegato 1: a row per verified expense, made as the page needs it. */
function* verifiedRows(document: ClaimDocument): Generator<string[]> {
  for (const [index, e] of document.expenses.entries())
    yield [
      String(index + 1),
      e.reference,
      `${e.organisationName} – ${e.supplierName}`,
      e.lineCode,
      formatEuro(e.amountCents),
      e.outcome ? OUTCOMES[e.outcome.outcome] : 'senza esito',
      e.outcome ? formatEuro(e.outcome.admittedCents) : '–',
    ];
}

/**
 * The verbale of the auditor's verification, footed on every page by the audit trail's latest seal, as the
 * chunks of its PDF: the annexes are drawn a page at a time, however many expenses the claim has.
 */
export function streamVerbale(
  document: ClaimDocument,
  verification: { auditorName: string; closedAt: Date; seal: { position: number; hash: string } | null },
): AsyncIterable<Uint8Array> {
  const { claim } = document;
  const title = 'Verbale di verifica amministrativo-contabile';
  const notAdmitted = document.claimedCents - document.admittedCents;
  return streamOfficialDocument({
    issuer: issuer(document),
    title,
    subtitle: `Domanda di rimborso n. ${claim.number}, periodo ${periodText(claim.periodStart, claim.periodEnd)}`,
    sections: [
      { heading: 'Dati della domanda', rows: claimRows(document) },
      {
        heading: 'Esito della verifica',
        rows: [
          ['Revisore indipendente', verification.auditorName],
          ['Verifica chiusa il', italianDay(dayInRome(verification.closedAt))],
          ['Spese verificate', String(document.expenses.length)],
          ['Importo richiesto', formatEuro(document.claimedCents)],
          ['Importo ammesso', formatEuro(document.admittedCents)],
          ['Importo non ammesso', formatEuro(notAdmitted)],
        ],
        paragraphs: [
          'Il revisore ha verificato ogni spesa della domanda: imputazione al budget vigente, ammissibilità, ' +
            'completezza dei documenti, effettivo pagamento, timbro di annullo, assenza di doppio finanziamento, ' +
            'economicità e congruità.',
        ],
      },
      { heading: 'Totali per macro-voce', rows: lineRows(document, true) },
      { heading: 'Massimali del programma', rows: capRows(document) },
      {
        heading: 'Allegato 1 – Domanda di rimborso, dettaglio delle spese verificate',
        newPage: true,
        table: { columns: VERIFIED_COLUMNS, rows: verifiedRows(document) },
      },
      {
        heading: 'Allegato 2 – Risultanze della verifica del revisore',
        newPage: true,
        paragraphs: findings(document),
      },
    ],
    footer: verification.seal
      ? `Registro di audit: ultimo sigillo n. ${verification.seal.position}, hash ${verification.seal.hash}`
      : 'Registro di audit: nessun sigillo ancora apposto',
    metadata: metadata(
      title,
      `${document.project.acronym}: domanda di rimborso n. ${claim.number}`,
      verification.closedAt,
    ),
  });
}
