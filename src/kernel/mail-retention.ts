/**
 * How long the e-mail outbox keeps a mail. A sent mail keeps its recipient and a subject that names the case;
 * an undeliverable one keeps its whole body (names, addresses, a letter in PDF, a sign-in link). Both are
 * needed for a while, to show next to a record whether its mail left and to let the office see what was not
 * delivered, and not afterwards: the audit trail is the lasting record of what happened.
 */
import type { Kysely } from 'kysely';
import { SYSTEM_CALLER } from './auth.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db.ts';
import type { JobDefinition } from './jobs.ts';
import { writeTransaction } from './transaction.ts';

const MAIL_KEPT_DAYS = 30;

/** Deletes mails sent before the retention period and empties the undeliverable ones written before it. */
export async function forgetOldMail(
  db: Kysely<Database>,
  clock: Clock,
): Promise<{ deleted: number; emptied: number }> {
  const before = new Date(clock.now().getTime() - MAIL_KEPT_DAYS * 86_400_000);
  return writeTransaction(db, clock, SYSTEM_CALLER, async ({ db: trx, audit }) => {
    const deleted = await trx
      .deleteFrom('mailOutbox')
      .where('status', '=', 'SENT')
      .where('sentAt', '<', before)
      .executeTakeFirst();
    const emptied = await trx
      .updateTable('mailOutbox')
      .set({ body: null })
      .where('status', '=', 'UNDELIVERABLE')
      .where('createdAt', '<', before)
      .where('body', 'is not', null)
      .executeTakeFirst();
    const result = { deleted: Number(deleted.numDeletedRows), emptied: Number(emptied.numUpdatedRows) };
    await audit({
      kind: 'security',
      action: 'kernel.mail.retention',
      entityType: 'mail_outbox',
      entityId: null,
      details: result,
    });
    return result;
  });
}

/** Every night, after the night's other housekeeping. */
export function mailRetentionJob(db: Kysely<Database>, clock: Clock): JobDefinition {
  return {
    queue: 'kernel.mail.retention',
    cron: '50 3 * * *',
    async handle() {
      await forgetOldMail(db, clock);
    },
  };
}
