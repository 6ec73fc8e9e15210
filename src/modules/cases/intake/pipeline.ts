/**
 * The intake writer's pipeline: submissions come in arrival order and are written in batches, in that order.
 * With three connections, three batches are under way at once: one commits while the next takes its quota
 * places and protocol numbers and the one after runs its first phase (idempotency keys, parties). The places
 * and numbers of a batch wait, in the database, on the row locks of the batch committing before it, so they
 * follow the arrival order exactly (decision 009), and the writer does not wait for a commit's answer before
 * sending the next batch's statements. A batch that fails is retried one submission at a time, after the
 * batches behind it have been rolled back and put back in the queue, so one bad submission never sinks the
 * others and nothing is half-written. It runs on the writer's thread, so only erasable syntax here.
 */
import { type Db, isConnectionLoss } from '../../../kernel/db.ts';
import {
  type BatchOutcome,
  finishBatch,
  outcomesOf,
  type PreparedBatch,
  prepareBatch,
  type QueuedSubmission,
  writeBatch,
} from './batch.ts';
import type { OpenBatchTransaction } from './store.ts';

export type PipelineEntry = { id: number; submission: QueuedSubmission };

/** Receives the outcomes of written entries, in the order of the entries. */
export type Deliver = (ids: number[], outcomes: BatchOutcome[]) => void;

const MAX_BATCH = 400;

type Prepared = {
  ok: true;
  entries: PipelineEntry[];
  trx: OpenBatchTransaction;
  prepared: PreparedBatch;
};
type Attempt = Prepared | { ok: false; entries: PipelineEntry[] };

const rollBack = (trx: OpenBatchTransaction) =>
  trx
    .rollback()
    .execute()
    .catch(() => undefined);

function failure(error: unknown): BatchOutcome {
  const { message, code } = error as { message?: string; code?: string };
  return { kind: 'failed', message: message ?? 'intake write failed', code };
}

/** The idempotency key was stored by another writer between this one's look-up and its insert. */
const isKeyTakenMeanwhile = (error: unknown) => {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'intake_request_pk';
};

export class IntakePipeline {
  readonly #db: Db;
  readonly #connections: 1 | 3;
  readonly #deliver: Deliver;
  #queue: PipelineEntry[] = [];
  #running = false;

  /** `connections`: 3 overlaps three batches (see above); 1 writes one batch at a time. */
  constructor(db: Db, connections: 1 | 3, deliver: Deliver) {
    this.#db = db;
    this.#connections = connections;
    this.#deliver = deliver;
  }

  /** Entries in arrival order, after every entry pushed before. */
  push(entries: PipelineEntry[]): void {
    this.#queue.push(...entries);
    if (!this.#running) void this.#run();
  }

  /** The next batch: the entries at the head of the queue of one office. */
  #take(): PipelineEntry[] {
    const organisationId = this.#queue[0]?.submission.organisationId;
    let count = 0;
    while (
      count < this.#queue.length &&
      count < MAX_BATCH &&
      this.#queue[count]?.submission.organisationId === organisationId
    )
      count++;
    return this.#queue.splice(0, count);
  }

  async #prepare(entries: PipelineEntry[]): Promise<Attempt> {
    let trx: OpenBatchTransaction | undefined;
    try {
      trx = await this.#db.startTransaction().execute();
      const prepared = await prepareBatch(
        trx,
        entries.map((entry) => entry.submission),
      );
      return { ok: true, entries, trx, prepared };
    } catch {
      if (trx) await rollBack(trx);
      return { ok: false, entries };
    }
  }

  /** Second phase; false if it failed (the batch's transaction is then rolled back). */
  async #finish(attempt: Prepared): Promise<boolean> {
    try {
      await finishBatch(attempt.trx, attempt.prepared);
      return true;
    } catch {
      await rollBack(attempt.trx);
      return false;
    }
  }

  /**
   * Commits a finished batch and answers its submissions; false if the commit failed. A commit whose
   * connection is lost may have been applied or not: writing the batch again could write it twice, so its
   * submissions are answered unavailable and a retry with the same idempotency key finds out which it was.
   */
  async #commit(attempt: Prepared): Promise<boolean> {
    try {
      await attempt.trx.commit().execute();
    } catch (error) {
      await rollBack(attempt.trx);
      if (!isConnectionLoss(error)) return false;
      this.#unavailable(attempt.entries);
      return true;
    }
    this.#deliver(
      attempt.entries.map((entry) => entry.id),
      outcomesOf(attempt.prepared),
    );
    return true;
  }

  #unavailable(entries: PipelineEntry[]): void {
    this.#deliver(
      entries.map((entry) => entry.id),
      entries.map(() => ({ kind: 'unavailable' })),
    );
  }

  /**
   * Writes each entry of a failed batch alone, in order, answering each with its outcome or its error. Once
   * the database is out of reach, the rest are answered unavailable at once rather than each waiting for it.
   */
  async #retryAlone(entries: PipelineEntry[]): Promise<void> {
    for (const [index, entry] of entries.entries()) {
      const write = () => writeBatch(this.#db, [entry.submission]);
      // The same key sent to another process at the same moment: its write has committed once ours failed
      // on the key, so written again this one finds it and answers the same case.
      const outcome = await write()
        .catch((error: unknown) => (isKeyTakenMeanwhile(error) ? write() : Promise.reject(error)))
        .then(
          (outcomes) => outcomes[0] ?? failure(new Error('no outcome')),
          (error: unknown) => (isConnectionLoss(error) ? null : failure(error)),
        );
      if (outcome === null) {
        this.#unavailable(entries.slice(index));
        return;
      }
      this.#deliver([entry.id], [outcome]);
    }
  }

  /**
   * Rolls back the batches behind a failed one and puts their entries back at the head of the queue, in order.
   * Each is rolled back before the next is awaited: a later batch may be waiting on an earlier one's rows.
   */
  async #putBack(behind: (Promise<Attempt> | null)[]): Promise<void> {
    const entries: PipelineEntry[] = [];
    for (const pending of behind) {
      if (!pending) continue;
      const attempt = await pending;
      if (attempt.ok) await rollBack(attempt.trx);
      entries.push(...attempt.entries);
    }
    this.#queue.unshift(...entries);
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      let ahead: Promise<Attempt> | null = null;
      /** The batch before, committing while this one takes its places (which wait for that commit). */
      let committing: { attempt: Prepared; committed: Promise<boolean> } | null = null;
      for (;;) {
        const current: Promise<Attempt> | null =
          ahead ?? (this.#queue.length ? this.#prepare(this.#take()) : null);
        ahead = null;
        if (!current) {
          if (!committing) break;
          const before = committing;
          committing = null;
          if (!(await before.committed)) await this.#retryAlone(before.attempt.entries);
          continue;
        }
        const attempt = await current;
        if (attempt.ok && this.#connections > 1 && this.#queue.length) ahead = this.#prepare(this.#take());
        const finished = attempt.ok ? this.#finish(attempt) : Promise.resolve(false);
        if (committing) {
          const before = committing;
          committing = null;
          if (!(await before.committed)) {
            // The batch before failed at its commit: this one and the one behind wait for its retry.
            await this.#putBack([finished.then(() => attempt), ahead]);
            ahead = null;
            await this.#retryAlone(before.attempt.entries);
            continue;
          }
        }
        if (attempt.ok && (await finished)) {
          const committed = this.#commit(attempt);
          if (this.#connections > 1) committing = { attempt, committed };
          else if (!(await committed)) await this.#retryAlone(attempt.entries);
          continue;
        }
        // The batch failed: roll back the one prepared behind it, then retry this one's entries alone.
        await this.#putBack([ahead]);
        ahead = null;
        await this.#retryAlone(attempt.entries);
      }
    } finally {
      this.#running = false;
    }
  }
}
