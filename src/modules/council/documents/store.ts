/** The queries of the documents attached to the points of a meeting's agenda. */
import type { Insertable } from 'kysely';
import type { CouncilDocumentTable } from '../../../db/tables/council.ts';
import type { Db } from '../../../kernel/db.ts';

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
