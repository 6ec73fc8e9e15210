/**
 * Access requests (GDPR art. 15): every module's records about a person, found in one snapshot of the
 * database, with the reads the audit trail recorded about them; shown to the SUI manager, or exported as a
 * ZIP for the person. Both are on the audit trail with how the person was named and how much was found,
 * never the name, code or address itself.
 */
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { downloadName } from '../../../kernel/download-names.ts';
import { Forbidden, NotFound, Unauthenticated } from '../../../kernel/errors.ts';
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import {
  personalDataProviders,
  type SubjectRecord,
  type SubjectScope,
} from '../../../kernel/personal-data.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { fileStoreOf } from '../../../kernel/uploads.ts';
import { accessesToRecords } from '../../audit/service.ts';
import { controllerOfPlatform } from '../processing/service.ts';
import { type ArchiveMember, zipArchive } from './archive.ts';
import type { SubjectCriterion, SubjectSearchResult } from './contract.ts';
import {
  CRITERION_LABELS,
  type Criterion,
  entitiesOf,
  exportedFiles,
  nothingFoundMessage,
  type ReadLine,
  readCriterion,
  readLines,
  sectionsOf,
} from './rules.ts';
import { readOneSnapshot } from './store.ts';
import { dataJson, summaryDocument } from './summary.ts';

type Found = { records: SubjectRecord[]; reads: ReadLine[] };

const READS_PER_STATEMENT = 1000;

/**
 * Whose records the caller may search: those of their office, and only a Prefettura's office answers access
 * requests (it is the controller of the SUI's processing); another body's manager asks the Prefettura.
 */
function subjectScopeOf(caller: Caller): SubjectScope {
  if (!caller.actor) throw new Unauthenticated();
  if (caller.actor.organisationType !== 'PREFECTURE')
    throw new Forbidden(
      'Le richieste di accesso ai dati personali sono trattate dallo Sportello Unico della Prefettura: il tuo ente non può cercare né esportare i dati di una persona.',
    );
  return { organisationId: caller.actor.organisationId };
}

async function findEverywhere(db: Db, criterion: Criterion, scope: SubjectScope): Promise<Found> {
  const records: SubjectRecord[] = [];
  // One after another: the transaction is one connection, and the modules' queries cannot share it at once.
  for (const provider of personalDataProviders())
    records.push(...(await provider.findSubject(db, criterion.subject, scope)));
  const reads = await accessesToRecords(db, entitiesOf(records));
  return { records, reads: readLines(reads, records) };
}

/**
 * The trail of a search or an export: one entry for the request with what was found in figures, and one read
 * per record found, so that the person's next request shows this one too.
 */
async function recordRequest(
  { audit, auditAll }: UnitOfWork,
  action: 'privacy.subject.search' | 'privacy.subject.export',
  criterion: Criterion,
  found: Found,
  extra: Record<string, number> = {},
): Promise<void> {
  const sections: Record<string, number> = {};
  for (const record of found.records) sections[record.section] = (sections[record.section] ?? 0) + 1;
  await audit({
    kind: 'access',
    action,
    entityType: 'privacy.subject',
    entityId: null,
    details: { criterion: criterion.kind, records: found.records.length, sections, ...extra },
  });
  const reads = entitiesOf(found.records).map((entity) => ({
    kind: 'access' as const,
    action,
    entityType: entity.type,
    entityId: entity.id,
  }));
  // One statement per thousand entries: PostgreSQL takes at most 65,535 parameters in a statement.
  for (let start = 0; start < reads.length; start += READS_PER_STATEMENT)
    await auditAll(reads.slice(start, start + READS_PER_STATEMENT));
}

async function findAndRecord(
  platform: Platform,
  caller: Caller,
  input: SubjectCriterion,
  action: 'privacy.subject.search' | 'privacy.subject.export',
) {
  const scope = subjectScopeOf(caller);
  const criterion = readCriterion(input, platform.clock.today());
  const found = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await readOneSnapshot(unit.db);
    const found = await findEverywhere(unit.db, criterion, scope);
    const files = new Set(found.records.flatMap((record) => (record.files ?? []).map((file) => file.sha256)));
    await recordRequest(
      unit,
      action,
      criterion,
      found,
      action === 'privacy.subject.export' ? { files: files.size } : {},
    );
    return found;
  });
  return { criterion, found };
}

/** Every record of the person, by heading with counts, and the reads recorded about them. */
export async function searchSubject(
  platform: Platform,
  caller: Caller,
  input: SubjectCriterion,
): Promise<SubjectSearchResult> {
  const { criterion, found } = await findAndRecord(platform, caller, input, 'privacy.subject.search');
  const { found: sections, reads } = sectionsOf(found.records, found.reads);
  return {
    criterion: criterion.kind,
    criterionLabel: CRITERION_LABELS[criterion.kind],
    total: found.records.length,
    sections: [
      ...sections.map((section) => ({
        title: section.title,
        count: section.records.length,
        records: section.records.map((record) => record.title),
      })),
      ...(reads ? [{ title: reads.title, count: reads.lines.length, records: reads.lines }] : []),
    ],
    message: found.records.length ? null : nothingFoundMessage(criterion.kind),
  };
}

/** The stored files, opened now: a file disposed of since it was recorded is missing rather than an error. */
async function openFiles(platform: Platform, files: readonly { sha256: string; path: string }[]) {
  const store = fileStoreOf(platform.config);
  const opened = new Map<string, ReadStream>();
  const missing = new Set<string>();
  for (const file of files) {
    if (opened.has(file.path) || missing.has(file.path)) continue;
    try {
      opened.set(file.path, await store.open(file.sha256));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      missing.add(file.path);
    }
  }
  return { opened, missing };
}

function requesterOf(actor: Actor) {
  return {
    name: `${actor.givenName} ${actor.familyName}`.trim(),
    email: actor.email,
    organisation: actor.organisationName,
  };
}

/**
 * The ZIP for the person: the summary (riepilogo.pdf), the records as data (dati.json) and the documents
 * (documenti/), streamed. The records are read and the export recorded before the first byte is sent.
 */
export async function exportSubject(
  platform: Platform,
  caller: Caller,
  input: SubjectCriterion,
): Promise<{ fileName: string; archive: Readable }> {
  if (!caller.actor) throw new Unauthenticated();
  const { criterion, found } = await findAndRecord(platform, caller, input, 'privacy.subject.export');
  const at = platform.clock.now();
  const files = exportedFiles(found.records);
  const { opened, missing } = await openFiles(platform, files.flat());
  const request = {
    controller: controllerOfPlatform(platform),
    requestedBy: requesterOf(caller.actor),
    at,
    criterion: criterion.kind,
    records: found.records,
    files,
    reads: found.reads,
    missing,
  };
  const members: ArchiveMember[] = [
    {
      path: 'riepilogo.pdf',
      content: await renderOfficialDocument(summaryDocument(request)),
      compress: false,
    },
    { path: 'dati.json', content: new TextEncoder().encode(dataJson(request)), compress: true },
    ...[...opened].map(([path, stream]) => ({ path, content: stream, compress: false })),
  ];
  const archive = Readable.from(zipArchive(members, at), { objectMode: false });
  // A download broken off leaves documents unread: their files are closed with the archive.
  archive.once('close', () => {
    for (const stream of opened.values()) stream.destroy();
  });
  return { fileName: downloadName('accesso-dati', '', platform.clock.today(), 'zip'), archive };
}
