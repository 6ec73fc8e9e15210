/**
 * The e-mail outbox: a mail is a row written in the transaction of the change that causes it, so a change
 * that rolls back sends nothing and one that commits cannot lose its mail. A job sends the rows, retrying
 * with doubling waits, and marks each sent or, after the last try, undeliverable for people to see.
 */
import { EventEmitter } from 'node:events';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { MailStatus } from '../db/tables/kernel.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db.ts';
import { newId } from './ids.ts';
import type { JobDefinition } from './jobs.ts';
import type { Mail, Mailer } from './mail.ts';

export type { MailStatus };

/** What a mail is (`<module>.<what>`) and the record it is about, to show its status there. */
export type MailAbout = { topic: string; entityId: string | null };

export type MailPolicy = { attempts: number; retrySeconds: number };

export const MAIL_QUEUE = 'kernel.mail';

/** How long a claimed mail is left to its sender before another worker may try it. */
const CLAIM_SECONDS = 600;
const BATCH = 20;

type StoredBody = {
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType?: string }[];
  headers?: Record<string, string>;
};

/** The wait before the try after `attempts` failed ones: the first wait, doubled after each failure. */
export function retryDelaySeconds(attempts: number, policy: MailPolicy): number {
  return policy.retrySeconds * 2 ** Math.max(0, attempts - 1);
}

const queued = new EventEmitter();

/** Called after a transaction that wrote mail has committed, so that a worker sends it at once. */
export function announceQueuedMail(): void {
  queued.emit('mail');
}

/** The outbox row of a mail, its attachments in base64. */
function outboxRow(now: Date, mail: Mail, about: MailAbout) {
  const body: StoredBody = {
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.attachments
      ? {
          attachments: mail.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: Buffer.from(attachment.content).toString('base64'),
            ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
          })),
        }
      : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
  };
  return {
    id: newId(),
    topic: about.topic,
    entityId: about.entityId,
    recipient: mail.to,
    subject: mail.subject,
    body: JSON.stringify(body),
    status: 'PENDING' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
}

export async function queueMail(trx: Transaction<Database>, now: Date, mail: Mail, about: MailAbout) {
  const row = outboxRow(now, mail, about);
  await trx.insertInto('mailOutbox').values(row).execute();
  return row.id;
}

/** Queues many mails in one statement: for use cases that write many records at once (a batch of registrations). */
export async function queueMails(
  trx: Transaction<Database>,
  now: Date,
  mails: readonly { mail: Mail; about: MailAbout }[],
): Promise<void> {
  if (mails.length === 0) return;
  await trx
    .insertInto('mailOutbox')
    .values(mails.map(({ mail, about }) => outboxRow(now, mail, about)))
    .execute();
}

/** Takes the mails whose try is due, pushing their next try past the claim so no other worker takes them. */
async function claimDue(db: Kysely<Database>, now: Date) {
  const claimedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  return db
    .updateTable('mailOutbox')
    .set({ nextAttemptAt: claimedUntil })
    .where(
      'id',
      'in',
      db
        .selectFrom('mailOutbox')
        .select('id')
        .where('status', '=', 'PENDING')
        .where('nextAttemptAt', '<=', now)
        .orderBy('nextAttemptAt')
        .limit(BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'recipient', 'subject', 'body', 'attempts'])
    .execute();
}

function mailOf(row: { recipient: string; subject: string; body: unknown }): Mail {
  const body = row.body as StoredBody;
  return {
    to: row.recipient,
    subject: row.subject,
    text: body.text,
    ...(body.html ? { html: body.html } : {}),
    ...(body.attachments
      ? {
          attachments: body.attachments.map((attachment) => ({
            ...attachment,
            content: Buffer.from(attachment.content, 'base64'),
          })),
        }
      : {}),
    ...(body.headers ? { headers: body.headers } : {}),
  };
}

/** Sends every mail whose try is due; returns how many left and how many failed this time. */
export async function deliverDueMail(
  db: Kysely<Database>,
  clock: Clock,
  mailer: Mailer,
  policy: MailPolicy,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  for (;;) {
    const due = await claimDue(db, clock.now());
    if (due.length === 0) return result;
    for (const row of due) {
      const attempts = row.attempts + 1;
      try {
        await mailer.send(mailOf(row));
      } catch (error) {
        result.failed += 1;
        const now = clock.now();
        const lastError = error instanceof Error ? error.message.slice(0, 500) : 'errore sconosciuto';
        await db
          .updateTable('mailOutbox')
          .set(
            attempts >= policy.attempts
              ? { attempts, lastError, status: 'UNDELIVERABLE' }
              : {
                  attempts,
                  lastError,
                  nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, policy) * 1000),
                },
          )
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      result.sent += 1;
      await db
        .updateTable('mailOutbox')
        .set({ attempts, status: 'SENT', sentAt: clock.now(), body: null, lastError: null })
        .where('id', '=', row.id)
        .execute();
    }
  }
}

export type MailState = {
  topic: string;
  recipient: string;
  status: MailStatus;
  sentAt: Date | null;
  createdAt: Date;
};

/**
 * The mails about some records, newest first per record: what the pages show next to an appointment, an
 * invitation or a meeting.
 */
export async function mailStates(
  db: Kysely<Database>,
  topics: readonly string[],
  entityIds: readonly string[],
): Promise<Map<string, MailState[]>> {
  const states = new Map<string, MailState[]>();
  if (topics.length === 0 || entityIds.length === 0) return states;
  const rows = await db
    .selectFrom('mailOutbox')
    .select(['entityId', 'topic', 'recipient', 'status', 'sentAt', 'createdAt'])
    .where('topic', 'in', topics)
    .where('entityId', 'in', entityIds)
    .orderBy('createdAt', 'desc')
    .orderBy(sql`id`)
    .execute();
  for (const { entityId, ...state } of rows) {
    if (!entityId) continue;
    states.set(entityId, [...(states.get(entityId) ?? []), state]);
  }
  return states;
}

/** The job that sends the outbox: woken after each commit that wrote mail, and every minute for retries. */
export function mailJob(
  db: Kysely<Database>,
  clock: Clock,
  mailer: Mailer,
  policy: MailPolicy,
): JobDefinition {
  return {
    queue: MAIL_QUEUE,
    cron: '* * * * *',
    wakeOn(wake) {
      queued.on('mail', wake);
      return () => queued.off('mail', wake);
    },
    async handle() {
      await deliverDueMail(db, clock, mailer, policy);
    },
  };
}
