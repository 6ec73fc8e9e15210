/**
 * The API of the reimbursement claims (domande di rimborso) and of the independent auditor's verification: the
 * claim with its expenses and totals per macro-voce against the budget and its caps, the corrections recorded
 * after submission, the checklist and outcome per expense, the verbale and its signed copy. Amounts are cents.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  LINE_CODES,
  type LineCode,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '../finance/contract.ts';

export const CLAIM_KINDS = { INTERMEDIATE: 'Intermedia', FINAL: 'Finale' } as const;
export type ClaimKind = keyof typeof CLAIM_KINDS;

export const CLAIM_STATUSES = {
  DRAFT: 'In preparazione',
  SUBMITTED: 'Presentata, in verifica',
  VERIFIED: 'Verificata dal revisore',
} as const;
export type ClaimStatus = keyof typeof CLAIM_STATUSES;

/** The independent auditor's checklist (Manuale operativo dei controlli del Revisore, FAMI 2014-2020). */
export const CHECKLIST = {
  allocation: 'Corretta imputazione al budget vigente',
  eligibility: 'Ammissibilità della spesa',
  documents: 'Completezza dei documenti giustificativi',
  payment: 'Effettivo pagamento (quietanza)',
  stamp: 'Timbro di annullo sull’originale',
  noDoubleFunding: 'Assenza di doppio finanziamento',
  reasonableness: 'Economicità e congruità',
} as const;
export type ChecklistItem = keyof typeof CHECKLIST;
const checklistItems = Object.keys(CHECKLIST) as [ChecklistItem, ...ChecklistItem[]];

export const OUTCOMES = {
  ADMITTED: 'Ammessa per intero',
  PARTIAL: 'Ammessa in parte',
  NOT_ADMITTED: 'Non ammessa',
} as const;
export type Outcome = keyof typeof OUTCOMES;

const cents = z
  .number('Indicare un importo')
  .int('Indicare l’importo in centesimi')
  .min(-100_000_000_000, 'Importo troppo basso')
  .max(100_000_000_000, 'Importo troppo alto');

export const claimInput = z.object({
  kind: z.enum(['INTERMEDIATE', 'FINAL'], 'Scegliere il tipo di domanda'),
  periodStart: legalDay,
  periodEnd: legalDay,
  expenseIds: z
    .array(z.uuid('Scegliere le spese dall’elenco'))
    .min(1, 'Scegliere almeno una spesa')
    .max(20_000, 'Al massimo 20.000 spese in una domanda'),
});
export type ClaimInput = z.infer<typeof claimInput>;

export const correctionInput = z.object({
  /** The expense of the claim it corrects; null for a correction of the claim as a whole. */
  expenseId: z.uuid('Scegliere la spesa dall’elenco').nullable().optional(),
  amountCents: cents.refine((value) => value !== 0, 'Indicare un importo diverso da zero'),
  reason: multilineText(2000),
});
export type CorrectionInput = z.infer<typeof correctionInput>;

const checklistAnswer = z.object({
  ok: z.boolean('Indicare sì o no'),
  note: text(1000).nullable().optional(),
});

export const outcomeInput = z.object({
  checklist: z.object(
    Object.fromEntries(checklistItems.map((item) => [item, checklistAnswer])) as Record<
      ChecklistItem,
      typeof checklistAnswer
    >,
  ),
  outcome: z.enum(['ADMITTED', 'PARTIAL', 'NOT_ADMITTED'], 'Scegliere l’esito'),
  /** Only for an expense admitted in part. */
  admittedCents: z.number().int('Indicare l’importo in centesimi').nullable().optional(),
  reasons: multilineText(4000).nullable().optional(),
});
export type OutcomeInput = z.infer<typeof outcomeInput>;

const checklistView = z.record(z.string(), z.object({ ok: z.boolean(), note: z.string().nullable() }));

export const outcomeView = z.object({
  checklist: checklistView,
  outcome: z.enum(['ADMITTED', 'PARTIAL', 'NOT_ADMITTED']),
  admittedCents: z.number().int(),
  reasons: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type OutcomeView = z.infer<typeof outcomeView>;

export const claimExpenseView = z.object({
  id: z.uuid(),
  organisationName: z.string(),
  lineCode: z.enum(Object.keys(LINE_CODES) as [LineCode, ...LineCode[]]),
  workPackageCode: z.string().nullable(),
  description: z.string(),
  /** «Fattura n. 12 del 3 marzo 2026». */
  reference: z.string(),
  documentType: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]),
  documentDate: z.string(),
  supplierName: z.string(),
  totalCents: z.number().int(),
  amountCents: z.number().int(),
  paymentDate: z.string().nullable(),
  paymentMethod: z.enum(Object.keys(PAYMENT_METHODS) as [PaymentMethod, ...PaymentMethod[]]).nullable(),
  paymentReference: z.string().nullable(),
  outcome: outcomeView.nullable(),
});
export type ClaimExpenseView = z.infer<typeof claimExpenseView>;

export const lineTotalView = z.object({
  code: z.string(),
  label: z.string(),
  budgetCents: z.number().int(),
  /** What earlier submitted claims of the project asked on the macro-voce. */
  earlierCents: z.number().int(),
  claimedCents: z.number().int(),
  admittedCents: z.number().int().nullable(),
});
export type LineTotalView = z.infer<typeof lineTotalView>;

export const claimCapView = z.object({
  code: z.string(),
  subject: z.string(),
  limitCents: z.number().int(),
  /** What this and the earlier claims ask on the capped macro-voci. */
  claimedCents: z.number().int(),
  ok: z.boolean(),
  message: z.string(),
});
export type ClaimCapView = z.infer<typeof claimCapView>;

export const correctionView = z.object({
  id: z.uuid(),
  expenseId: z.uuid().nullable(),
  amountCents: z.number().int(),
  reason: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});

export const verbaleView = z.object({
  closedAt: z.string(),
  closedByName: z.string(),
  claimedCents: z.number().int(),
  admittedCents: z.number().int(),
  sealHash: z.string().nullable(),
  sha256: z.string(),
  signed: z
    .object({
      sha256: z.string(),
      fileName: z.string(),
      size: z.number().int(),
      signedAt: z.string(),
      /** The PDF carries a digital signature: noted on upload, not verified. */
      digitallySigned: z.boolean(),
    })
    .nullable(),
});

export const claimSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  kind: z.enum(['INTERMEDIATE', 'FINAL']),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(['DRAFT', 'SUBMITTED', 'VERIFIED']),
  expenses: z.number().int(),
  claimedCents: z.number().int(),
  submittedAt: z.string().nullable(),
});
export type ClaimSummary = z.infer<typeof claimSummary>;

export const claimList = z.object({
  projectId: z.uuid(),
  acronym: z.string(),
  claims: z.array(claimSummary),
  can: z.object({ manage: z.boolean() }),
});
export type ClaimList = z.infer<typeof claimList>;

export const candidateView = z.object({
  id: z.uuid(),
  reference: z.string(),
  organisationName: z.string(),
  lineCode: z.string(),
  documentDate: z.string(),
  amountCents: z.number().int(),
  /** Why a claim cannot take it now; null when it can. */
  blockedBy: z.string().nullable(),
});

export const claimView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  acronym: z.string(),
  number: z.number().int(),
  kind: z.enum(['INTERMEDIATE', 'FINAL']),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(['DRAFT', 'SUBMITTED', 'VERIFIED']),
  budgetVersion: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  expenses: z.array(claimExpenseView),
  lines: z.array(lineTotalView),
  caps: z.array(claimCapView),
  claimedCents: z.number().int(),
  correctedCents: z.number().int(),
  corrections: z.array(correctionView),
  lockedTimesheets: z.number().int(),
  verbale: verbaleView.nullable(),
  /** What the caller may do now: change or submit it, correct it, record outcomes and close, upload the signed verbale. */
  can: z.object({ manage: z.boolean(), correct: z.boolean(), verify: z.boolean(), sign: z.boolean() }),
});
export type ClaimView = z.infer<typeof claimView>;

export const candidateList = z.object({ candidates: z.array(candidateView) });
export type CandidateList = z.infer<typeof candidateList>;
