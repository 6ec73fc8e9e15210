/**
 * Documents of a case: uploads stored by content (type read from the bytes, size limited), linked to the
 * checklist of the case type, versioned per checklist item; their download; what the case page shows of them.
 */
import type { ReadStream } from 'node:fs';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf } from '../../../kernel/uploads.ts';
import type { DocumentView } from '../contract.ts';
import type { CaseTypeVersion } from '../law/definitions.ts';
import { caseTypes } from '../law/registry.ts';
import * as store from '../store.ts';
import * as documents from './store.ts';

type DocumentRow = Awaited<ReturnType<typeof documents.caseDocuments>>[number];

export function documentViewOf(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    checklistCode: row.checklistCode,
    version: row.version,
    fileName: row.fileName,
    size: row.size,
    mediaType: row.mediaType as DocumentView['mediaType'],
    uploadedAt: row.uploadedAt.toISOString(),
    current: row.supersededBy === null,
  };
}

/** The checklist of the case page: each item of the case type, present when a current document answers it. */
export function checklistOf(definition: CaseTypeVersion, rows: readonly DocumentRow[]) {
  const present = new Set(rows.filter((row) => row.supersededBy === null).map((row) => row.checklistCode));
  return definition.documents.map((document) => ({ ...document, present: present.has(document.code) }));
}

export type NewDocument = {
  /** The checklist item it answers, or null for a document outside the checklist. */
  checklistCode: string | null;
  /** The name the uploader's file had. */
  declaredName: string;
  file: StagedFile;
};

/** Links an uploaded file to a case and keeps it in the store; a new version of a checklist item supersedes the current one. */
export async function addDocument(
  platform: Platform,
  caller: Caller,
  caseId: string,
  input: NewDocument,
): Promise<DocumentView> {
  const actor = caller.actor;
  if (!actor) throw new NotFound();
  const registry = await caseTypes(platform.database, platform.clock);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockCase(db, actor.organisationId, caseId);
    if (!row) throw new NotFound('La pratica non esiste o non è accessibile.');
    if (row.closed) throw new Conflict('La pratica è chiusa: non si aggiungono documenti.');
    const definition = registry.version(row.typeCode, row.typeValidFrom);
    const { checklistCode, file } = input;
    if (checklistCode !== null && !definition.documents.some((item) => item.code === checklistCode))
      throw new Invalid([
        {
          path: 'body.checklistCode',
          message: 'Scegliere una voce dell’elenco dei documenti di questo tipo di pratica',
        },
      ]);
    const previous = checklistCode ? await documents.currentVersionOf(db, caseId, checklistCode) : undefined;
    const now = platform.clock.now();
    const document = await documents.insertDocument(db, {
      id: newId(),
      caseId,
      checklistCode,
      version: (previous?.version ?? 0) + 1,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      fileName: cleanFileName(input.declaredName, file.extension),
      uploadedAt: now,
      uploadedBy: actor.userId,
      supersededBy: null,
    });
    if (previous) await documents.supersedeDocument(db, previous.id, document.id);
    const facts = {
      documentId: document.id,
      checklistCode,
      version: document.version,
      fileName: document.fileName,
      sha256: file.sha256,
    };
    await store.insertEvent(db, {
      id: newId(),
      caseId,
      at: now,
      onDay: platform.clock.today().toString(),
      kind: 'DOCUMENT_ADDED',
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason: null,
      data: JSON.stringify(facts),
    });
    await store.updateCase(db, caseId, { updatedAt: now });
    await audit({
      kind: 'change',
      action: 'cases.document.add',
      entityType: 'case_document',
      entityId: document.id,
      before: previous ? { current: previous.id, version: previous.version } : null,
      after: { caseId, ...facts, size: file.size, mediaType: file.mediaType },
    });
    await file.keep();
    return documentViewOf(document);
  });
}

/** Among some stored files, those that are documents of a case: the orphan sweeper keeps them. */
export const documentFiles = documents.storedDocuments;

/** A document's content for download; the read is audited (the documents carry personal data). */
export async function openDocument(
  platform: Platform,
  caller: Caller,
  caseId: string,
  documentId: string,
): Promise<{ stream: ReadStream; mediaType: string; fileName: string; size: number }> {
  const actor = caller.actor;
  if (!actor) throw new NotFound();
  const { db } = platform.database;
  const row = await documents.findDocument(db, actor.organisationId, caseId, documentId);
  if (!row) throw new NotFound('Il documento non esiste o non è accessibile.');
  const stream = await fileStoreOf(platform.config).open(row.sha256);
  await auditRead(db, platform.clock, caller, 'case_document', documentId, {
    case: row.caseNumber,
    checklistCode: row.checklistCode,
    version: row.version,
  }).catch((error: unknown) => {
    stream.destroy();
    throw error;
  });
  return { stream, mediaType: row.mediaType, fileName: row.fileName, size: row.size };
}
