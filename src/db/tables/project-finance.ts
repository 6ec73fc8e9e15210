/** The project's budget (versions, lines per macro-voce and partner), the rulebooks' caps, and the expenses. */
import type { Instant, LegalDay } from '../columns.ts';

type Programme = 'FAMI_2014_2020' | 'FAMI_2021_2027';
export type BudgetLineCode = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G1' | 'G2' | 'H' | 'I' | 'J';

export type ProjectRulebookTable = {
  programme: Programme;
  validFrom: LegalDay;
  cupRequired: boolean;
  /** Above this a payment in cash is not traceable enough to be claimed. */
  cashLimitCents: number;
};

export type ProjectBudgetCapTable = {
  programme: Programme;
  validFrom: LegalDay;
  code: string;
  /** How the message names what is capped: «Le spese per l’esperto legale (G2)». */
  subject: string;
  /** The line codes whose sum is capped, comma-separated. */
  lines: string;
  /** The cap as a share of the direct costs, in hundredths of a per cent. */
  maxBasisPoints: number;
};

/** A macro-voce a rulebook makes mandatory in the budget: always, or once the project has some procurement. */
export type ProjectRequiredLineTable = {
  programme: Programme;
  validFrom: LegalDay;
  code: BudgetLineCode;
  /** How the message names the line: «Il revisore indipendente (G1)». */
  subject: string;
  /** The kinds of procurement that make it mandatory, comma-separated; null: always. */
  triggerKinds: string | null;
  /** The rule, as the message cites it. */
  source: string;
};

export type ProjectBudgetVersionTable = {
  id: string;
  projectId: string;
  number: number;
  reason: string | null;
  approvedOn: LegalDay | null;
  approvalReference: string | null;
  isCurrent: boolean;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Instant;
};

export type ProjectBudgetLineTable = {
  id: string;
  versionId: string;
  position: number;
  code: BudgetLineCode;
  description: string | null;
  organisationId: string;
  amountCents: number;
};

export type ExpenseDocumentType = 'INVOICE' | 'PAYSLIP' | 'NOTULA' | 'RECEIPT' | 'OTHER';
export type PaymentMethod = 'BANK_TRANSFER' | 'F24' | 'CARD' | 'CHEQUE' | 'CASH' | 'OTHER';

export type ProjectExpenseTable = {
  id: string;
  projectId: string;
  organisationId: string;
  lineCode: BudgetLineCode;
  workPackageId: string | null;
  description: string;
  documentType: ExpenseDocumentType;
  documentNumber: string;
  documentDate: LegalDay;
  supplierName: string;
  supplierTaxCode: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
  amountCents: number;
  cig: string | null;
  cup: string | null;
  paymentDate: LegalDay | null;
  paymentMethod: PaymentMethod | null;
  paymentReference: string | null;
  annulled: boolean;
  status: 'DRAFT' | 'COMPLETE';
  claimId: string | null;
  createdBy: string;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProjectExpenseAttachmentTable = {
  id: string;
  expenseId: string;
  kind: 'DOCUMENT' | 'PAYMENT' | 'STAMP' | 'OTHER';
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
};

export type ProjectFinanceTables = {
  projectRulebook: ProjectRulebookTable;
  projectBudgetCap: ProjectBudgetCapTable;
  projectRequiredLine: ProjectRequiredLineTable;
  projectBudgetVersion: ProjectBudgetVersionTable;
  projectBudgetLine: ProjectBudgetLineTable;
  projectExpense: ProjectExpenseTable;
  projectExpenseAttachment: ProjectExpenseAttachmentTable;
};
