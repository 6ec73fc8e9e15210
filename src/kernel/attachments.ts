/**
 * Files attached to a record (a course's materials, an agenda's documents): kept by content in the file store,
 * described by the same columns, and each download audited as a read of the attachment.
 */
import type { ReadStream } from 'node:fs';
import type { Caller } from './auth.ts';
import type { StagedFile } from './files.ts';
import type { Platform } from './platform.ts';
import { auditRead } from './transaction.ts';
import { cleanFileName, fileStoreOf } from './uploads.ts';

/** What describes a stored attachment: its content's hash, size and type (read from the bytes) and its name. */
export type AttachedFile = { sha256: string; size: number; mediaType: string; fileName: string };

/** The columns of an uploaded file attached by someone now, its declared name cleaned. */
export function attachedFile(
  input: { declaredName: string; file: StagedFile },
  uploadedBy: string,
  uploadedAt: Date,
): AttachedFile & { uploadedAt: Date; uploadedBy: string } {
  const { file } = input;
  return {
    sha256: file.sha256,
    size: file.size,
    mediaType: file.mediaType,
    fileName: cleanFileName(input.declaredName, file.extension),
    uploadedAt,
    uploadedBy,
  };
}

/**
 * Opens an attachment for download and audits the read (`<entityType>.read` with the details); the file is
 * closed again when the audit cannot be written, so no download leaves without its trace.
 */
export async function openAttachedFile(
  platform: Platform,
  caller: Caller,
  row: AttachedFile,
  read: { entityType: string; entityId: string; details: Record<string, unknown> },
): Promise<{ stream: ReadStream } & Omit<AttachedFile, 'sha256'>> {
  const stream = await fileStoreOf(platform.config).open(row.sha256);
  await auditRead(
    platform.database.db,
    platform.clock,
    caller,
    read.entityType,
    read.entityId,
    read.details,
  ).catch((error: unknown) => {
    stream.destroy();
    throw error;
  });
  return { stream, mediaType: row.mediaType, fileName: row.fileName, size: row.size };
}
