/**
 * Intake of case files at click-day scale. A submission is checked alone (`rules.ts`), then handed in
 * arrival order to the process's one pipeline (`pipeline.ts`), which writes batches in that order:
 * quota places and protocol numbers are taken for the whole batch with one locked statement, so the order of
 * admission is the order of arrival and the quota is never exceeded. While a batch commits, the next one
 * gathers and prepares (group commit).
 *
 * On PostgreSQL the pipeline runs on a worker thread with its own connections: the statements of a batch then
 * never wait behind the HTTP work of the main thread (decision 009).
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../../kernel/clock.ts';
import type { DatabaseHandle } from '../../../kernel/db.ts';
import { Conflict, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { IntakeInput, IntakeResult } from '../contract.ts';
import type { BatchOutcome, QueuedSubmission } from './batch.ts';
import { type Deliver, IntakePipeline, type PipelineEntry } from './pipeline.ts';

export type { QueuedSubmission } from './batch.ts';

export type IntakeOutcome = { result: IntakeResult; replayed: boolean };

type Pending = {
  submission: QueuedSubmission;
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
};

/** The fingerprint of a request body, to tell a retry from another submission under the same key. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The fingerprint of a submission that came without a body of its own (an import row). */
export function bodyHashOf(input: IntakeInput): string {
  return fingerprint(JSON.stringify(input));
}

/**
 * How long a submission that arrived earlier may hold back later ones while its body is still arriving, on
 * the platform's clock. A client that sends its body more slowly loses its place, not the others. Time the
 * request spends waiting for this server (the access check, a busy process) never costs it its place.
 */
export const ARRIVAL_WAIT_MS = 250;

/** Where the writer sends submissions in arrival order: the pipeline, here or on the writer's thread. */
type Sink = { push(entries: PipelineEntry[]): void; stop(): Promise<void> };

/**
 * The single writer of a process: hands submissions to the pipeline in the order the requests arrived. Each
 * request takes a ticket the moment it arrives, before authentication and checks; a submission waits until
 * every earlier ticket has been queued or has ended without a submission. Body arrival times are read on the
 * clock of the platform that opened the writer.
 */
class IntakeWriter {
  readonly #queue: (Pending & { ticket: number })[] = [];
  /**
   * Tickets of requests still being authenticated, read or checked, with the time their body started to
   * arrive while it is arriving (otherwise +Infinity: they hold their place).
   */
  readonly #outstanding = new Map<number, number>();
  /** Submissions handed to the pipeline, by entry id, until their outcome comes back. */
  readonly #written = new Map<number, Pending>();
  #nextTicket = 0;
  #nextEntry = 0;
  #timer: NodeJS.Timeout | null = null;
  readonly #clock: Clock;
  readonly sink: Sink;

  constructor(clock: Clock, open: (deliver: Deliver, fail: (error: unknown) => void) => Sink) {
    this.#clock = clock;
    this.sink = open(
      (ids, outcomes) => {
        ids.forEach((id, index) => {
          const pending = this.#written.get(id);
          this.#written.delete(id);
          if (pending) settle(pending, outcomes[index]);
        });
      },
      (error) => {
        for (const pending of this.#written.values()) pending.reject(error);
        this.#written.clear();
      },
    );
  }

  ticket(): number {
    const ticket = this.#nextTicket++;
    this.#outstanding.set(ticket, Number.POSITIVE_INFINITY);
    return ticket;
  }

  /** The body of the ticket's request starts to arrive: from now on a slow client can lose its place. */
  reading(ticket: number): void {
    if (this.#outstanding.has(ticket)) this.#outstanding.set(ticket, this.#clock.monotonic());
  }

  /** The body has arrived whole: the request keeps its place while this server checks it. */
  read(ticket: number): void {
    if (this.#outstanding.has(ticket)) this.#outstanding.set(ticket, Number.POSITIVE_INFINITY);
  }

  /** The request of a ticket ended without a submission (refused input, an error): it holds nobody back. */
  release(ticket: number): void {
    if (this.#outstanding.delete(ticket)) this.#drain();
  }

  submit(submission: QueuedSubmission, ticket: number): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.#outstanding.delete(ticket);
      let at = this.#queue.length;
      while (at > 0 && (this.#queue[at - 1]?.ticket ?? -1) > ticket) at--;
      this.#queue.splice(at, 0, { submission, resolve, reject, ticket });
      this.#drain();
    });
  }

  /** The first ticket that still holds the queue back, forgetting those that waited too long. */
  #barrier(): number {
    const now = this.#clock.monotonic();
    let lowest = Number.POSITIVE_INFINITY;
    for (const [ticket, readingSince] of this.#outstanding) {
      if (now - readingSince > ARRIVAL_WAIT_MS) this.#outstanding.delete(ticket);
      else if (ticket < lowest) lowest = ticket;
    }
    return lowest;
  }

  /** Hands over every queued submission that no earlier request holds back. */
  #drain(): void {
    const barrier = this.#barrier();
    const ready = this.#queue.findIndex((pending) => pending.ticket > barrier);
    const count = ready === -1 ? this.#queue.length : ready;
    if (count > 0) {
      const entries = this.#queue.splice(0, count).map((pending) => {
        const id = this.#nextEntry++;
        this.#written.set(id, pending);
        return { id, submission: pending.submission };
      });
      this.sink.push(entries);
    }
    if (this.#queue.length && !this.#timer)
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#drain();
      }, ARRIVAL_WAIT_MS / 5);
  }
}

function settle(pending: Pending, outcome: BatchOutcome | undefined): void {
  if (outcome === undefined) pending.reject(new Error('submission left without an outcome'));
  else if (outcome.kind === 'written')
    pending.resolve({ result: outcome.result, replayed: outcome.replayed });
  else if (outcome.kind === 'invalid') pending.reject(new Invalid(outcome.errors));
  else if (outcome.kind === 'conflict') pending.reject(new Conflict(outcome.detail, {}, outcome.errors));
  // Database errors keep their SQLSTATE code, so a unique violation still answers 409.
  else pending.reject(Object.assign(new Error(outcome.message), { code: outcome.code }));
}

/**
 * The pipeline on a worker thread with its own PostgreSQL connections. Submissions that arrive in the same
 * turn of the event loop cross to the thread in one message.
 */
function workerSink(url: string, deliver: Deliver, fail: (error: unknown) => void): Sink {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: { url } });
  worker.unref();
  worker.on('message', ({ ids, outcomes }: { ids: number[]; outcomes: BatchOutcome[] }) => {
    deliver(ids, outcomes);
  });
  worker.on('error', fail);
  let waiting: PipelineEntry[] = [];
  return {
    push(entries) {
      if (waiting.length === 0)
        setImmediate(() => {
          const message = waiting;
          waiting = [];
          worker.postMessage(message);
        });
      waiting.push(...entries);
    },
    async stop() {
      await worker.terminate();
    },
  };
}

const writers = new WeakMap<DatabaseHandle, IntakeWriter>();

/** What the writer of a database needs: the database, and the clock that times the arrival of bodies. */
type WriterPlatform = Pick<Platform, 'database' | 'clock'>;

function writerOf({ database, clock }: WriterPlatform): IntakeWriter {
  let writer = writers.get(database);
  if (!writer) {
    const url = database.url;
    writer = new IntakeWriter(clock, (deliver, fail) => {
      if (url) return workerSink(url, deliver, fail);
      // On the embedded database the pipeline runs here, on its one connection.
      const pipeline = new IntakePipeline(database.db, 1, deliver);
      return { push: (entries) => pipeline.push(entries), stop: async () => undefined };
    });
    writers.set(database, writer);
  }
  return writer;
}

/** Stops the writer's thread, if any: when the application closes. */
export async function stopIntakeWriter(database: DatabaseHandle): Promise<void> {
  const writer = writers.get(database);
  writers.delete(database);
  await writer?.sink.stop();
}

/** Takes the arrival ticket of a submission request: call it as the request arrives, before any wait. */
export function takeArrivalTicket(platform: WriterPlatform): number {
  return writerOf(platform).ticket();
}

/** Marks when the body of a ticket's request starts to arrive (`reading`) and when it has arrived (`read`). */
export function markArrivalBody(platform: WriterPlatform, ticket: number, stage: 'reading' | 'read'): void {
  const writer = writerOf(platform);
  if (stage === 'reading') writer.reading(ticket);
  else writer.read(ticket);
}

/** Gives back the ticket of a request that ended without queuing a submission. */
export function releaseArrivalTicket(platform: WriterPlatform, ticket: number): void {
  writerOf(platform).release(ticket);
}

/** Queues a checked submission for the process's writer, in its arrival place, and waits for its outcome. */
export function enqueueSubmission(
  platform: WriterPlatform,
  submission: QueuedSubmission,
  ticket: number,
): Promise<IntakeOutcome> {
  return writerOf(platform).submit(submission, ticket);
}
