import { hash as digest } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './db.ts';
import { newId } from './ids.ts';

/** Who did it, from where: taken from the request's actor, or the system for jobs. */
export type AuditContext = {
  at: Date;
  actorUserId: string | null;
  /** The actor as a person reads it (e-mail at the time), 'sistema' for jobs, 'anonimo' before login. */
  actorLabel: string | null;
  organisationId: string | null;
  requestId: string | null;
  clientAddress: string | null;
};

/** One fact for the trail: a change (with before/after), a read of personal data, or a security event. */
export type AuditRecord = {
  kind: 'change' | 'access' | 'security';
  /** `<module>.<entity>.<verb>`, e.g. `identity.user.create`, `cases.case.read`, `identity.session.login`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
};

/** An entry as the hash chain sees it: every stored column, `at` as an ISO instant to the microsecond. */
export type SealableEntry = {
  seq: number;
  id: string;
  at: string;
  kind: 'change' | 'access' | 'security';
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  organisationId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  data: unknown;
};

export type FieldChanges = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };

/**
 * A record as the audit trail names it: the entries' `entityType` and `entityId`. With `part`, only the
 * entries about one part of it: those of the given actions, and with `field`, only those whose `before` or
 * `after` hold `field: value` (a seat of a council table, an organisation's invitation to a meeting).
 */
export type AuditedRecord = {
  type: string;
  id: string;
  part?: { actions: readonly string[]; field?: string; value?: string };
};

/** Whether a change entry is about the record as `records` (all naming it) ask: whole, or one of its parts. */
function concerns(records: readonly AuditedRecord[], entry: SealableEntry): boolean {
  return records.some(({ part }) => {
    if (!part) return true;
    if (!part.actions.includes(entry.action)) return false;
    const { field, value } = part;
    if (field === undefined) return true;
    const sides = (entry.data ?? {}) as Record<string, unknown>;
    return ['before', 'after'].some((side) => {
      const fields = sides[side];
      return (
        fields !== null && typeof fields === 'object' && (fields as Record<string, unknown>)[field] === value
      );
    });
  });
}

/** What a change entry says in place of a value it recorded, once the record it is about was disposed of. */
export const REDACTED_VALUE = 'dato rimosso alla scadenza della conservazione';

/** Where the chain first fails to verify. */
export type AuditBreak = { position: number; entryId: string | null; entrySeq: number; reason: string };

/**
 * `sealed`: the seals checked, from the start of the chain as it is kept; `disposed`, when entries were
 * disposed of at the end of their retention, how many went before the chain's start; `retained`, how many
 * entries before it were kept because they are about a case under legal hold (checked one by one).
 */
export type AuditVerification = {
  sealed: number;
  unsealed: number;
  broken: AuditBreak | null;
  disposed?: number;
  retained?: number;
};

/** The sealed entries due for disposal do not verify: they are kept, as the evidence of what changed. */
export class AuditTrailBroken extends Error {
  override name = 'AuditTrailBroken';
  // A plain field, not a parameter property: the intake's worker thread loads this file with Node's own type
  // stripping, which does not accept the TypeScript-only syntax.
  readonly broken: AuditBreak;
  constructor(broken: AuditBreak) {
    super(
      `Il registro delle operazioni non risulta integro alla posizione ${broken.position}: ` +
        'nessuna operazione è stata eliminata. Verificare il registro con «lovit audit:verify».',
    );
    this.broken = broken;
  }
}

/** The previous hash of the first seal. */
export const GENESIS_HASH = '0'.repeat(64);

// 'LOVIT' in ASCII: the advisory lock that lets one sealer at a time extend the chain.
const SEALER_LOCK_KEY = 0x4c4f564954;

// Each query reads one page in index order: starting parallel workers for it costs more than it saves.
async function withoutParallelWorkers(trx: Transaction<Database>): Promise<void> {
  await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      return serialiseObject(value);
    case 'bigint':
      throw new TypeError('a bigint has no JSON form');
    default:
      return undefined;
  }
}

function serialiseObject(value: object): string | undefined {
  const { toJSON } = value as { toJSON?: () => unknown };
  if (typeof toJSON === 'function') return serialise(toJSON.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => serialise(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of Object.keys(record).sort()) {
    const member = serialise(record[key]);
    if (member !== undefined) text += `${text ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

/**
 * JSON with object keys sorted at every depth, so the same value always gives the same text whatever the
 * order its keys came in (jsonb reorders them). Dates and other `toJSON` values become their JSON form.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

/** The record as JSON stores it: Dates become ISO strings, undefined members go. */
function jsonRecord(record: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(canonicalJson(record));
}

/** The fields of a change that differ, before and after; a Date equals another one at the same instant. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChanges {
  if (!before || !after) {
    return { before: before ? jsonRecord(before) : null, after: after ? jsonRecord(after) : null };
  }
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = serialise(before[key]);
    const now = serialise(after[key]);
    if (old === now) continue;
    if (old !== undefined) changedBefore[key] = JSON.parse(old);
    if (now !== undefined) changedAfter[key] = JSON.parse(now);
  }
  return { before: changedBefore, after: changedAfter };
}

const jsonString = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/** The text an entry's hash covers: all of its columns, canonically (the keys below are in sorted order). */
export function canonicalEntry(entry: SealableEntry): string {
  return (
    `{"action":${jsonString(entry.action)},"actorLabel":${jsonString(entry.actorLabel)},` +
    `"actorUserId":${jsonString(entry.actorUserId)},"at":${jsonString(entry.at)},` +
    `"clientAddress":${jsonString(entry.clientAddress)},"data":${canonicalJson(entry.data)},` +
    `"entityId":${jsonString(entry.entityId)},"entityType":${jsonString(entry.entityType)},` +
    `"id":${jsonString(entry.id)},` +
    `"kind":${jsonString(entry.kind)},"organisationId":${jsonString(entry.organisationId)},` +
    `"requestId":${jsonString(entry.requestId)},"seq":${canonicalJson(entry.seq)}}`
  );
}

/** The hash of a seal: SHA-256 (hex) of the previous seal's hash and the sealed entry. */
export function chainHash(prevHash: string, entry: SealableEntry): string {
  return digest('sha256', `${prevHash}\n${canonicalEntry(entry)}`, 'hex');
}

/**
 * Appends one entry to the audit trail, inside the caller's transaction when given one. The entry is
 * hash-chained later by `sealAuditTrail`, off the request path, so concurrent writers never queue on
 * the head of the chain.
 */
/** The row of an audit entry, its data as an object (for writers that send rows as JSON). */
export function auditRow(context: AuditContext, record: AuditRecord) {
  const data =
    record.kind === 'change'
      ? {
          ...diffFields(record.before, record.after),
          ...(record.details && { details: jsonRecord(record.details) }),
        }
      : (record.details ?? null);
  return {
    id: newId(),
    at: context.at,
    kind: record.kind,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    actorUserId: context.actorUserId,
    actorLabel: context.actorLabel,
    organisationId: context.organisationId,
    requestId: context.requestId,
    clientAddress: context.clientAddress,
    data,
  };
}

// The data as stored text: the query builder's camel-casing would otherwise rename the keys inside it.
const storedRow = (row: ReturnType<typeof auditRow>) => ({
  ...row,
  data: row.data === null ? null : canonicalJson(row.data),
});

export async function writeAudit(
  db: Kysely<Database>,
  context: AuditContext,
  record: AuditRecord,
): Promise<void> {
  await db
    .insertInto('auditEntry')
    .values(storedRow(auditRow(context, record)))
    .execute();
}

/** Writes many entries in one statement: for use cases that commit many records at once (click-day intake). */
export async function writeAuditBatch(
  db: Kysely<Database>,
  entries: readonly { context: AuditContext; record: AuditRecord }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('auditEntry')
    .values(entries.map(({ context, record }) => storedRow(auditRow(context, record))))
    .execute();
}

// The instant to the microsecond and the data as stored text: a Date would drop the microseconds, and
// the query builder's camel-casing would rename the keys inside the data.
const ENTRY_COLUMNS = [
  'e.seq',
  'e.id',
  sql<string>`to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at'),
  'e.kind',
  'e.action',
  'e.entityType',
  'e.entityId',
  'e.actorUserId',
  'e.actorLabel',
  'e.organisationId',
  'e.requestId',
  'e.clientAddress',
  sql<string | null>`e.data::text`.as('data'),
] as const;

type StoredEntry = Omit<SealableEntry, 'data'> & { data: string | null };

function toSealable(row: StoredEntry): SealableEntry {
  return { ...row, data: row.data === null ? null : JSON.parse(row.data) };
}

type SealBatch = { count: number; lastSeq: number | null };

function selectUnsealed(trx: Transaction<Database>, limit: number, afterSeq: number | null) {
  return (
    trx
      .selectFrom('auditEntry as e')
      .select(ENTRY_COLUMNS)
      // The bound is repeated on the seals: the planner does not carry a range across the join and
      // would otherwise read every seal again for each batch.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('auditSeal as s')
              .select('s.position')
              .whereRef('s.entrySeq', '=', 'e.seq')
              .$if(afterSeq !== null, (q) => q.where('s.entrySeq', '>', afterSeq as number)),
          ),
        ),
      )
      .$if(afterSeq !== null, (q) => q.where('e.seq', '>', afterSeq as number))
      .orderBy('e.seq')
      .limit(limit)
  );
}

async function sealBatch(db: Kysely<Database>, limit: number, afterSeq: number | null): Promise<SealBatch> {
  // Read committed on purpose: once the lock is ours, each statement sees what the previous sealer committed.
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(SEALER_LOCK_KEY)})`.execute(trx);
    await withoutParallelWorkers(trx);
    const head = await trx
      .selectFrom('auditSeal')
      .select(['position', 'hash'])
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    const entries = await selectUnsealed(trx, limit, afterSeq).execute();
    if (entries.length === 0) return { count: 0, lastSeq: afterSeq };

    const first = (head?.position ?? 0) + 1;
    const positions: number[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    let prevHash = head?.hash ?? GENESIS_HASH;
    for (const entry of entries) {
      positions.push(first + positions.length);
      prevHashes.push(prevHash);
      prevHash = chainHash(prevHash, toSealable(entry));
      hashes.push(prevHash);
    }
    // One statement for the whole batch, with four parameters however many rows it holds.
    await sql`
      insert into audit_seal (position, entry_seq, prev_hash, hash, sealed_at)
      select position, entry_seq, prev_hash, hash, now()
      from unnest(${positions}::bigint[], ${entries.map((e) => e.seq)}::bigint[], ${prevHashes}::text[],
        ${hashes}::text[]) as seal (position, entry_seq, prev_hash, hash)`.execute(trx);
    return { count: entries.length, lastSeq: entries.at(-1)?.seq ?? afterSeq };
  });
}

/**
 * Extends the hash chain over entries not yet sealed, in the order of their `seq`; returns how many it
 * sealed. One batch per call, or with `all` until nothing is left. An entry whose transaction commits
 * after entries with a higher `seq` were sealed is sealed in a later batch: the chain's order is the
 * order of sealing.
 */
export async function sealAuditTrail(
  db: Kysely<Database>,
  { batchSize = 5000, all = false }: { batchSize?: number; all?: boolean } = {},
): Promise<number> {
  let sealed = 0;
  // Within one call, a batch continues after the previous one instead of searching the whole trail
  // again; a final search of the whole trail picks up entries committed late.
  let afterSeq: number | null = null;
  for (;;) {
    const batch = await sealBatch(db, batchSize, afterSeq);
    sealed += batch.count;
    if (!all) return sealed;
    if (batch.count > 0) afterSeq = batch.lastSeq;
    else if (afterSeq === null) return sealed;
    else afterSeq = null;
  }
}

type SealRow = {
  position: number;
  entrySeq: number;
  prevHash: string;
  hash: string;
  /** When the entry's personal values were removed after sealing: the hash the entry verifies to now. */
  redactedHash: string | null;
  entry: SealableEntry | null;
};

type ChainState = { expectedPosition: number; prevHash: string };

function describeGap(state: ChainState, seal: SealRow): string {
  const last = seal.position - 1;
  return last === state.expectedPosition
    ? `gap in chain: seal ${last} missing`
    : `gap in chain: seals ${state.expectedPosition}-${last} missing`;
}

/** Whether the entry is the one the seal (or the redaction after it) hashed; the hash recomputed when not. */
function entryMismatch(seal: SealRow & { entry: SealableEntry }): { recomputed: string } | null {
  const recomputed = chainHash(seal.prevHash, seal.entry);
  return recomputed === (seal.redactedHash ?? seal.hash) ? null : { recomputed };
}

/** What is wrong with one seal given the chain before it: a reason, a hash that does not match, or null. */
function findFault(state: ChainState, seal: SealRow): string | { recomputed: string } | null {
  if (seal.position !== state.expectedPosition) return describeGap(state, seal);
  if (seal.prevHash !== state.prevHash) return 'seal altered';
  if (!seal.entry) return 'entry missing';
  return entryMismatch({ ...seal, entry: seal.entry });
}

/**
 * The audit trail's latest seal: the head of its hash chain. A document printed with it lets anyone later check,
 * with `lovit audit:verify`, that the records it was made from were not rewritten since.
 */
export function latestSeal(db: Kysely<Database>) {
  return db
    .selectFrom('auditSeal')
    .select(['position', 'hash'])
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Tells which side of a hash mismatch changed: the next seal was chained to one of the two hashes. */
async function explainMismatch(trx: Kysely<Database>, seal: SealRow, recomputed: string) {
  if (seal.redactedHash) return 'entry altered after redaction';
  const next = await trx
    .selectFrom('auditSeal')
    .select('prevHash')
    .where('position', '=', seal.position + 1)
    .executeTakeFirst();
  if (!next) return 'entry or seal altered';
  return next.prevHash === recomputed ? 'seal altered' : 'entry altered after sealing';
}

/** Checks a page of seals in order, advancing `state`; the first break, or null. */
async function findBreak(
  trx: Kysely<Database>,
  state: ChainState,
  seals: SealRow[],
): Promise<AuditBreak | null> {
  for (const seal of seals) {
    const fault = findFault(state, seal);
    if (fault) {
      const reason = typeof fault === 'string' ? fault : await explainMismatch(trx, seal, fault.recomputed);
      return { position: seal.position, entryId: seal.entry?.id ?? null, entrySeq: seal.entrySeq, reason };
    }
    state.expectedPosition = seal.position + 1;
    state.prevHash = seal.hash;
  }
  return null;
}

async function countUnsealed(trx: Transaction<Database>): Promise<number> {
  const { count } = await trx
    .selectFrom('auditEntry as e')
    .select((eb) => eb.fn.countAll().as('count'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('auditSeal as s').select('s.position').whereRef('s.entrySeq', '=', 'e.seq'))),
    )
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Seals in order with their entries: after `afterPosition`, or up to `upTo` (those kept before the chain). */
async function readSeals(
  trx: Kysely<Database>,
  afterPosition: number,
  limit: number | null,
  upTo: number | null = null,
): Promise<SealRow[]> {
  const rows = await trx
    .selectFrom('auditSeal as s')
    .leftJoin('auditEntry as e', 'e.seq', 's.entrySeq')
    .leftJoin('auditRedaction as r', 'r.entrySeq', 's.entrySeq')
    .select(['s.position', 's.entrySeq', 's.prevHash', 's.hash', 'r.hash as redactedHash', ...ENTRY_COLUMNS])
    .where('s.position', '>', afterPosition)
    .$if(upTo !== null, (q) => q.where('s.position', '<=', upTo as number))
    .orderBy('s.position')
    .$if(limit !== null, (q) => q.limit(limit as number))
    .execute();
  return rows.map((row) => ({
    position: Number(row.position),
    entrySeq: Number(row.entrySeq),
    prevHash: row.prevHash,
    hash: row.hash,
    redactedHash: row.redactedHash,
    entry: row.id === null ? null : toSealable(row as StoredEntry),
  }));
}

type ChainStart = { position: number; hash: string; entrySeq: number; retainedHash: string | null };

/** Where the chain starts as it is kept: after the last seal disposed of, or at the beginning. */
async function chainStart(db: Kysely<Database>): Promise<ChainStart> {
  const checkpoint = await db
    .selectFrom('auditCheckpoint')
    .select(['position', 'hash', 'entrySeq', 'retainedHash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return checkpoint
    ? { ...checkpoint, position: Number(checkpoint.position), entrySeq: Number(checkpoint.entrySeq) }
    : { position: 0, hash: GENESIS_HASH, entrySeq: 0, retainedHash: null };
}

/** The hash a checkpoint keeps of the seals before it kept under legal hold: of their positions and hashes. */
function retainedHash(seals: readonly SealRow[]): string | null {
  if (seals.length === 0) return null;
  return digest('sha256', seals.map((seal) => `${seal.position} ${seal.hash}\n`).join(''), 'hex');
}

/**
 * The first fault among the seals kept before the chain's start: an entry changed or gone, or a seal changed,
 * removed or added, which the checkpoint's hash of them no longer matches.
 */
function retainedBreak(start: ChainStart, seals: readonly SealRow[]): AuditBreak | null {
  for (const seal of seals) {
    const fault = seal.entry ? entryMismatch({ ...seal, entry: seal.entry }) : 'entry missing';
    if (fault) {
      const reason =
        typeof fault === 'string'
          ? fault
          : seal.redactedHash
            ? 'entry altered after redaction'
            : 'entry kept under legal hold altered after sealing';
      return { position: seal.position, entryId: seal.entry?.id ?? null, entrySeq: seal.entrySeq, reason };
    }
  }
  if (retainedHash(seals) === start.retainedHash) return null;
  return {
    position: start.position,
    entryId: null,
    entrySeq: start.entrySeq,
    reason: 'seals kept under legal hold do not match the checkpoint',
  };
}

/**
 * Walks the whole chain in order, recomputing every hash, and stops at the first seal that does not
 * hold: a gap, a seal changed, an entry changed or deleted. The chain starts after the last checkpoint
 * of the disposal, whose hash the first seal kept must name; the seals kept before it under legal hold are
 * checked first, against their own hashes and the checkpoint's. Reads only, on one consistent snapshot.
 */
export async function verifyAuditTrail(
  db: Kysely<Database>,
  {
    onProgress,
    pageSize = 10_000,
  }: { onProgress?: (progress: { checked: number; total: number }) => void; pageSize?: number } = {},
): Promise<AuditVerification> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await withoutParallelWorkers(trx);
      const start = await chainStart(trx);
      const retained = await readSeals(trx, 0, null, start.position);
      const { last } = await trx
        .selectFrom('auditSeal')
        .select((eb) => eb.fn.max('position').as('last'))
        .executeTakeFirstOrThrow();
      const total = Math.max(0, Number(last ?? 0) - start.position);
      const state: ChainState = { expectedPosition: start.position + 1, prevHash: start.hash };
      const checked = () => state.expectedPosition - 1 - start.position;
      let broken = retainedBreak(start, retained);
      let page = readSeals(trx, start.position, pageSize);
      while (!broken) {
        const seals = await page;
        const last = seals.at(-1);
        if (!last) break;
        // The server reads the next page while this one is hashed here.
        page = readSeals(trx, last.position, pageSize);
        broken = await findBreak(trx, state, seals);
        onProgress?.({ checked: checked(), total });
      }
      await page;
      return {
        sealed: checked(),
        unsealed: await countUnsealed(trx),
        broken,
        ...(start.position > 0 ? { disposed: start.position - retained.length } : {}),
        ...(retained.length > 0 ? { retained: retained.length } : {}),
      };
    });
}

/**
 * The last seal of the disposable part of the chain, read after `after`: the seals, in order from the start
 * of the chain as kept, whose entries were written before `cutoff`, up to the first one that was not. Entries
 * not yet sealed are never disposed of, and neither is anything after an entry still to be kept: the chain
 * is shortened only from its start.
 */
async function firstKeptPosition(db: Kysely<Database>, after: number, cutoff: Date): Promise<number | null> {
  const kept = await db
    .selectFrom('auditSeal as s')
    .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
    .select('s.position')
    .where('s.position', '>', after)
    .where('e.at', '>=', cutoff)
    .orderBy('s.position')
    .limit(1)
    .executeTakeFirst();
  return kept ? Number(kept.position) : null;
}

/** Whether an entry is about one of the records under legal hold. */
function holdTest(held: readonly AuditedRecord[]) {
  const keys = new Set(held.map((record) => `${record.type}\n${record.id}`));
  return (seal: SealRow) =>
    seal.entry !== null &&
    seal.entry.entityId !== null &&
    keys.has(`${seal.entry.entityType}\n${seal.entry.entityId}`);
}

/**
 * How many sealed entries written before `cutoff` the disposal would remove: from the start of the chain, and
 * among those kept before it under a hold since lifted; never one about a record in `held`.
 */
export async function countDisposableAuditEntries(
  db: Kysely<Database>,
  cutoff: Date,
  held: readonly AuditedRecord[] = [],
): Promise<number> {
  const start = await chainStart(db);
  const stop = await firstKeptPosition(db, start.position, cutoff);
  const { count } = await db
    .selectFrom('auditSeal as s')
    .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
    .select((eb) => eb.fn.countAll().as('count'))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('s.position', '>', start.position),
          ...(stop === null ? [] : [eb('s.position', '<', stop)]),
        ]),
        eb.and([eb('s.position', '<=', start.position), eb('e.at', '<', cutoff)]),
      ]),
    )
    .$if(held.length > 0, (q) =>
      q.where(
        sql<boolean>`not exists (
          select 1 from unnest(${held.map((r) => r.type)}::text[], ${held.map((r) => r.id)}::text[]) as h (type, id)
          where h.type = e.entity_type and h.id = e.entity_id)`,
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Whether the entry of a seal was written before `cutoff` (a missing entry is left for the check to name). */
const writtenBefore = (seal: SealRow, cutoff: Date) =>
  seal.entry === null || new Date(seal.entry.at) < cutoff;

/**
 * The seals due from the start of the chain, in order, until `wanted` of them are about no held record or the
 * first seal whose entry is still to be kept is reached: the chain is shortened only from its start.
 */
async function dueSeals(
  db: Kysely<Database>,
  start: ChainStart,
  cutoff: Date,
  wanted: number,
  isHeld: (seal: SealRow) => boolean,
): Promise<SealRow[]> {
  const due: SealRow[] = [];
  let disposable = 0;
  let after = start.position;
  while (disposable < wanted) {
    const page = await readSeals(db, after, wanted);
    for (const seal of page) {
      if (!writtenBefore(seal, cutoff) || disposable >= wanted) return due;
      due.push(seal);
      if (!isHeld(seal)) disposable += 1;
    }
    const last = page.at(-1);
    if (!last || page.length < wanted) return due;
    after = last.position;
  }
  return due;
}

/**
 * Disposes of at most `limit` sealed entries written before `cutoff`, from the start of the chain, inside the
 * caller's transaction; returns how many. Entries about a record in `held` (a case under legal hold and what
 * belongs to it) are kept with their seals, before the chain's start, and go in a later disposal once the
 * hold is lifted. The part disposed of is verified first (a change found in it stops the disposal: it would
 * erase the evidence), then a checkpoint keeps the hash of its last seal, which the next seal names as its
 * previous, and a hash of the seals kept: the rest of the chain verifies from there.
 */
export async function disposeAuditEntries(
  db: Kysely<Database>,
  cutoff: Date,
  limit: number,
  held: readonly AuditedRecord[] = [],
): Promise<number> {
  if (!db.isTransaction) throw new Error('audit entries are disposed of inside a transaction');
  // The sealer's lock: one process at a time changes either end of the chain.
  await sql`select pg_advisory_xact_lock(${sql.lit(SEALER_LOCK_KEY)})`.execute(db);
  const isHeld = holdTest(held);
  const start = await chainStart(db);
  const kept = await readSeals(db, 0, null, start.position);
  const keptBreak = retainedBreak(start, kept);
  if (keptBreak) throw new AuditTrailBroken(keptBreak);
  const released = kept.filter((seal) => !isHeld(seal) && writtenBefore(seal, cutoff)).slice(0, limit);
  const due = await dueSeals(db, start, cutoff, limit - released.length, isHeld);
  const broken = await findBreak(db, { expectedPosition: start.position + 1, prevHash: start.hash }, due);
  if (broken) throw new AuditTrailBroken(broken);
  const gone = [...released, ...due.filter((seal) => !isHeld(seal))];
  if (gone.length === 0) return 0;
  const retained = [...kept.filter((seal) => !released.includes(seal)), ...due.filter(isHeld)];
  const last = due.at(-1) ?? start;
  await db
    .insertInto('auditCheckpoint')
    .values({
      position: last.position,
      hash: last.hash,
      entrySeq: last.entrySeq,
      disposed: gone.length,
      disposedAt: sql<Date>`now()`,
      retained: retained.length,
      retainedHash: retainedHash(retained),
    })
    .execute();
  const seqs = gone.map((seal) => seal.entrySeq);
  await sql`set local lovit.audit_disposal = 'on'`.execute(db);
  await sql`set constraints audit_seal_entry_seq_fkey deferred`.execute(db);
  await db.deleteFrom('auditRedaction').where('entrySeq', 'in', seqs).execute();
  await db.deleteFrom('auditEntry').where('seq', 'in', seqs).execute();
  await db
    .deleteFrom('auditSeal')
    .where(
      'position',
      'in',
      gone.map((seal) => seal.position),
    )
    .execute();
  // What the transaction writes after this, its own audit entry included, is append-only again.
  await sql`set local lovit.audit_disposal = 'off'`.execute(db);
  await sql`set constraints audit_seal_entry_seq_fkey immediate`.execute(db);
  return gone.length;
}

/** The change entry with each value it recorded replaced: it still says which fields changed, not to what. */
export function redactedChange(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const redact = (value: unknown) => (value === null ? null : REDACTED_VALUE);
  const sides: Record<string, unknown> = {};
  for (const [side, fields] of Object.entries(data)) {
    sides[side] =
      fields !== null && typeof fields === 'object' && !Array.isArray(fields)
        ? Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, redact(value)]))
        : redact(fields);
  }
  return sides;
}

type RedactableRow = SealRow & { entry: SealableEntry; sealed: boolean };

/** The change entries about these records, with their seals (if any) and the hash of an earlier redaction. */
async function changesAbout(db: Kysely<Database>, type: string, ids: readonly string[]) {
  const rows = await db
    .selectFrom('auditEntry as e')
    .leftJoin('auditSeal as s', 's.entrySeq', 'e.seq')
    .leftJoin('auditRedaction as r', 'r.entrySeq', 'e.seq')
    .select(['s.position', 's.prevHash', 's.hash', 'r.hash as redactedHash', ...ENTRY_COLUMNS])
    .where('e.kind', '=', 'change')
    .where('e.entityType', '=', type)
    .where('e.entityId', 'in', ids)
    .orderBy('e.seq')
    .execute();
  return rows.map(
    (row): RedactableRow => ({
      position: Number(row.position ?? 0),
      entrySeq: Number(row.seq),
      prevHash: row.prevHash ?? '',
      hash: row.hash ?? '',
      redactedHash: row.redactedHash,
      entry: toSealable(row as StoredEntry),
      sealed: row.position !== null,
    }),
  );
}

// Enough records per query to keep to one index scan each, few enough for the statement's parameters.
const RECORDS_PER_QUERY = 1000;

/** The change entries about `records` as they would be redacted, each sealed one checked against its seal. */
async function redactionsOf(db: Kysely<Database>, records: readonly AuditedRecord[]) {
  const byType = Map.groupBy(records, (record) => record.type);
  const redacted: { seq: number; position: number | null; hash: string | null; data: string }[] = [];
  for (const [type, group] of byType) {
    const byId = Map.groupBy(group, (record) => record.id);
    const ids = [...byId.keys()];
    for (let from = 0; from < ids.length; from += RECORDS_PER_QUERY) {
      for (const row of await changesAbout(db, type, ids.slice(from, from + RECORDS_PER_QUERY))) {
        if (!concerns(byId.get(row.entry.entityId ?? '') ?? [], row.entry)) continue;
        const data = canonicalJson(redactedChange(row.entry.data));
        if (data === canonicalJson(row.entry.data)) continue;
        if (row.sealed && entryMismatch(row)) {
          throw new AuditTrailBroken({
            position: row.position,
            entryId: row.entry.id,
            entrySeq: row.entrySeq,
            reason: row.redactedHash ? 'entry altered after redaction' : 'entry altered after sealing',
          });
        }
        redacted.push({
          seq: row.entrySeq,
          position: row.sealed ? row.position : null,
          hash: row.sealed ? chainHash(row.prevHash, { ...row.entry, data: JSON.parse(data) }) : null,
          data,
        });
      }
    }
  }
  return redacted;
}

/**
 * Removes the values from the change entries about records that were disposed of (deleted, or emptied of
 * their personal data), inside the disposal's transaction; returns how many entries changed. Each entry keeps
 * its action, who, when and which fields changed. A sealed entry is checked against its seal first (a change
 * found stops the disposal: it would erase the evidence), and the hash of the entry as redacted is written
 * down in `audit_redaction`, for the chain to verify it from then on.
 */
export async function redactAuditedChanges(
  db: Kysely<Database>,
  records: readonly AuditedRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  if (!db.isTransaction) throw new Error('audit entries are redacted inside a transaction');
  // Most batches have nothing in the trail to redact: they neither wait for the sealer nor make it wait.
  if ((await redactionsOf(db, records)).length === 0) return 0;
  // The sealer's lock: an entry read here unsealed is not sealed with its old values in the meantime.
  await sql`select pg_advisory_xact_lock(${sql.lit(SEALER_LOCK_KEY)})`.execute(db);
  const redacted = await redactionsOf(db, records);
  if (redacted.length === 0) return 0;
  await sql`
    insert into audit_redaction (entry_seq, position, hash, redacted_at)
    select entry_seq, position, hash, now()
    from unnest(${redacted.map((row) => row.seq)}::bigint[], ${redacted.map((row) => row.position)}::bigint[],
      ${redacted.map((row) => row.hash)}::text[]) as redaction (entry_seq, position, hash)`.execute(db);
  await sql`set local lovit.audit_redaction = 'on'`.execute(db);
  await sql`
    update audit_entry e set data = redacted.data::jsonb
    from unnest(${redacted.map((row) => row.seq)}::bigint[], ${redacted.map((row) => row.data)}::text[])
      as redacted (seq, data)
    where e.seq = redacted.seq`.execute(db);
  await sql`set local lovit.audit_redaction = 'off'`.execute(db);
  return redacted.length;
}
