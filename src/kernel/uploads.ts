/**
 * One file sent as multipart/form-data, read part by part: the file goes to the content-addressed store as
 * it arrives, never whole in memory. Shared by every route that takes an upload.
 */
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, Invalid } from './errors.ts';
import {
  createFileStore,
  type FileStore,
  FileTooLarge,
  type StagedFile,
  UnsupportedFileType,
} from './files.ts';

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

export type ReadUpload = { declaredName: string; file: StagedFile; fields: Record<string, string> };

class MalformedUpload extends AppError {
  constructor() {
    super(
      400,
      'malformed-body',
      'Richiesta non leggibile',
      'Il modulo inviato è incompleto o non è un modulo multipart/form-data valido: inviarlo di nuovo.',
      [{ path: 'file', message: 'modulo incompleto o non valido' }],
    );
  }
}

class TooManyParts extends AppError {
  constructor() {
    super(
      413,
      'too-many-parts',
      'Troppi file o campi',
      'Si può inviare un solo file per volta, con pochi campi di testo.',
      [{ path: 'file', message: 'inviare un solo file per volta' }],
    );
  }
}

/** The limits of `acceptUploads` as @fastify/multipart reports them (413). */
const LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** What went wrong while reading the form, as a problem the user can act on. */
function uploadProblem(error: unknown, declaredName: string, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new FileTooLarge(declaredName, maxBytes);
  if (typeof code === 'string' && LIMIT_CODES.has(code)) return new TooManyParts();
  // busboy's own errors (no boundary, a body cut short, a broken part header) carry no code; the store's
  // do (ENOSPC, EACCES…) and stay what they are
  if (code === undefined || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new MalformedUpload();
  return error;
}

/**
 * After a refusal the client may still be sending: the rest of the body is read and dropped, and the
 * connection is closed after the answer, so the next request on it never waits behind the old body.
 */
function dropRestOfBody(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('connection', 'close');
  request.raw.unpipe();
  request.raw.resume();
}

/** Stages the request's file (field `file`) and returns it with the text fields that came with it. */
async function readUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  missing: string,
): Promise<ReadUpload> {
  if (!request.isMultipart()) throw new NotMultipart();
  const fields: Record<string, string> = {};
  let upload: Omit<ReadUpload, 'fields'> | null = null;
  let declaredName = 'file';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new Invalid([{ path: 'file', message: 'il file va inviato nel campo «file»' }]);
        }
        declaredName = part.filename || 'documento';
        const file = await fileStoreOf(config).stage(part.file, declaredName);
        upload = { declaredName: part.filename, file };
        // busboy marks a file it cut at its limit: never keep a truncated copy
        if (part.file.truncated) throw new FileTooLarge(declaredName, config.uploadMaxBytes);
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    await upload?.file.discard();
    dropRestOfBody(request, reply);
    throw uploadProblem(error, declaredName, config.uploadMaxBytes);
  }
  if (!upload) throw new Invalid([{ path: 'file', message: missing }]);
  return { ...upload, fields };
}

/**
 * Reads the request's file (field `file`) and hands it to `use`, which keeps it in the store as the last
 * step of the transaction that records it (`file.keep()`). Whatever `use` did not keep is removed, whether
 * it answered or threw: a refused upload leaves nothing behind.
 */
export async function withUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  missing: string,
  use: (upload: ReadUpload) => Promise<T>,
): Promise<T> {
  const upload = await readUpload(request, reply, config, missing);
  try {
    return await use(upload);
  } finally {
    await upload.file.discard();
  }
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

/**
 * For a route that takes fewer types than the store: a file the store refuses outright is refused with the
 * route's own words (what it accepts), so the user is not told that a PDF would do where only images do.
 */
export function refusingOtherTypes(accepted: string) {
  return (error: unknown): never => {
    if (!(error instanceof UnsupportedFileType)) throw error;
    throw new AppError(415, 'unsupported-file-type', 'Formato del file non accettato', `${accepted}.`, [
      { path: 'file', message: accepted },
    ]);
  };
}
