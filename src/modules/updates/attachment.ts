/**
 * The act itself as a PDF attached to a draft (type read from the bytes, like every upload), downloaded by
 * everyone who reads the update; every download is audited.
 */
import type { ReadStream } from 'node:fs';
import type { Caller } from '../../kernel/auth.ts';
import { AppError, Invalid, NotFound } from '../../kernel/errors.ts';
import { type StagedFile, UnsupportedFileType } from '../../kernel/files.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf } from '../../kernel/uploads.ts';
import { actorOf, lockDraft, visibleUpdate } from './service.ts';
import * as store from './store.ts';

export const ONLY_PDF = 'È accettato solo un file PDF';

/** A file the store refuses outright (neither PDF nor image) is refused as what the act must be: a PDF. */
export function asPdfRefusal(error: unknown): unknown {
  if (!(error instanceof UnsupportedFileType)) return error;
  return new AppError(415, 'unsupported-file-type', 'Formato del file non accettato', `${ONLY_PDF}.`, [
    { path: 'file', message: ONLY_PDF },
  ]);
}

export async function attachAct(
  platform: Platform,
  caller: Caller,
  id: string,
  input: { declaredName: string; file: StagedFile },
): Promise<{ fileName: string; size: number }> {
  const { file } = input;
  if (file.mediaType !== 'application/pdf') throw new Invalid([{ path: 'file', message: ONLY_PDF }]);
  const fileName = cleanFileName(input.declaredName, file.extension);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const draft = await lockDraft(db, id);
    await store.patchUpdate(db, id, {
      attachmentSha256: file.sha256,
      attachmentSize: file.size,
      attachmentFileName: fileName,
      updatedAt: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'updates.update.attach',
      entityType: 'legal_update',
      entityId: id,
      before: draft.attachmentSha256
        ? { fileName: draft.attachmentFileName, sha256: draft.attachmentSha256 }
        : null,
      after: { fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
    return { fileName, size: file.size };
  });
}

export async function openAct(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<{ stream: ReadStream; mediaType: string; fileName: string; size: number }> {
  const { db } = platform.database;
  const row = await visibleUpdate(db, actorOf(caller), id);
  if (!row.attachmentSha256 || !row.attachmentFileName || row.attachmentSize === null)
    throw new NotFound('La novità non ha un atto allegato.');
  const stream = await fileStoreOf(platform.config).open(row.attachmentSha256);
  await auditRead(db, platform.clock, caller, 'legal_update_act', id, {
    fileName: row.attachmentFileName,
  }).catch((error: unknown) => {
    stream.destroy();
    throw error;
  });
  return { stream, mediaType: 'application/pdf', fileName: row.attachmentFileName, size: row.attachmentSize };
}

/** Among some stored files, those attached to an update: the orphan sweeper keeps them. */
export const updateFiles = store.storedAttachments;
