import { sql } from 'kysely';
import type { Db } from '../../../kernel/db.ts';

/**
 * Makes the caller's transaction read one snapshot of the whole database: the records every module finds
 * about the person are as they stood at one instant. Must be the transaction's first statement.
 */
export async function readOneSnapshot(db: Db): Promise<void> {
  await sql`set transaction isolation level repeatable read`.execute(db);
}
