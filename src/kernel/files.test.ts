import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePdf, makeZip, PNG } from '../../test/support/documents.ts';
import { type AppError, NotFound } from './errors.ts';
import { createFileStore, type FileStore, FileTooLarge, UnsupportedFileType } from './files.ts';

/** A 1×1 grey JPEG, written by libjpeg-turbo's cjpeg. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYU' +
    'GBIUFRT/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8ALj//2Q==',
  'base64',
);

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('file store', () => {
  let directory: string;
  let store: FileStore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lovit-files-'));
    store = createFileStore({ directory, maxBytes: 64 * 1024 });
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores a PDF under its SHA-256 and reads it back', async () => {
    const pdf = await makePdf('Ricevuta di presentazione');
    const stored = await store.put(pdf, 'ricevuta.pdf');
    expect(stored).toEqual({
      sha256: sha256Of(pdf),
      size: pdf.length,
      mediaType: 'application/pdf',
      extension: 'pdf',
    });
    expect(store.path(stored.sha256)).toBe(join(directory, stored.sha256.slice(0, 2), stored.sha256));
    expect(await readFile(store.path(stored.sha256))).toEqual(pdf);
    expect(await buffer(await store.open(stored.sha256))).toEqual(pdf);
  });

  it('takes the type from the content, whatever the name says', async () => {
    expect(await store.put(PNG, 'passaporto.png')).toMatchObject({
      mediaType: 'image/png',
      extension: 'png',
    });
    expect(await store.put(JPEG, 'foto.pdf')).toMatchObject({ mediaType: 'image/jpeg', extension: 'jpg' });
  });

  it('reads a stream chunk by chunk', async () => {
    const pdf = await makePdf('Ricevuta di presentazione');
    const chunks = Array.from({ length: Math.ceil(pdf.length / 100) }, (_, i) =>
      pdf.subarray(i * 100, (i + 1) * 100),
    );
    const stored = await store.put(Readable.from(chunks), 'ricevuta.pdf');
    expect(stored.sha256).toBe(sha256Of(pdf));
    expect(stored.size).toBe(pdf.length);
  });

  it('refuses a ZIP named .pdf, saying what it really is', async () => {
    const zip = makeZip('documento.pdf', await makePdf('Ricevuta di presentazione'));
    const error = await store.put(zip, 'documento.pdf').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedFileType);
    const problem = (error as AppError).toProblem();
    expect(problem).toMatchObject({ status: 415, type: 'urn:lovit:problem:unsupported-file-type' });
    expect(problem.detail).toContain('il contenuto è un file ZIP, non un PDF');
    expect(problem.detail).toContain('Sono accettati solo file PDF, JPEG o PNG');
    expect(problem.errors).toEqual([{ path: 'file', message: expect.stringContaining('ZIP') }]);
    expect(await readdir(join(directory, 'tmp'))).toEqual([]);
  });

  it('refuses plain text named .pdf', async () => {
    const error = await store
      .put(Buffer.from('Non sono un PDF.\n'), 'domanda.pdf')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedFileType);
    expect((error as AppError).message).toContain('non è di un formato riconosciuto');
    expect(await readdir(directory)).toEqual(['tmp']);
  });

  it('stops reading past the limit and leaves no temporary file', async () => {
    let chunksRead = 0;
    async function* endless() {
      while (true) {
        chunksRead += 1;
        yield Buffer.alloc(16 * 1024, 1);
      }
    }
    const error = await store.put(endless(), 'scansione.pdf').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileTooLarge);
    expect((error as AppError).toProblem()).toMatchObject({
      status: 413,
      type: 'urn:lovit:problem:file-too-large',
      detail: 'Il file «scansione.pdf» supera la dimensione massima consentita di 0,1 MB.',
      errors: [{ path: 'file', message: 'supera il limite di 0,1 MB' }],
      maxBytes: 64 * 1024,
    });
    expect(chunksRead).toBe(5);
    expect(await readdir(join(directory, 'tmp'))).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const limited = createFileStore({ directory, maxBytes: PNG.length });
    expect((await limited.put(PNG, 'a.png')).size).toBe(PNG.length);
  });

  it('stores the same content once', async () => {
    const first = await store.put(PNG, 'primo.png');
    const second = await store.put(Readable.from([PNG]), 'secondo.png');
    expect(second).toEqual(first);
    expect(await readdir(join(directory, first.sha256.slice(0, 2)))).toEqual([first.sha256]);
    expect(await readdir(join(directory, 'tmp'))).toEqual([]);
  });

  it('keeps a staged upload only when asked; lists stored files by age and removes them', async () => {
    const pdf = await makePdf('Allegato in attesa');
    const refused = await store.stage(pdf, 'rifiutato.pdf');
    await refused.discard();
    expect(await readdir(join(directory, 'tmp'))).toEqual([]);
    await expect(store.open(refused.sha256)).rejects.toBeInstanceOf(NotFound);

    const kept = await store.stage(pdf, 'tenuto.pdf');
    await kept.keep();
    await kept.discard();
    const later = new Date(Date.now() + 60_000);
    expect(await store.storedBefore(later)).toContain(kept.sha256);
    expect(await store.storedBefore(new Date(Date.now() - 60_000))).not.toContain(kept.sha256);
    await store.remove(kept.sha256);
    expect(await store.storedBefore(later)).not.toContain(kept.sha256);
  });

  it('finds nothing for an unknown or malformed hash', async () => {
    const unknown = sha256Of(Buffer.from('mai caricato'));
    await expect(store.open(unknown)).rejects.toBeInstanceOf(NotFound);
    await expect(store.open('../../etc/passwd')).rejects.toBeInstanceOf(NotFound);
    expect(() => store.path(unknown.toUpperCase())).toThrow(NotFound);
  });
});
