/**
 * Intake of case files at click-day scale. A submission is checked alone (`intake-rules.ts`), then queued;
 * one writer per process commits the queue in batches, in arrival order: quota places and protocol numbers
 * are taken for the whole batch with one locked update each, so the order of admission is the order of
 * arrival and the quota is never exceeded. While a batch commits, the next one gathers (group commit).
 * A batch that fails is retried one submission at a time, so one bad submission never sinks the others.
 *
 * On PostgreSQL the batches are written from a worker thread with its own connection: the statements of a
 * batch then never wait behind the HTTP work of the main thread (decision 009).
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DatabaseHandle } from '../../kernel/db.ts';
import { Conflict, Invalid } from '../../kernel/errors.ts';
import type { IntakeInput, IntakeResult } from './contract.ts';
import { type BatchOutcome, type QueuedSubmission, writeBatch } from './intake-batch.ts';

export type { QueuedSubmission } from './intake-batch.ts';

export type IntakeOutcome = { result: IntakeResult; replayed: boolean };

type Pending = {
  submission: QueuedSubmission;
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
};

const MAX_BATCH = 400;

/** The fingerprint of a request body, to tell a retry from another submission under the same key. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The fingerprint of a submission that came without a body of its own (an import row). */
export function bodyHashOf(input: IntakeInput): string {
  return fingerprint(JSON.stringify(input));
}

/**
 * How long a submission that arrived earlier may hold back later ones while it is still being read and
 * checked. A request stalled longer (a client that sends its body slowly) loses its place, not the others.
 */
const ARRIVAL_WAIT_MS = 250;

/**
 * The single writer of a process: batches submissions while the previous batch commits, in the order the
 * requests arrived. Each request takes a ticket the moment it arrives, before authentication and checks; a
 * submission waits in the queue until every earlier ticket has been queued or has ended without a submission.
 */
class IntakeWriter {
  readonly #queue: (Pending & { ticket: number })[] = [];
  /** Tickets of requests still being authenticated or checked, with their arrival time. */
  readonly #outstanding = new Map<number, number>();
  #nextTicket = 0;
  #running = false;
  #timer: NodeJS.Timeout | null = null;

  readonly #write: (batch: QueuedSubmission[]) => Promise<BatchOutcome[]>;

  constructor(write: (batch: QueuedSubmission[]) => Promise<BatchOutcome[]>) {
    this.#write = write;
  }

  ticket(): number {
    const ticket = this.#nextTicket++;
    this.#outstanding.set(ticket, Date.now());
    return ticket;
  }

  /** The request of a ticket ended without a submission (refused input, an error): it holds nobody back. */
  release(ticket: number): void {
    if (this.#outstanding.delete(ticket)) this.#kick();
  }

  submit(submission: QueuedSubmission, ticket: number): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.#outstanding.delete(ticket);
      let at = this.#queue.length;
      while (at > 0 && (this.#queue[at - 1]?.ticket ?? -1) > ticket) at--;
      this.#queue.splice(at, 0, { submission, resolve, reject, ticket });
      this.#kick();
    });
  }

  #kick(): void {
    if (!this.#running) void this.#drain();
  }

  /** The first ticket that still holds the queue back, forgetting those that waited too long. */
  #barrier(): number {
    const now = Date.now();
    let lowest = Number.POSITIVE_INFINITY;
    for (const [ticket, arrivedAt] of this.#outstanding) {
      if (now - arrivedAt > ARRIVAL_WAIT_MS) this.#outstanding.delete(ticket);
      else if (ticket < lowest) lowest = ticket;
    }
    return lowest;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (;;) {
        const barrier = this.#barrier();
        const ready = this.#queue.findIndex((pending) => pending.ticket > barrier);
        const count = Math.min(ready === -1 ? this.#queue.length : ready, MAX_BATCH);
        if (count === 0) break;
        const organisationId = this.#queue[0]?.submission.organisationId;
        const batch: Pending[] = [];
        for (let i = 0; i < count && batch.length < MAX_BATCH; ) {
          const pending = this.#queue[i] as Pending;
          if (pending.submission.organisationId !== organisationId) break;
          batch.push(pending);
          i++;
        }
        this.#queue.splice(0, batch.length);
        await this.#commit(batch);
      }
    } finally {
      this.#running = false;
    }
    if (this.#queue.length && !this.#timer)
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#kick();
      }, ARRIVAL_WAIT_MS / 5);
  }

  async #commit(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.#write(batch.map((pending) => pending.submission));
      batch.forEach((pending, index) => {
        settle(pending, outcomes[index]);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One submission broke the batch (a race on a unique key, a value the database refused): retry alone.
      for (const pending of batch) await this.#commit([pending]);
    }
  }
}

function settle(pending: Pending, outcome: BatchOutcome | undefined): void {
  if (outcome === undefined) pending.reject(new Error('submission left without an outcome'));
  else if (outcome.kind === 'written')
    pending.resolve({ result: outcome.result, replayed: outcome.replayed });
  else if (outcome.kind === 'invalid') pending.reject(new Invalid(outcome.errors));
  else pending.reject(new Conflict(outcome.detail, {}, outcome.errors));
}

type WorkerReply = { id: number; outcomes?: BatchOutcome[]; error?: { message: string; code?: string } };

/** Writes batches on a worker thread with its own PostgreSQL connection. */
function workerWriter(url: string): {
  write(batch: QueuedSubmission[]): Promise<BatchOutcome[]>;
  stop(): Promise<void>;
} {
  const worker = new Worker(new URL('./intake-worker.ts', import.meta.url), { workerData: { url } });
  worker.unref();
  const waiting = new Map<number, { resolve(o: BatchOutcome[]): void; reject(e: unknown): void }>();
  let next = 0;
  worker.on('message', (reply: WorkerReply) => {
    const call = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!call) return;
    if (reply.outcomes) call.resolve(reply.outcomes);
    // Database errors keep their SQLSTATE code, so a unique violation still answers 409.
    else
      call.reject(
        Object.assign(new Error(reply.error?.message ?? 'intake writer failed'), { code: reply.error?.code }),
      );
  });
  worker.on('error', (error) => {
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  });
  return {
    write(batch) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, batch });
      });
    },
    async stop() {
      await worker.terminate();
    },
  };
}

type Writer = { writer: IntakeWriter; stop(): Promise<void> };
const writers = new WeakMap<DatabaseHandle, Writer>();

function writerOf(database: DatabaseHandle): IntakeWriter {
  let entry = writers.get(database);
  if (!entry) {
    if (database.url) {
      const thread = workerWriter(database.url);
      entry = { writer: new IntakeWriter(thread.write), stop: thread.stop };
    } else {
      entry = {
        writer: new IntakeWriter((batch) => writeBatch(database.db, batch)),
        stop: async () => undefined,
      };
    }
    writers.set(database, entry);
  }
  return entry.writer;
}

/** Stops the writer's thread, if any: when the application closes. */
export async function stopIntakeWriter(database: DatabaseHandle): Promise<void> {
  const entry = writers.get(database);
  writers.delete(database);
  await entry?.stop();
}

/** Takes the arrival ticket of a submission request: call it as the request arrives, before any wait. */
export function takeArrivalTicket(database: DatabaseHandle): number {
  return writerOf(database).ticket();
}

/** Gives back the ticket of a request that ended without queuing a submission. */
export function releaseArrivalTicket(database: DatabaseHandle, ticket: number): void {
  writerOf(database).release(ticket);
}

/** Queues a checked submission for the process's writer, in its arrival place, and waits for its outcome. */
export function enqueueSubmission(
  database: DatabaseHandle,
  submission: QueuedSubmission,
  ticket: number,
): Promise<IntakeOutcome> {
  return writerOf(database).submit(submission, ticket);
}
