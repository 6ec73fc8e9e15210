import { createHash, randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open as openFile, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type FileTypeResult, fileTypeFromFile } from 'file-type';
import { AppError, NotFound } from './errors.ts';

/** The kinds of document we keep, by the media type read from their content, with their extension. */
const ACCEPTED = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;

export type AcceptedMediaType = keyof typeof ACCEPTED;

export type StoredFile = {
  /** Lowercase hex SHA-256 of the content: the file's name in the store. */
  sha256: string;
  size: number;
  mediaType: AcceptedMediaType;
  extension: (typeof ACCEPTED)[AcceptedMediaType];
};

/**
 * An upload checked and hashed but not yet in the store: `keep` moves it in, as the last step of the
 * transaction that records what the file is for; `discard` removes what was not kept. A file that never
 * reaches a record never enters the store.
 */
export type StagedFile = StoredFile & {
  keep(): Promise<void>;
  discard(): Promise<void>;
  /** The staged bytes, for a use case that checks what they hold before keeping them. */
  read(): Promise<Buffer>;
};

/** An upload: a buffer, or a stream read once (a multipart file, a request body). */
export type Upload = Uint8Array | AsyncIterable<Uint8Array>;

export interface FileStore {
  /** Stores an upload under its SHA-256. Its type comes from the content, never from the declared name. */
  put(content: Upload, declaredName: string): Promise<StoredFile>;
  /** Checks and hashes an upload like `put`, keeping it aside until the record that refers to it is written. */
  stage(content: Upload, declaredName: string): Promise<StagedFile>;
  /** A stream of a stored file; NotFound when there is none, before any byte is sent. */
  open(sha256: string): Promise<ReadStream>;
  /** Where a stored file lives on disk; NotFound for anything that is not a SHA-256. */
  path(sha256: string): string;
  /** The files stored (or left aside by an upload that never finished) before `instant`, by SHA-256. */
  storedBefore(instant: Date): Promise<string[]>;
  /** Removes a stored file; nothing happens when there is none. */
  remove(sha256: string): Promise<void>;
}

export type FileStoreOptions = { directory: string; maxBytes: number };

const ACCEPTED_NAMES = 'PDF, JPEG o PNG';
const DECLARED_KINDS: Record<string, string> = {
  '.pdf': 'PDF',
  '.jpg': 'JPEG',
  '.jpeg': 'JPEG',
  '.png': 'PNG',
};
const SHA256 = /^[0-9a-f]{64}$/;

const megabytes = (bytes: number) =>
  new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

export class FileTooLarge extends AppError {
  constructor(declaredName: string, maxBytes: number) {
    super(
      413,
      'file-too-large',
      'File troppo grande',
      `Il file «${declaredName}» supera la dimensione massima consentita di ${megabytes(maxBytes)} MB.`,
      [{ path: 'file', message: `supera il limite di ${megabytes(maxBytes)} MB` }],
      { maxBytes },
    );
  }
}

/** Why the content was refused, naming what it really is when the name claims otherwise. */
function describeContent(declaredName: string, detected: FileTypeResult | undefined): string {
  if (!detected) return 'il contenuto non è di un formato riconosciuto';
  const actual = `il contenuto è un file ${detected.ext.toUpperCase()}`;
  const declared = DECLARED_KINDS[extname(declaredName).toLowerCase()];
  return declared ? `${actual}, non un ${declared}` : actual;
}

export class UnsupportedFileType extends AppError {
  constructor(declaredName: string, detected: FileTypeResult | undefined) {
    const reason = describeContent(declaredName, detected);
    super(
      415,
      'unsupported-file-type',
      'Formato del file non accettato',
      `Il file «${declaredName}» non è accettato: ${reason}. Sono accettati solo file ${ACCEPTED_NAMES}.`,
      [{ path: 'file', message: `${reason}; sono accettati solo file ${ACCEPTED_NAMES}` }],
    );
  }
}

const isAccepted = (mediaType: string | undefined): mediaType is AcceptedMediaType =>
  mediaType !== undefined && Object.hasOwn(ACCEPTED, mediaType);

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Writes the upload to `temp`, hashing as it goes; stops reading the moment it passes the limit. */
async function writeHashed(content: Upload, temp: string, maxBytes: number, declaredName: string) {
  const hash = createHash('sha256');
  let size = 0;
  const source: Chunks = content instanceof Uint8Array ? [content] : content;
  // The file is created before the first byte is read: a source failing early cannot let a late open
  // create it after the caller has removed it.
  const handle = await openFile(temp, 'wx');
  try {
    await pipeline(
      source,
      async function* (chunks: Chunks) {
        for await (const chunk of chunks) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new FileTooLarge(declaredName, maxBytes);
          hash.update(chunk);
          yield chunk;
        }
      },
      // flush: fsync before close, so a file we name by its hash is really on disk
      handle.createWriteStream({ flush: true }),
    );
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { sha256: hash.digest('hex'), size };
}

/** A rename is only durable once the directory holding the new name is synced too. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await openFile(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a process stopped in the middle of an upload left aside, older than `instant`. */
async function removeStaleStaging(tmp: string, instant: Date): Promise<void> {
  const names = await readdir(tmp).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  for (const name of names) {
    const temp = join(tmp, name);
    const info = await stat(temp).catch(() => null);
    if (info && info.mtime < instant) await rm(temp, { force: true });
  }
}

export function createFileStore({ directory, maxBytes }: FileStoreOptions): FileStore {
  const tmp = join(directory, 'tmp');

  const path = (sha256: string): string => {
    // Anything else could climb out of the store (`../`): it names no file of ours.
    if (!SHA256.test(sha256)) throw new NotFound('Il file richiesto non esiste.');
    return join(directory, sha256.slice(0, 2), sha256);
  };

  async function moveIntoPlace(temp: string, target: string): Promise<void> {
    // Same content, same name: the copy already stored is this file. Touched, so that the orphan sweeper's
    // grace period protects it until the record now referring to it is committed.
    if (await fileExists(target)) {
      const now = new Date();
      await utimes(target, now, now);
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
    await syncDirectory(dirname(target));
  }

  async function stage(content: Upload, declaredName: string): Promise<StagedFile> {
    await mkdir(tmp, { recursive: true });
    const temp = join(tmp, randomUUID());
    const discard = () => rm(temp, { force: true });
    try {
      const { sha256, size } = await writeHashed(content, temp, maxBytes, declaredName);
      const detected = await fileTypeFromFile(temp);
      const mediaType = detected?.mime;
      if (!isAccepted(mediaType)) throw new UnsupportedFileType(declaredName, detected);
      const keep = () => moveIntoPlace(temp, path(sha256));
      const read = () => readFile(temp);
      return { sha256, size, mediaType, extension: ACCEPTED[mediaType], keep, discard, read };
    } catch (error) {
      await discard();
      throw error;
    }
  }

  return {
    path,
    stage,

    async put(content, declaredName) {
      const { keep, discard, read: _read, ...stored } = await stage(content, declaredName);
      try {
        await keep();
        return stored;
      } finally {
        // Gone already after a rename; removes the copy when the store held the same content.
        await discard();
      }
    },

    async open(sha256) {
      try {
        const handle = await openFile(path(sha256), 'r');
        return handle.createReadStream();
      } catch (error) {
        if (isMissing(error)) throw new NotFound('Il file richiesto non esiste.');
        throw error;
      }
    },

    async storedBefore(instant) {
      await removeStaleStaging(tmp, instant);
      const names = await readdir(directory, { recursive: true }).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      const old: string[] = [];
      for (const name of names) {
        const sha256 = basename(name);
        if (!SHA256.test(sha256) || name !== join(sha256.slice(0, 2), sha256)) continue;
        if ((await stat(path(sha256))).mtime < instant) old.push(sha256);
      }
      return old;
    },

    async remove(sha256) {
      await rm(path(sha256), { force: true });
    },
  };
}
