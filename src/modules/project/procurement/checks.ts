/** What the procurement files say about expenses: the reimbursement claims ask it before taking an expense in. */
import type { Db } from '../../../kernel/db.ts';
import { blockingMessage } from './rules.ts';
import { filesOfExpenses } from './store.ts';

/**
 * For each given expense linked to a procurement file whose legal check is not positive (never checked, reset by
 * a change, or negative), one Italian message naming the file. Expenses not linked to a file, or linked to a file
 * checked positive (with or without remarks), are not listed.
 */
export async function expensesBlockedByProcurement(
  db: Db,
  expenseIds: readonly string[],
): Promise<{ expenseId: string; message: string }[]> {
  if (expenseIds.length === 0) return [];
  const rows = await filesOfExpenses(db, expenseIds);
  const blocked: { expenseId: string; message: string }[] = [];
  for (const row of rows) {
    const message = blockingMessage(row);
    if (message) blocked.push({ expenseId: row.expenseId, message });
  }
  return blocked;
}
