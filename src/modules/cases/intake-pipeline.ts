/**
 * The intake writer's pipeline: submissions come in arrival order and are written in batches, in that order.
 * With two connections, the next batch runs its first phase (idempotency keys, parties) while the previous one
 * takes its quota places and protocol numbers and commits; the second phases still run one at a time, in order,
 * so places and numbers follow the arrival order exactly (decision 009). A batch that fails is retried one
 * submission at a time, after the batch prepared behind it has been rolled back and put back in the queue, so
 * one bad submission never sinks the others and nothing is half-written. It runs on the writer's thread, so
 * only erasable syntax here.
 */
import type { ControlledTransaction, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  type BatchOutcome,
  finishBatch,
  outcomesOf,
  type PreparedBatch,
  prepareBatch,
  type QueuedSubmission,
  writeBatch,
} from './intake-batch.ts';

export type PipelineEntry = { id: number; submission: QueuedSubmission };

/** Receives the outcomes of written entries, in the order of the entries. */
export type Deliver = (ids: number[], outcomes: BatchOutcome[]) => void;

const MAX_BATCH = 400;

type Attempt =
  | { ok: true; entries: PipelineEntry[]; trx: ControlledTransaction<Database>; prepared: PreparedBatch }
  | { ok: false; entries: PipelineEntry[] };

function failure(error: unknown): BatchOutcome {
  const { message, code } = error as { message?: string; code?: string };
  return { kind: 'failed', message: message ?? 'intake write failed', code };
}

export class IntakePipeline {
  readonly #db: Kysely<Database>;
  readonly #connections: number;
  readonly #deliver: Deliver;
  #queue: PipelineEntry[] = [];
  #running = false;

  /** `connections`: 2 lets a batch prepare while the previous one commits; 1 writes one batch at a time. */
  constructor(db: Kysely<Database>, connections: 1 | 2, deliver: Deliver) {
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
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.#db.startTransaction().execute();
      const prepared = await prepareBatch(
        trx,
        entries.map((entry) => entry.submission),
      );
      return { ok: true, entries, trx, prepared };
    } catch {
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      return { ok: false, entries };
    }
  }

  /** Second phase and commit; false if the batch failed (its transaction is then rolled back). */
  async #finish(attempt: Extract<Attempt, { ok: true }>): Promise<boolean> {
    try {
      await finishBatch(attempt.trx, attempt.prepared);
      await attempt.trx.commit().execute();
    } catch {
      await attempt.trx
        .rollback()
        .execute()
        .catch(() => undefined);
      return false;
    }
    this.#deliver(
      attempt.entries.map((entry) => entry.id),
      outcomesOf(attempt.prepared),
    );
    return true;
  }

  /** Writes each entry of a failed batch alone, in order, answering each with its outcome or its error. */
  async #retryAlone(entries: PipelineEntry[]): Promise<void> {
    for (const entry of entries) {
      const outcome = await writeBatch(this.#db, [entry.submission]).then(
        (outcomes) => outcomes[0] ?? failure(new Error('no outcome')),
        failure,
      );
      this.#deliver([entry.id], [outcome]);
    }
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      let ahead: Promise<Attempt> | null = null;
      for (;;) {
        const current: Promise<Attempt> | null =
          ahead ?? (this.#queue.length ? this.#prepare(this.#take()) : null);
        ahead = null;
        if (!current) break;
        const attempt = await current;
        if (attempt.ok && this.#connections > 1 && this.#queue.length) ahead = this.#prepare(this.#take());
        if (attempt.ok && (await this.#finish(attempt))) continue;
        // The batch failed: roll back the one prepared behind it (it may wait on this one's rows), retry alone.
        if (ahead) {
          const behind: Attempt = await ahead;
          ahead = null;
          if (behind.ok)
            await behind.trx
              .rollback()
              .execute()
              .catch(() => undefined);
          this.#queue.unshift(...behind.entries);
        }
        await this.#retryAlone(attempt.entries);
      }
    } finally {
      this.#running = false;
    }
  }
}
