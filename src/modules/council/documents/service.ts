/**
 * Documents attached to the points of a meeting's agenda: uploaded by the secretariat, stored by content (type
 * read from the bytes), read by the organisations invited to the meeting; every download is audited.
 */
import { attachedFile, openAttachedFile } from '../../../kernel/attachments.ts';
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { CouncilDocumentView } from '../contract.ts';
import { actorOf, MEETING_NOT_FOUND, refuseIfCancelled, scopeOf } from '../service.ts';
import * as store from '../store.ts';
import * as documentsStore from './store.ts';

const DOCUMENT_NOT_FOUND = 'Il documento non esiste o non è accessibile.';

function viewOf(row: documentsStore.DocumentRow): CouncilDocumentView {
  return {
    id: row.id,
    agendaItemId: row.agendaItemId,
    fileName: row.fileName,
    size: row.size,
    mediaType: row.mediaType as CouncilDocumentView['mediaType'],
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** The documents of a meeting, oldest first, for the meeting page (its reader's access already checked). */
export async function meetingDocuments(db: Db, meetingId: string): Promise<CouncilDocumentView[]> {
  const rows = await documentsStore.documentsOfMeeting(db, meetingId);
  return rows.map(viewOf);
}

/** Attaches an uploaded file to a point of the agenda, keeping it in the store; not to a cancelled meeting. */
export async function attachDocument(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  agendaItemId: string,
  input: { declaredName: string; file: StagedFile },
): Promise<CouncilDocumentView> {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const meeting = await store.lockMeeting(db, meetingId);
    if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
    if (!(await store.agenda(db, meetingId)).some((item) => item.id === agendaItemId))
      throw new NotFound('Il punto non è all’ordine del giorno di questa seduta.');
    refuseIfCancelled(meeting, 'non si allegano documenti');
    const { file } = input;
    const row = {
      id: newId(),
      meetingId,
      agendaItemId,
      ...attachedFile(input, actor.userId, platform.clock.now()),
    };
    await documentsStore.insertDocument(db, row);
    await audit({
      kind: 'change',
      action: 'council.document.attach',
      entityType: 'council_document',
      entityId: row.id,
      before: null,
      after: { meetingId, agendaItemId, fileName: row.fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
    return viewOf(row);
  });
}

/** Among some stored files, those that are documents of a meeting: the orphan sweeper keeps them. */
export const meetingFiles = documentsStore.storedDocuments;

/** A document's content for download, to the secretariat and the organisations invited; the read is audited. */
export async function openCouncilDocument(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  documentId: string,
) {
  const { db } = platform.database;
  const [meeting] = await store.meetings(db, scopeOf(actorOf(caller)), { id: meetingId });
  const row = meeting ? await documentsStore.findDocument(db, meetingId, documentId) : undefined;
  if (!row) throw new NotFound(DOCUMENT_NOT_FOUND);
  return openAttachedFile(platform, caller, row, {
    entityType: 'council_document',
    entityId: documentId,
    details: { meetingId, agendaItemId: row.agendaItemId, fileName: row.fileName },
  });
}
