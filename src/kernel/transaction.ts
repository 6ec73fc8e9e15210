import type { Kysely, Transaction } from 'kysely';
import { type AuditRecord, writeAudit, writeAuditBatch } from './audit.ts';
import { writeReadAudit } from './audit-reads.ts';
import { auditContextOf, type Caller } from './auth.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db.ts';
import type { Mail } from './mail.ts';
import { announceQueuedMail, type MailAbout, queueMail } from './mail-outbox.ts';

export type UnitOfWork = {
  db: Transaction<Database>;
  /** Adds a fact to the audit trail, in this transaction. */
  audit(record: AuditRecord): Promise<void>;
  /** Adds many facts in one statement (for use cases that write many records at once). */
  auditAll(records: readonly AuditRecord[]): Promise<void>;
  /** Puts an e-mail in the outbox, in this transaction: it leaves only if the change commits. */
  mail(mail: Mail, about: MailAbout): Promise<void>;
};

export class UnauditedWrite extends Error {
  override name = 'UnauditedWrite';
}

/**
 * Thrown by a use case that finds, under its locks, that what it was asked is done already (a second click,
 * a job that another process ran first): the transaction ends without a write, and `writeTransaction`
 * answers `value`.
 */
export class NothingToDo<T> extends Error {
  override name = 'NothingToDo';
  constructor(readonly value: T) {
    super('nothing left to do');
  }
}

/**
 * Runs one use case in one transaction with its audit entries: the only way services write. A use case
 * that records nothing in the audit trail is a programming error and rolls back; one that finds nothing to
 * do says so with `NothingToDo`.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  clock: Clock,
  caller: Caller,
  work: (unit: UnitOfWork) => Promise<T>,
): Promise<T> {
  const context = auditContextOf(caller, clock);
  let mails = 0;
  const result = await db
    .transaction()
    .execute(async (trx) => {
      let recorded = 0;
      const result = await work({
        db: trx,
        audit: async (record) => {
          recorded += 1;
          await writeAudit(trx, context, record);
        },
        auditAll: async (records) => {
          recorded += records.length;
          await writeAuditBatch(
            trx,
            records.map((record) => ({ context, record })),
          );
        },
        mail: async (mail, about) => {
          mails += 1;
          await queueMail(trx, clock.now(), mail, about);
        },
      });
      if (recorded === 0) throw new UnauditedWrite('a write use case finished without an audit entry');
      return result;
    })
    .catch((error: unknown) => {
      if (error instanceof NothingToDo) return error.value as T;
      throw error;
    });
  if (mails > 0) announceQueuedMail();
  return result;
}

/**
 * Records a read of personal data (who looked at whom) outside any write, in one statement with the reads
 * made at the same moment (inside a transaction, in that transaction). Returns once the entry is stored.
 */
export async function auditRead(
  db: Kysely<Database>,
  clock: Clock,
  caller: Caller,
  entityType: string,
  entityId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const record: AuditRecord = {
    kind: 'access',
    action: `${entityType}.read`,
    entityType,
    entityId,
    ...(details ? { details } : {}),
  };
  const context = auditContextOf(caller, clock);
  await (db.isTransaction ? writeAudit(db, context, record) : writeReadAudit(db, context, record));
}
