import { Readable } from 'node:stream';
import type { Caller } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import { type AuditFilter, accessesAbout, auditEntriesForExport, searchAuditEntries } from './store.ts';

type Row = Awaited<ReturnType<typeof searchAuditEntries>>['items'][number];

function entryOut(row: Row) {
  return { ...row, at: row.at.toISOString(), data: row.data ?? null };
}

/** Looking at the trail is itself on the trail: the auditor's searches are recorded. */
async function recordConsultation(platform: Platform, caller: Caller, action: string, filter: AuditFilter) {
  await writeTransaction(platform.database.db, platform.clock, caller, ({ audit }) =>
    audit({ kind: 'access', action, entityType: 'audit.trail', entityId: null, details: { filter } }),
  );
}

export async function searchAuditTrail(
  platform: Platform,
  caller: Caller,
  filter: AuditFilter,
  page: number,
  pageSize: number,
) {
  await recordConsultation(platform, caller, 'audit.trail.search', filter);
  const { items, total } = await searchAuditEntries(platform.database.db, filter, page, pageSize);
  return { items: items.map(entryOut), total, page, pageSize };
}

const CSV_COLUMNS = [
  'seq',
  'id',
  'at',
  'kind',
  'action',
  'entityType',
  'entityId',
  'actorUserId',
  'actorLabel',
  'organisationId',
  'requestId',
  'clientAddress',
  'data',
] as const;

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: Row): string {
  const out = entryOut(row);
  return `${CSV_COLUMNS.map((column) => csvField(out[column])).join(',')}\r\n`;
}

/** The matching trail as CSV (UTF-8 with BOM, so that spreadsheets read accented letters right). */
export async function exportAuditTrail(
  platform: Platform,
  caller: Caller,
  filter: AuditFilter,
): Promise<Readable> {
  await recordConsultation(platform, caller, 'audit.trail.export', filter);
  const db = platform.database.db;
  async function* lines() {
    yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
    for await (const rows of auditEntriesForExport(db, filter)) yield rows.map(csvLine).join('');
  }
  return Readable.from(lines());
}

/** A read of a record as the trail keeps it: when, by which office, what was done, to which record. */
export type RecordedAccess = {
  at: Date;
  /**
   * The office that read, by its name; for reads by no one signed in, what they were. Never the staff member:
   * the person is told which office looked at their data, not which employee (CJEU C-579/21).
   */
  office: string;
  action: string;
  entity: { type: string; id: string };
  requestId: string | null;
};

/** Who read, as the person is told it: the office, else a job of LOVIT itself or someone not signed in. */
function officeOf(row: { officeName: string | null; actorUserId: string | null; requestId: string | null }) {
  if (row.officeName) return row.officeName;
  if (row.actorUserId) return 'ufficio non indicato';
  return row.requestId ? 'accesso senza autenticazione' : 'LOVIT (operazione automatica)';
}

/**
 * Which offices read these records and when, oldest first, inside the caller's transaction: for an access
 * request, which also tells the person who looked at their data (GDPR art. 15.1.c).
 */
export async function accessesToRecords(
  db: Db,
  entities: readonly { type: string; id: string }[],
): Promise<RecordedAccess[]> {
  const rows = await accessesAbout(db, entities);
  return rows.map((row) => ({
    at: row.at,
    office: officeOf(row),
    action: row.action,
    entity: { type: row.entityType, id: row.entityId ?? '' },
    requestId: row.requestId,
  }));
}
