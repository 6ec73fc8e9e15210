/**
 * One file sent as multipart/form-data, read part by part: the file goes to the content-addressed store as
 * it arrives, never whole in memory. Shared by every route that takes an upload.
 */
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, Invalid } from './errors.ts';
import { createFileStore, type FileStore, FileTooLarge, type StoredFile } from './files.ts';

const stores = new WeakMap<Config, FileStore>();
/** The file store of the configuration: `<dataDir>/files`, with the upload limit. */
export function fileStoreOf(config: Config): FileStore {
  let files = stores.get(config);
  if (!files) {
    files = createFileStore({
      directory: path.join(config.dataDir, 'files'),
      maxBytes: config.uploadMaxBytes,
    });
    stores.set(config, files);
  }
  return files;
}

const FILE_NAME_MAX = 200;

/** The name as shown and offered on download: no folders, no control characters, never empty. */
export function cleanFileName(declared: string | undefined, extension: string): string {
  const base = (declared ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  return cleaned ? cleaned.slice(-FILE_NAME_MAX) : `documento.${extension}`;
}

class NotMultipart extends AppError {
  constructor() {
    super(
      415,
      'unsupported-media-type',
      'Formato non supportato',
      'Il documento va inviato come modulo multipart/form-data con il campo «file».',
      [{ path: 'file', message: 'inviare il file come multipart/form-data' }],
    );
  }
}

/** Registers multipart parsing in a plugin's scope, limited to one file of at most the configured size. */
export async function acceptUploads(scope: FastifyInstance, config: Config): Promise<void> {
  await scope.register(multipart, {
    // One byte over the limit: busboy cuts a file silently at its limit, the store refuses what passes it.
    limits: { fileSize: config.uploadMaxBytes + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });
}

export type ReadUpload = { declaredName: string; file: StoredFile; fields: Record<string, string> };

/** Stores the request's file (field `file`) and returns it with the text fields that came with it. */
export async function readUpload(
  request: FastifyRequest,
  config: Config,
  missing: string,
): Promise<ReadUpload> {
  if (!request.isMultipart()) throw new NotMultipart();
  const maxBytes = config.uploadMaxBytes;
  const fields: Record<string, string> = {};
  let upload: Omit<ReadUpload, 'fields'> | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new Invalid([{ path: 'file', message: 'il file va inviato nel campo «file»' }]);
        }
        const file = await fileStoreOf(config).put(part.file, part.filename || 'documento');
        // busboy marks a file it cut at its limit: never keep a truncated copy
        if (part.file.truncated) throw new FileTooLarge(part.filename, maxBytes);
        upload = { declaredName: part.filename, file };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new FileTooLarge(upload?.declaredName ?? 'file', maxBytes);
    throw error;
  }
  if (!upload) throw new Invalid([{ path: 'file', message: missing }]);
  return { ...upload, fields };
}

/** `attachment` with a plain-ASCII name for old clients and the real one (RFC 6266, RFC 5987) for the rest. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]|["\\]/g, (char) => (/\p{M}/u.test(char) ? '' : '_'));
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a stored file for download, never cached by a shared cache. */
export function sendFile(
  reply: FastifyReply,
  file: { stream: unknown; mediaType: string; size: number; fileName: string },
) {
  return reply
    .type(file.mediaType)
    .header('content-length', file.size)
    .header('content-disposition', attachmentHeader(file.fileName))
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
