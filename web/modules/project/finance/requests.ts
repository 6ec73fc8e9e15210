import type {
  BudgetVersionInput,
  BudgetView,
  ExpenseInput,
  ExpenseList,
  ExpenseView,
} from '../../../../src/modules/project/finance/contract.ts';
import { api } from '../../../app/api.ts';

export type {
  AttachmentKind,
  BudgetVersionInput,
  BudgetView,
  ExpenseInput,
  ExpenseList,
  ExpenseView,
  LineCode,
} from '../../../../src/modules/project/finance/contract.ts';
export {
  ATTACHMENT_KINDS,
  CHECKS,
  DOCUMENT_TYPES,
  EXPENSE_STATUSES,
  formatEuro,
  LINE_CODES,
  PAYMENT_METHODS,
} from '../../../../src/modules/project/finance/contract.ts';

export type ExpenseFilters = {
  organisationId?: string;
  lineCode?: string;
  status?: string;
  flagged?: string;
};

export const financeKeys = {
  budget: (projectId: string, version: number | null) => ['project', 'budget', projectId, version] as const,
  budgets: (projectId: string) => ['project', 'budget', projectId] as const,
  expenses: (projectId: string) => ['project', 'expenses', projectId] as const,
  expenseList: (projectId: string, filters: ExpenseFilters) =>
    ['project', 'expenses', projectId, filters] as const,
  expense: (id: string) => ['project', 'expense', id] as const,
};

export const finance = {
  budget: (projectId: string, version: number | null) =>
    api.get<BudgetView>(`/api/project/projects/${projectId}/budget`, { version }),
  recordBudget: (projectId: string, input: BudgetVersionInput) =>
    api.post<BudgetView>(`/api/project/projects/${projectId}/budget`, input),
  expenses: (projectId: string, filters: ExpenseFilters) =>
    api.get<ExpenseList>(`/api/project/projects/${projectId}/expenses`, filters),
  expense: (id: string) => api.get<ExpenseView>(`/api/project/expenses/${id}`),
  createExpense: (projectId: string, input: ExpenseInput) =>
    api.post<ExpenseView>(`/api/project/projects/${projectId}/expenses`, input),
  updateExpense: (id: string, input: ExpenseInput) =>
    api.put<ExpenseView>(`/api/project/expenses/${id}`, input),
  deleteExpense: (id: string) => api.delete(`/api/project/expenses/${id}`),
  attach: (id: string, kind: string, file: File) =>
    api.upload<ExpenseView>(`/api/project/expenses/${id}/attachments`, { kind, file }),
  attachmentUrl: (id: string, attachmentId: string) =>
    `/api/project/expenses/${id}/attachments/${attachmentId}`,
};

/** Euros as typed by a clerk («1.234,56», «1234.5», «80») in cents; null when it is not an amount. */
export function parseEuro(typed: string): number | null {
  const compact = typed.replace(/[\s€]/g, '');
  const normalised = compact.includes(',')
    ? compact.replace(/\./g, '').replace(',', '.')
    : /^\d{1,3}(\.\d{3})+$/.test(compact)
      ? compact.replace(/\./g, '')
      : compact;
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  const [units = '0', decimals = ''] = normalised.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as a clerk types euros back in a form: «1234,56». */
export const typedEuro = (cents: number) =>
  `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
