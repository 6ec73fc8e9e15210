/**
 * The evidence files of the indicators' manual values: uploaded ahead of the value and named by their tokens,
 * added to a value or removed from it until a snapshot freezes it, downloaded with each read audited.
 */
import { attachedFile, openAttachedFile } from '../../../kernel/attachments.ts';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { issueUploadToken, redeemUploadToken } from '../../../kernel/upload-tokens.ts';
import { cleanFileName } from '../../../kernel/uploads.ts';
import { actorOf } from '../callers.ts';
import { type EvidenceFileView, type UploadedEvidenceView, VALUE_FILES } from './contract.ts';
import { computedValueFaults, evidenceFaults } from './rules.ts';
import * as store from './store.ts';

const VALUE_NOT_FOUND = 'Il valore non esiste.';
const EVIDENCE_NOT_FOUND = 'Il file non è tra le evidenze di questo valore.';
const FROZEN =
  'Il valore è in una rilevazione congelata: i suoi file di evidenza restano come sono, senza aggiunte né rimozioni.';

/** An evidence file as the page shows it. */
export function fileOut(row: {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
  uploadedAt: Date;
}): EvidenceFileView {
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mediaType: row.mediaType as EvidenceFileView['mediaType'],
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** What a manual value's files are uploaded for: the token binds each file to its indicator. */
const purposeOf = (indicatorId: string) => ({ recordKind: 'project_indicator', recordId: indicatorId });

/**
 * Keeps a file uploaded as evidence of a manual value still to be recorded: the value names it by the token
 * returned, bound to the uploader and the indicator, used once and for a short while.
 */
export async function uploadEvidence(
  platform: Platform,
  caller: Caller,
  indicatorId: string,
  upload: { declaredName: string; file: StagedFile },
): Promise<UploadedEvidenceView> {
  const actor = actorOf(caller);
  const indicator = await store.findIndicator(platform.database.db, indicatorId);
  if (!indicator) throw new NotFound('L’indicatore non esiste.');
  const computed = computedValueFaults(indicator.source, 'file');
  if (computed.length > 0) throw new Invalid(computed);
  const { file } = upload;
  const fileName = cleanFileName(upload.declaredName, file.extension);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { token } = await issueUploadToken(unit.db, {
      file,
      fileName,
      uploadedBy: actor.userId,
      purpose: purposeOf(indicatorId),
      now: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.evidence.upload',
      entityType: 'project_indicator',
      entityId: indicatorId,
      before: null,
      after: { fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
    return { token, fileName, size: file.size, mediaType: file.mediaType };
  });
}

/**
 * The files a new value names by their tokens, each uploaded by the same manager for this indicator and used
 * once, as rows of the value's evidence; refused, field by field, when a token is not one of them.
 */
export async function redeemEvidence(
  db: Db,
  tokens: readonly string[],
  to: { indicatorId: string; valueId: string; actor: Actor; now: Date },
) {
  const by = { uploadedBy: to.actor.userId, purpose: purposeOf(to.indicatorId), now: to.now };
  const files = [];
  for (const [index, token] of tokens.entries()) {
    const upload = await redeemUploadToken(db, token, by);
    if (!upload)
      throw new Invalid([
        {
          path: `files.${index}`,
          message: 'File non caricato per questo indicatore, già usato o scaduto: caricarlo di nuovo',
        },
      ]);
    files.push({
      id: newId(),
      valueId: to.valueId,
      ...upload,
      uploadedAt: to.now,
      uploadedBy: to.actor.userId,
    });
  }
  return files;
}

/** Adds an evidence file (PDF, JPEG or PNG, type read from the bytes) to a manual value not yet frozen. */
export async function attachEvidence(
  platform: Platform,
  caller: Caller,
  valueId: string,
  input: { declaredName: string; file: StagedFile },
): Promise<EvidenceFileView> {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockValue(unit.db, valueId))) throw new NotFound(VALUE_NOT_FOUND);
    if (await store.isFrozen(unit.db, valueId)) throw new Conflict(FROZEN);
    if ((await store.evidenceOf(unit.db, [valueId])).length >= VALUE_FILES)
      throw new Conflict(`Un valore può avere al massimo ${VALUE_FILES} file di evidenza.`);
    const row = { id: newId(), valueId, ...attachedFile(input, actor.userId, platform.clock.now()) };
    await store.insertEvidence(unit.db, [row]);
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.evidence.attach',
      entityType: 'project_indicator_value',
      entityId: valueId,
      before: null,
      after: { fileName: row.fileName, sha256: row.sha256, size: row.size },
    });
    await input.file.keep();
    return fileOut(row);
  });
}

/**
 * Removes an evidence file from a manual value not yet frozen, as long as the value keeps some evidence; the
 * stored content goes with the orphan sweep when nothing else refers to it.
 */
export async function removeEvidence(
  platform: Platform,
  caller: Caller,
  valueId: string,
  fileId: string,
): Promise<void> {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const value = await store.lockValue(unit.db, valueId);
    const row = value ? await store.findEvidence(unit.db, valueId, fileId) : undefined;
    if (!value || !row) throw new NotFound(EVIDENCE_NOT_FOUND);
    if (await store.isFrozen(unit.db, valueId)) throw new Conflict(FROZEN);
    const left = (await store.evidenceOf(unit.db, [valueId])).length - 1;
    if (evidenceFaults(value.note, left).length > 0)
      throw new Conflict(
        'È l’unica evidenza del valore: allegare prima il file che la sostituisce, poi togliere questo.',
      );
    await store.deleteEvidence(unit.db, valueId, fileId);
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.evidence.detach',
      entityType: 'project_indicator_value',
      entityId: valueId,
      before: { fileName: row.fileName, sha256: row.sha256 },
      after: null,
    });
  });
}

/** An evidence file of a manual value for download; the read is audited. */
export async function openEvidence(platform: Platform, caller: Caller, valueId: string, fileId: string) {
  const row = await store.findEvidence(platform.database.db, valueId, fileId);
  if (!row) throw new NotFound(EVIDENCE_NOT_FOUND);
  return openAttachedFile(platform, caller, row, {
    entityType: 'project_indicator_evidence',
    entityId: fileId,
    details: { valueId, fileName: row.fileName },
  });
}

/** Among some stored files, those given as evidence of a manual value: the orphan sweeper keeps them. */
export const evidenceFiles = store.storedEvidenceFiles;
