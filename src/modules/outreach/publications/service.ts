/**
 * The library of publications (brochures, leaflets, posters, reports): a PDF per language, a new version
 * whenever the text changes (the public downloads the latest), the print run and where its copies went,
 * downloads counted per file and day with nothing about who downloaded.
 */
import type { ReadStream } from 'node:fs';
import type { z } from 'zod';
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, NothingToDo, type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf } from '../../../kernel/uploads.ts';
import {
  type distributionInput,
  PORTAL_LANGUAGES,
  type PublicationView,
  publicationCoverFields,
  publicationFileFields,
  publicationInput,
} from '../contract.ts';
import * as store from './store.ts';

const NOT_FOUND = 'La pubblicazione non esiste.';
export const ONLY_PDF = 'È accettato solo un file PDF';

const mayManage = (actor: Actor | null) =>
  actor !== null && hasPermission(actor, 'outreach.publications.manage');

function manager(caller: Caller): Actor {
  if (!caller.actor || !mayManage(caller.actor))
    throw new Forbidden('Le pubblicazioni sono curate dallo staff della comunicazione.');
  return caller.actor;
}

async function locked(unit: UnitOfWork, id: string) {
  const row = await store.lockPublication(unit.db, id);
  if (!row) throw new NotFound(NOT_FOUND);
  return row;
}

export async function listPublications(platform: Platform) {
  const rows = await store.listPublications(platform.database.db);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    isPublished: row.publishedAt !== null,
    languages: row.languages,
    copiesPrinted: row.copiesPrinted,
    copiesDistributed: row.copiesDistributed,
    downloads: row.downloads,
    updatedAt: row.updatedAt,
  }));
}

export async function getPublication(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<PublicationView> {
  const { db } = platform.database;
  const row = await store.findPublication(db, id);
  if (!row) throw new NotFound(NOT_FOUND);
  const [files, distributions, copies] = await Promise.all([
    store.filesOf(db, id),
    store.distributionsOf(db, id),
    store.copiesDistributed(db, id),
  ]);
  const current = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.language)) continue;
    seen.add(file.language);
    current.add(file.id);
  }
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    printFormat: row.printFormat,
    pages: row.pages,
    copiesPrinted: row.copiesPrinted,
    printedOn: row.printedOn,
    publishedAt: row.publishedAt,
    publicUrl: row.publishedAt ? `${platform.config.publicUrl}/portale/it/pubblicazioni` : null,
    cover:
      row.coverSha256 && row.coverAlt
        ? { url: `/api/outreach/publications/${row.id}/cover`, alt: row.coverAlt, size: row.coverSize ?? 0 }
        : null,
    files: files.map((file) => ({
      id: file.id,
      language: file.language,
      version: file.version,
      title: file.title,
      fileName: file.fileName,
      size: file.size,
      uploadedAt: file.uploadedAt,
      uploadedBy: file.uploaderName,
      isCurrent: current.has(file.id),
      downloads: file.downloads,
    })),
    distributions,
    copiesDistributed: copies.copies,
    mayManage: mayManage(caller.actor),
  };
}

export async function createPublication(
  platform: Platform,
  caller: Caller,
  input: z.input<typeof publicationInput>,
): Promise<PublicationView> {
  const actor = manager(caller);
  const parsed = publicationInput.parse(input);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await store.insertPublication(unit.db, {
      id,
      ...parsed,
      publishedAt: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.create',
      entityType: 'outreach_publication',
      entityId: id,
      before: null,
      after: parsed,
    });
  });
  return getPublication(platform, caller, id);
}

export async function changePublication(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.input<typeof publicationInput>,
): Promise<PublicationView> {
  manager(caller);
  const parsed = publicationInput.parse(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await locked(unit, id);
    const { copies } = await store.copiesDistributed(unit.db, id);
    if (parsed.copiesPrinted < copies)
      throw new Invalid([
        {
          path: 'body.copiesPrinted',
          message: `ne sono già state distribuite ${copies}: le copie stampate non possono essere meno`,
        },
      ]);
    await store.updatePublication(unit.db, id, { ...parsed, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.change',
      entityType: 'outreach_publication',
      entityId: id,
      before: {
        kind: before.kind,
        title: before.title,
        printFormat: before.printFormat,
        pages: before.pages,
        copiesPrinted: before.copiesPrinted,
        printedOn: before.printedOn,
      },
      after: parsed,
    });
  });
  return getPublication(platform, caller, id);
}

/** A new version of the PDF in a language: the public downloads it from now on, the older stay on record. */
export async function addPublicationFile(
  platform: Platform,
  caller: Caller,
  key: { id: string; lang: string },
  upload: { declaredName: string; file: StagedFile; fields: Record<string, string> },
) {
  const actor = manager(caller);
  const { file } = upload;
  if (!(PORTAL_LANGUAGES as readonly string[]).includes(key.lang))
    throw new NotFound('Lingua non prevista dal portale.');
  const fields = publicationFileFields.safeParse(upload.fields);
  if (!fields.success)
    throw new Invalid(
      fields.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })),
    );
  if (file.mediaType !== 'application/pdf') throw new Invalid([{ path: 'file', message: ONLY_PDF }]);
  const fileName = cleanFileName(upload.declaredName, file.extension);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await locked(unit, key.id);
    const { version } = await store.lastVersion(unit.db, key.id, key.lang);
    const row = {
      id: newId(),
      publicationId: key.id,
      language: key.lang,
      version: (version ?? 0) + 1,
      title: fields.data.title,
      sha256: file.sha256,
      size: file.size,
      fileName,
      uploadedBy: actor.userId,
      uploadedAt: platform.clock.now(),
    };
    await store.insertFile(unit.db, row);
    await store.updatePublication(unit.db, key.id, { updatedAt: row.uploadedAt });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.file',
      entityType: 'outreach_publication',
      entityId: `${key.id}/${key.lang}`,
      before: null,
      after: { version: row.version, fileName, sha256: file.sha256, size: file.size, title: row.title },
    });
    await file.keep();
  });
  return getPublication(platform, caller, key.id);
}

export async function addDistribution(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof distributionInput>,
): Promise<PublicationView> {
  const actor = manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const publication = await locked(unit, id);
    const { copies } = await store.copiesDistributed(unit.db, id);
    const left = publication.copiesPrinted - copies;
    if (input.copies > left)
      throw new Invalid([
        {
          path: 'body.copies',
          message:
            left === 0
              ? 'tutte le copie stampate sono già state distribuite: aggiornare prima le copie stampate'
              : `restano ${left} copie da distribuire`,
        },
      ]);
    const row = {
      id: newId(),
      publicationId: id,
      ...input,
      recordedBy: actor.userId,
      recordedAt: platform.clock.now(),
    };
    await store.insertDistribution(unit.db, row);
    await store.updatePublication(unit.db, id, { updatedAt: row.recordedAt });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.distribute',
      entityType: 'outreach_publication',
      entityId: id,
      before: null,
      after: { point: input.point, copies: input.copies, deliveredOn: input.deliveredOn },
    });
  });
  return getPublication(platform, caller, id);
}

export async function setPublicationPublished(
  platform: Platform,
  caller: Caller,
  id: string,
  published: boolean,
): Promise<PublicationView> {
  manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const publication = await locked(unit, id);
    // a second click: already so
    if (published === (publication.publishedAt !== null)) throw new NothingToDo(undefined);
    if (published) {
      const files = await store.filesOf(unit.db, id);
      if (!files.some((file) => file.language === 'it'))
        throw new Conflict('Caricare il PDF in italiano prima di pubblicare.');
    }
    const now = platform.clock.now();
    await store.updatePublication(unit.db, id, { publishedAt: published ? now : null, updatedAt: now });
    await unit.audit({
      kind: 'change',
      action: published ? 'outreach.publication.publish' : 'outreach.publication.withdraw',
      entityType: 'outreach_publication',
      entityId: id,
      before: { publishedAt: publication.publishedAt },
      after: { publishedAt: published ? now : null },
    });
  });
  return getPublication(platform, caller, id);
}

export const ONLY_IMAGES = 'Sono accettate solo immagini JPEG o PNG';

/** Sets the cover image (JPEG or PNG, the type read from its bytes) with its description; a new one replaces it. */
export async function setCover(
  platform: Platform,
  caller: Caller,
  id: string,
  upload: { file: StagedFile; fields: Record<string, string> },
) {
  manager(caller);
  const fields = publicationCoverFields.safeParse(upload.fields);
  if (!fields.success)
    throw new Invalid(
      fields.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })),
    );
  const { file } = upload;
  if (file.mediaType !== 'image/jpeg' && file.mediaType !== 'image/png')
    throw new Invalid([{ path: 'file', message: ONLY_IMAGES }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await locked(unit, id);
    const cover = {
      coverSha256: file.sha256,
      coverMediaType: file.mediaType,
      coverSize: file.size,
      coverAlt: fields.data.alt,
    };
    await store.updatePublication(unit.db, id, { ...cover, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.cover',
      entityType: 'outreach_publication',
      entityId: id,
      before: before.coverSha256 ? { sha256: before.coverSha256, alt: before.coverAlt } : null,
      after: { sha256: file.sha256, alt: fields.data.alt, size: file.size },
    });
    await file.keep();
  });
  return getPublication(platform, caller, id);
}

export async function removeCover(platform: Platform, caller: Caller, id: string) {
  manager(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await locked(unit, id);
    if (!before.coverSha256) throw new NothingToDo(undefined);
    await store.updatePublication(unit.db, id, {
      coverSha256: null,
      coverMediaType: null,
      coverSize: null,
      coverAlt: null,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.publication.cover-remove',
      entityType: 'outreach_publication',
      entityId: id,
      before: { sha256: before.coverSha256, alt: before.coverAlt },
      after: null,
    });
  });
  return getPublication(platform, caller, id);
}

/** The cover for the staff, whether or not the publication is public. */
export async function openCover(platform: Platform, id: string) {
  const row = await store.findPublication(platform.database.db, id);
  if (!row?.coverSha256) throw new NotFound('La pubblicazione non ha una copertina.');
  const stream = await fileStoreOf(platform.config).open(row.coverSha256);
  return {
    stream,
    mediaType: row.coverMediaType as string,
    fileName: `copertina.${row.coverMediaType === 'image/png' ? 'png' : 'jpg'}`,
    size: row.coverSize ?? 0,
  };
}

/** The cover of a published publication, for the portal; nothing otherwise. */
export async function publicCover(platform: Platform, id: string) {
  const row = await store.publicCover(platform.database.db, id);
  if (!row?.coverSha256) return null;
  const stream = await fileStoreOf(platform.config).open(row.coverSha256);
  return { stream, mediaType: row.coverMediaType as string, size: row.coverSize ?? 0 };
}

/** A file of the library for the staff, any version; the download is on record. */
export async function openPublicationFile(
  platform: Platform,
  caller: Caller,
  key: { id: string; fileId: string },
): Promise<{ stream: ReadStream; mediaType: string; fileName: string; size: number }> {
  const { db } = platform.database;
  const file = await store.findFile(db, key.fileId);
  if (!file || file.publicationId !== key.id) throw new NotFound('Il file non esiste.');
  const stream = await fileStoreOf(platform.config).open(file.sha256);
  await auditRead(db, platform.clock, caller, 'outreach_publication_file', file.id).catch(
    (error: unknown) => {
      stream.destroy();
      throw error;
    },
  );
  return { stream, mediaType: 'application/pdf', fileName: file.fileName, size: file.size };
}

/** A file for the public: the latest version of its language, counted as one download of today. */
export async function downloadPublicFile(platform: Platform, fileId: string, counted: boolean) {
  const { db } = platform.database;
  const file = await store.publicFile(db, fileId);
  if (!file) return null;
  const stream = await fileStoreOf(platform.config).open(file.sha256);
  if (counted)
    await store.countDownload(db, file.id, platform.clock.today().toString()).catch((error: unknown) => {
      stream.destroy();
      throw error;
    });
  return { stream, size: file.size, fileName: file.fileName };
}

export const publicationFiles = store.storedPublicationFiles;
