/** The queries of the documents a case gives out, besides the case's own. */
import type { Db } from '../../../kernel/db.ts';

/** The name of the office that issues a document; undefined when the office is unknown. */
export async function findOrganisationName(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
