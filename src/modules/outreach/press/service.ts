/**
 * The press coverage log: what newspapers, websites, radio and television said of the project, when, with the
 * link or the clipping as a PDF and the estimated reach, for the funder's indicators.
 */
import type { ReadStream } from 'node:fs';
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf } from '../../../kernel/uploads.ts';
import type { coverageInput, coverageQuery } from '../contract.ts';
import * as store from './store.ts';

const NOT_FOUND = 'La voce della rassegna stampa non esiste.';
export const ONLY_PDF = 'È accettato solo un file PDF';

const view = (row: store.CoverageRow) => ({
  id: row.id,
  publishedOn: row.publishedOn,
  outlet: row.outlet,
  title: row.title,
  media: row.media,
  url: row.url,
  reach: row.reach,
  notes: row.notes,
  clipping:
    row.clippingFileName && row.clippingSize !== null
      ? { fileName: row.clippingFileName, size: row.clippingSize }
      : null,
  recordedAt: row.recordedAt,
});

async function locked(unit: UnitOfWork, id: string) {
  const row = await store.lockCoverage(unit.db, id);
  if (!row) throw new NotFound(NOT_FOUND);
  return row;
}

export async function listCoverage(platform: Platform, query: z.infer<typeof coverageQuery>) {
  const { rows, total } = await store.listCoverage(platform.database.db, {
    media: query.media,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

function notInFuture(platform: Platform, day: string) {
  if (day > platform.clock.today().toString())
    throw new Invalid([{ path: 'body.publishedOn', message: 'la data non può essere futura' }]);
}

export async function recordCoverage(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof coverageInput>,
) {
  notInFuture(platform, input.publishedOn);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await store.insertCoverage(unit.db, {
      id,
      ...input,
      recordedBy: caller.actor?.userId as string,
      recordedAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.coverage.record',
      entityType: 'outreach_coverage',
      entityId: id,
      before: null,
      after: input,
    });
  });
  return view((await store.findCoverage(platform.database.db, id)) as store.CoverageRow);
}

export async function correctCoverage(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof coverageInput>,
) {
  notInFuture(platform, input.publishedOn);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await locked(unit, id);
    await store.updateCoverage(unit.db, id, { ...input, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'outreach.coverage.correct',
      entityType: 'outreach_coverage',
      entityId: id,
      before: view(before),
      after: input,
    });
  });
  return view((await store.findCoverage(platform.database.db, id)) as store.CoverageRow);
}

export async function attachClipping(
  platform: Platform,
  caller: Caller,
  id: string,
  upload: { declaredName: string; file: StagedFile },
) {
  const { file } = upload;
  if (file.mediaType !== 'application/pdf') throw new Invalid([{ path: 'file', message: ONLY_PDF }]);
  const fileName = cleanFileName(upload.declaredName, file.extension);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await locked(unit, id);
    await store.updateCoverage(unit.db, id, {
      clippingSha256: file.sha256,
      clippingSize: file.size,
      clippingFileName: fileName,
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.coverage.clipping',
      entityType: 'outreach_coverage',
      entityId: id,
      before: before.clippingSha256
        ? { fileName: before.clippingFileName, sha256: before.clippingSha256 }
        : null,
      after: { fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
  });
  return view((await store.findCoverage(platform.database.db, id)) as store.CoverageRow);
}

export async function openClipping(
  platform: Platform,
  id: string,
): Promise<{ stream: ReadStream; mediaType: string; fileName: string; size: number }> {
  const row = await store.findCoverage(platform.database.db, id);
  if (!row?.clippingSha256 || !row.clippingFileName || row.clippingSize === null)
    throw new NotFound('La voce non ha un ritaglio allegato.');
  const stream = await fileStoreOf(platform.config).open(row.clippingSha256);
  return { stream, mediaType: 'application/pdf', fileName: row.clippingFileName, size: row.clippingSize };
}

export const clippingFiles = store.storedClippings;
