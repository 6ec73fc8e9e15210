/** The notices read the retention schedule the administrator keeps; they write nothing. */
import type { Db } from '../../../kernel/db.ts';

/** The months of the schedule's rows for the given categories (those without a row are missing). */
export async function scheduledMonths(db: Db, categories: readonly string[]): Promise<Map<string, number>> {
  if (categories.length === 0) return new Map();
  const rows = await db
    .selectFrom('retentionSchedule')
    .select(['category', 'months'])
    .where('category', 'in', [...categories])
    .execute();
  return new Map(rows.map((row) => [row.category, row.months]));
}
