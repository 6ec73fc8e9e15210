/**
 * Reads of personal data are audited outside any transaction, one entry per read. Entries of reads that
 * arrive together are written together: one statement and one commit for all of them, while each read
 * still waits until its own entry is stored.
 */
import type { Kysely } from 'kysely';
import { type AuditContext, type AuditRecord, writeAuditBatch } from './audit.ts';
import type { Database } from './db.ts';

type Waiting = {
  entry: { context: AuditContext; record: AuditRecord };
  stored: () => void;
  failed: (error: unknown) => void;
};
type ReadAuditQueue = { waiting: Waiting[]; writing: boolean };

const queues = new WeakMap<Kysely<Database>, ReadAuditQueue>();

function queueOf(db: Kysely<Database>): ReadAuditQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], writing: false };
    queues.set(db, queue);
  }
  return queue;
}

// One bad entry must not cost the others their record: a batch that fails is written again entry by entry.
async function writeGroup(db: Kysely<Database>, group: Waiting[]): Promise<void> {
  try {
    await writeAuditBatch(
      db,
      group.map((waiting) => waiting.entry),
    );
    for (const waiting of group) waiting.stored();
  } catch (error) {
    if (group.length === 1) {
      group[0]?.failed(error);
      return;
    }
    await Promise.all(group.map((waiting) => writeGroup(db, [waiting])));
  }
}

// One group at a time: entries arriving while a group is written form the next one.
async function drain(db: Kysely<Database>, queue: ReadAuditQueue): Promise<void> {
  try {
    while (queue.waiting.length > 0) await writeGroup(db, queue.waiting.splice(0));
  } finally {
    queue.writing = false;
  }
}

/** Stores one read's audit entry, grouped with the entries of reads made at the same moment. */
export function writeReadAudit(
  db: Kysely<Database>,
  context: AuditContext,
  record: AuditRecord,
): Promise<void> {
  const queue = queueOf(db);
  return new Promise((stored, failed) => {
    queue.waiting.push({ entry: { context, record }, stored, failed });
    // The rest of this turn of the event loop may bring more reads: the group is written after it.
    if (!queue.writing) {
      queue.writing = true;
      setImmediate(() => void drain(db, queue));
    }
  });
}
