/** The queries of the documents a case gives out, besides the case's own. */
import type { Insertable } from 'kysely';
import type { CaseNoticeReceiptTable } from '../../../db/tables/cases.ts';
import type { Db } from '../../../kernel/db.ts';

/** The name of the office that issues a document; undefined when the office is unknown. */
export async function findOrganisationName(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}

/** The receipt of the latest notice of a case, with its evidence's file name; undefined when none. */
export function latestNoticeReceipt(db: Db, caseId: string) {
  return db
    .selectFrom('caseNoticeReceipt as r')
    .innerJoin('caseDocument as d', 'd.id', 'r.evidenceDocumentId')
    .select(['r.eventId', 'r.receivedOn', 'r.channel', 'r.evidenceDocumentId', 'd.fileName'])
    .where('r.caseId', '=', caseId)
    .orderBy('r.recordedAt', 'desc')
    .executeTakeFirst();
}

export function insertNoticeReceipt(db: Db, row: Insertable<CaseNoticeReceiptTable>) {
  return db.insertInto('caseNoticeReceipt').values(row).execute();
}
