/**
 * Upload tokens: a file uploaded ahead of the record that will refer to it (an opinion's answer) is named
 * later by its token, never by its SHA-256, so that knowing a file's hash never gives access to it. A token
 * is bound to the user who uploaded and to the record it was uploaded for, lasts a short while and is used
 * once.
 */
import type { Db } from './db.ts';
import type { StoredFile } from './files.ts';
import { newId } from './ids.ts';

/** Long enough to upload the files and then write the answer; short enough that a stray token soon dies. */
const TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** The record a file is uploaded for: its kind (`opinion`, …) and its id. */
export type UploadPurpose = { recordKind: string; recordId: string };

export type UploadedFile = Pick<StoredFile, 'sha256' | 'size'> & { mediaType: string; fileName: string };

/** Records an upload for `purpose` by `uploadedBy`; returns its token. */
export async function issueUploadToken(
  db: Db,
  input: { file: StoredFile; fileName: string; uploadedBy: string; purpose: UploadPurpose; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newId();
  const expiresAt = new Date(input.now.getTime() + TOKEN_LIFETIME_MS);
  await db
    .insertInto('fileUpload')
    .values({
      token,
      sha256: input.file.sha256,
      size: input.file.size,
      mediaType: input.file.mediaType,
      fileName: input.fileName,
      uploadedBy: input.uploadedBy,
      recordKind: input.purpose.recordKind,
      recordId: input.purpose.recordId,
      uploadedAt: input.now,
      expiresAt,
      usedAt: null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * The file behind a token, marked used in the caller's transaction; undefined when the token is unknown,
 * another user's, for another record, used already or expired.
 */
export async function redeemUploadToken(
  db: Db,
  token: string,
  by: { uploadedBy: string; purpose: UploadPurpose; now: Date },
): Promise<UploadedFile | undefined> {
  return db
    .updateTable('fileUpload')
    .set({ usedAt: by.now })
    .where('token', '=', token)
    .where('uploadedBy', '=', by.uploadedBy)
    .where('recordKind', '=', by.purpose.recordKind)
    .where('recordId', '=', by.purpose.recordId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', by.now)
    .returning(['sha256', 'size', 'mediaType', 'fileName'])
    .executeTakeFirst();
}

/** Among `sha256s`, the files an upload still waiting for its record refers to. */
export async function awaitedFiles(db: Db, sha256s: readonly string[], now: Date): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('fileUpload')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
  return rows.map((row) => row.sha256);
}

/** Forgets the tokens that expired before `instant`: used or not, they name nothing any more. */
export async function forgetUploadTokensBefore(db: Db, instant: Date): Promise<void> {
  await db.deleteFrom('fileUpload').where('expiresAt', '<', instant).execute();
}
