/** The queries of the documents attached to the points of a meeting's agenda. */
import type { Insertable } from 'kysely';
import type { CouncilDocumentTable } from '../../../db/tables/council.ts';
import type { Db } from '../../../kernel/db.ts';

/** Among `sha256s`, the files a document of some meeting is. */
export async function storedDocuments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('councilDocument')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}

function documentsQuery(db: Db, meetingId: string) {
  return db.selectFrom('councilDocument').selectAll().where('meetingId', '=', meetingId);
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['executeTakeFirstOrThrow']>>;

export function insertDocument(db: Db, row: Insertable<CouncilDocumentTable>) {
  return db.insertInto('councilDocument').values(row).execute();
}

/** The documents of a meeting, oldest first. */
export function documentsOfMeeting(db: Db, meetingId: string) {
  return documentsQuery(db, meetingId).orderBy('uploadedAt').orderBy('id').execute();
}

export function findDocument(db: Db, meetingId: string, id: string) {
  return documentsQuery(db, meetingId).where('id', '=', id).executeTakeFirst();
}
