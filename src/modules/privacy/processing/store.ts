import type { Db } from '../../../kernel/db.ts';

/** The retention the administrator set, per category key. */
export function retentionSchedule(db: Db) {
  return db.selectFrom('retentionSchedule').select(['category', 'months', 'legalBasis']).execute();
}
