/**
 * The API of the project's budget and expenses: budget versions with lines per macro-voce and partner, the
 * rulebook's caps, and the expenses with their supporting document, payment, cancellation stamp, attachments
 * and eligibility checks. Amounts are euro cents.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';

/** The macro-voci of the FAMI budget template (Allegato 5 – Budget). */
export const LINE_CODES = {
  A: 'Costi del personale',
  B: 'Costi di viaggio e soggiorno',
  C: 'Immobili',
  D: 'Attrezzature e beni durevoli',
  E: 'Materiali di consumo',
  F: 'Subappalti e affidamenti a terzi',
  G1: 'Revisore indipendente',
  G2: 'Esperto legale',
  H: 'Costi per i destinatari',
  I: 'Costi indiretti (forfettari)',
  J: 'Costi standard',
} as const;
export type LineCode = keyof typeof LINE_CODES;
const lineCodes = Object.keys(LINE_CODES) as [LineCode, ...LineCode[]];

export const DOCUMENT_TYPES = {
  INVOICE: 'Fattura',
  PAYSLIP: 'Busta paga',
  NOTULA: 'Notula',
  RECEIPT: 'Ricevuta',
  OTHER: 'Altro documento',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const PAYMENT_METHODS = {
  BANK_TRANSFER: 'Bonifico',
  F24: 'Modello F24',
  CARD: 'Carta di pagamento',
  CHEQUE: 'Assegno non trasferibile',
  CASH: 'Contanti',
  OTHER: 'Altro mezzo',
} as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

export const EXPENSE_STATUSES = { DRAFT: 'Bozza', COMPLETE: 'Completa' } as const;
export type ExpenseStatus = keyof typeof EXPENSE_STATUSES;

export const ATTACHMENT_KINDS = {
  DOCUMENT: 'Giustificativo',
  PAYMENT: 'Prova del pagamento',
  STAMP: 'Annullo (foto o scansione)',
  OTHER: 'Altro',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** The eligibility checks shown beside every expense, by name. */
export const CHECKS = {
  PERIOD: 'Periodo del progetto',
  PAYMENT: 'Pagamento tracciabile',
  CUP: 'CUP sul documento',
  LINE: 'Capienza della voce di budget',
  STAMP: 'Annullo del documento',
  DOUBLE_FUNDING: 'Nessun doppio finanziamento',
} as const;
export type CheckRule = keyof typeof CHECKS;

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** An amount in cents as Italians write euros: «1.234,56 €». */
export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${group(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')} €`;
}

const cents = z
  .number('Indicare un importo')
  .int('Indicare l’importo in centesimi')
  .min(0, 'L’importo non può essere negativo')
  .max(100_000_000_000, 'Importo troppo alto');
const optionalText = (max: number) => text(max).nullable().optional();
const uppercaseCode = (pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .overwrite((value) => value.toUpperCase().replace(/\s+/g, ''))
    .regex(pattern, message)
    .nullable()
    .optional();

export const budgetLineInput = z.object({
  code: z.enum(lineCodes, 'Scegliere la voce dall’elenco'),
  description: optionalText(200),
  organisationId: z.uuid('Scegliere un partner dall’elenco'),
  amountCents: cents,
});
export type BudgetLineInput = z.infer<typeof budgetLineInput>;

export const budgetVersionInput = z.object({
  lines: z.array(budgetLineInput).min(1, 'Indicare almeno una voce').max(200, 'Al massimo 200 voci'),
  /** For a re-modulation: why, when the Managing Authority approved it and its act's reference. */
  reason: multilineText(2000).nullable().optional(),
  approvedOn: legalDay.nullable().optional(),
  approvalReference: optionalText(200),
});
export type BudgetVersionInput = z.infer<typeof budgetVersionInput>;

export const budgetLineView = z.object({
  id: z.uuid(),
  code: z.enum(lineCodes),
  description: z.string().nullable(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  amountCents: z.number().int(),
  /** What the expenses of this partner charged to this macro-voce add up to. */
  chargedCents: z.number().int(),
});
export type BudgetLineView = z.infer<typeof budgetLineView>;

export const capView = z.object({
  code: z.string(),
  subject: z.string(),
  lines: z.array(z.string()),
  maxBasisPoints: z.number().int(),
  limitCents: z.number().int(),
  amountCents: z.number().int(),
  ok: z.boolean(),
});
export type CapView = z.infer<typeof capView>;

export const budgetVersionSummary = z.object({
  number: z.number().int(),
  isCurrent: z.boolean(),
  reason: z.string().nullable(),
  approvedOn: z.string().nullable(),
  approvalReference: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  totalCents: z.number().int(),
});
export type BudgetVersionSummary = z.infer<typeof budgetVersionSummary>;

export const budgetVersionView = budgetVersionSummary.extend({
  lines: z.array(budgetLineView),
  directCents: z.number().int(),
  indirectCents: z.number().int(),
  /** The rulebook's caps against this version (the whole budget; empty for a partner's own view). */
  caps: z.array(capView),
  /**
   * The macro-voci the rulebook makes mandatory that this version lacks, each naming its rule, measured
   * against the project's procurement files and assignments as they are now (empty for a partner's own view).
   */
  missingLines: z.array(z.string()),
});
export type BudgetVersionView = z.infer<typeof budgetVersionView>;

export const budgetView = z.object({
  projectId: z.uuid(),
  acronym: z.string(),
  programme: z.string(),
  partners: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
  /** The version asked for (the current one by default); null before the initial budget. */
  version: budgetVersionView.nullable(),
  versions: z.array(budgetVersionSummary),
  /** The caller sees only their organisation's lines. */
  scopedTo: z.string().nullable(),
  can: z.object({ manage: z.boolean(), writeExpenses: z.boolean() }),
});
export type BudgetView = z.infer<typeof budgetView>;

export const expenseInput = z.object({
  organisationId: z.uuid('Scegliere il partner che ha sostenuto la spesa'),
  lineCode: z.enum(lineCodes, 'Scegliere la voce dall’elenco'),
  workPackageId: z.uuid('Scegliere il work package dall’elenco').nullable().optional(),
  description: text(300),
  documentType: z.enum(
    Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]],
    'Scegliere il tipo di documento',
  ),
  documentNumber: text(60).overwrite((value) => value.toUpperCase().replace(/\s+/g, '')),
  documentDate: legalDay,
  supplierName: text(200),
  supplierTaxCode: z
    .string()
    .trim()
    .overwrite((value) =>
      value
        .toUpperCase()
        .replace(/\s+/g, '')
        .replace(/^IT(?=\d{11}$)/, ''),
    )
    .regex(
      /^(\d{11}|[A-Z0-9]{16})$/,
      'Indicare la partita IVA (11 cifre) o il codice fiscale (16 caratteri)',
    ),
  netCents: cents,
  vatCents: cents,
  totalCents: cents,
  /** The part of the document's total charged to this project. */
  amountCents: cents,
  cig: uppercaseCode(/^[A-Z0-9]{10}$/, 'Il CIG è di 10 caratteri, lettere e cifre'),
  cup: uppercaseCode(/^[A-Z0-9]{15}$/, 'Il CUP è di 15 caratteri, lettere e cifre'),
  paymentDate: legalDay.nullable().optional(),
  paymentMethod: z
    .enum(
      Object.keys(PAYMENT_METHODS) as [PaymentMethod, ...PaymentMethod[]],
      'Scegliere il mezzo di pagamento',
    )
    .nullable()
    .optional(),
  paymentReference: optionalText(120),
  annulled: z.boolean('Indicare se il documento è stato annullato'),
  status: z.enum(['DRAFT', 'COMPLETE'], 'Scegliere lo stato dall’elenco'),
});
export type ExpenseInput = z.infer<typeof expenseInput>;

export const expenseFilter = z.object({
  organisationId: z.uuid().optional(),
  lineCode: z.enum(lineCodes).optional(),
  status: z.enum(['DRAFT', 'COMPLETE']).optional(),
  /** Only the expenses with a check that stops a claim. */
  flagged: z.enum(['true', 'false']).optional(),
});
export type ExpenseFilter = z.infer<typeof expenseFilter>;

export const attachmentKindInput = z.object({
  kind: z.enum(
    Object.keys(ATTACHMENT_KINDS) as [AttachmentKind, ...AttachmentKind[]],
    'Scegliere il tipo di allegato',
  ),
});

export const checkView = z.object({
  rule: z.enum(Object.keys(CHECKS) as [CheckRule, ...CheckRule[]]),
  label: z.string(),
  ok: z.boolean(),
  message: z.string(),
});
export type CheckView = z.infer<typeof checkView>;

export const attachmentView = z.object({
  id: z.uuid(),
  kind: z.enum(Object.keys(ATTACHMENT_KINDS) as [AttachmentKind, ...AttachmentKind[]]),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const expenseView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  lineCode: z.enum(lineCodes),
  workPackageId: z.uuid().nullable(),
  workPackageCode: z.string().nullable(),
  description: z.string(),
  documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]),
  documentNumber: z.string(),
  documentDate: z.string(),
  supplierName: z.string(),
  supplierTaxCode: z.string(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  totalCents: z.number().int(),
  amountCents: z.number().int(),
  cig: z.string().nullable(),
  cup: z.string().nullable(),
  paymentDate: z.string().nullable(),
  paymentMethod: z.enum(Object.keys(PAYMENT_METHODS) as [PaymentMethod, ...PaymentMethod[]]).nullable(),
  paymentReference: z.string().nullable(),
  annulled: z.boolean(),
  status: z.enum(['DRAFT', 'COMPLETE']),
  /** In a reimbursement claim: no longer changed. */
  locked: z.boolean(),
  checks: z.array(checkView),
  /** Complete and with every check passed: a claim may take it. */
  claimable: z.boolean(),
  attachments: z.array(attachmentView),
  updatedAt: z.string(),
});
export type ExpenseView = z.infer<typeof expenseView>;

export const expenseList = z.object({
  projectId: z.uuid(),
  acronym: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  partners: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
  workPackages: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string() })),
  expenses: z.array(expenseView),
  totalCents: z.number().int(),
  scopedTo: z.string().nullable(),
  can: z.object({ write: z.boolean() }),
});
export type ExpenseList = z.infer<typeof expenseList>;
