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
import { Conflict, Invalid, Unavailable } from '../../../kernel/errors.ts';
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
type Sink = {
  push(entries: PipelineEntry[]): void;
  /** False while the writer's thread is down (between its end and its restart). */
  alive(): boolean;
  stop(): Promise<void>;
};

/**
 * The single writer of a process: hands submissions to the pipeline in the order the requests arrived. Each
 * request takes a ticket the moment it arrives, before authentication and checks; a submission waits until
 * every earlier ticket has been queued or has ended without a submission. Body arrival times are read on the
 * clock of the platform that opened the writer. Every submission is answered within `timeoutMs`.
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
  readonly #timeoutMs: number;
  readonly sink: Sink;

  constructor(
    clock: Clock,
    timeoutMs: number,
    open: (deliver: Deliver, fail: (error: unknown) => void) => Sink,
  ) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
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
      // A submission still queued when its time is up is dropped unwritten; one already handed to the
      // pipeline is answered all the same, and its late outcome is ignored (a retry with its key finds it).
      const timeout = setTimeout(() => {
        const queued = this.#queue.indexOf(pending);
        if (queued !== -1) this.#queue.splice(queued, 1);
        for (const [id, written] of this.#written) if (written === pending) this.#written.delete(id);
        pending.reject(queued !== -1 ? new Unavailable() : uncertain());
      }, this.#timeoutMs);
      const pending = {
        submission,
        ticket,
        resolve(outcome: IntakeOutcome) {
          clearTimeout(timeout);
          resolve(outcome);
        },
        reject(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
      };
      let at = this.#queue.length;
      while (at > 0 && (this.#queue[at - 1]?.ticket ?? -1) > ticket) at--;
      this.#queue.splice(at, 0, pending);
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

/**
 * The answer to a submission that may have been written or not (its time ran out once the writer had it, its
 * commit was lost, the writer's thread ended): the clerk must not think it lost, and sending it again is safe,
 * because the form (like any system) sends it again with the same idempotency key.
 */
function uncertain(): Unavailable {
  return new Unavailable(
    5,
    'Non è certo che la domanda sia stata registrata. Inviala di nuovo tra qualche secondo, senza cambiarla: se era già registrata, non ne verrà creata una seconda.',
  );
}

function settle(pending: Pending, outcome: BatchOutcome | undefined): void {
  if (outcome === undefined) pending.reject(new Error('submission left without an outcome'));
  else if (outcome.kind === 'written')
    pending.resolve({ result: outcome.result, replayed: outcome.replayed });
  else if (outcome.kind === 'invalid') pending.reject(new Invalid(outcome.errors));
  else if (outcome.kind === 'conflict') pending.reject(new Conflict(outcome.detail, {}, outcome.errors));
  else if (outcome.kind === 'unavailable') pending.reject(uncertain());
  // Database errors keep their SQLSTATE code, so a unique violation still answers 409.
  else pending.reject(Object.assign(new Error(outcome.message), { code: outcome.code }));
}

/** The longest wait before the writer's thread is started again after it ended. */
const MAX_RESTART_DELAY_MS = 5000;

/**
 * The pipeline on a worker thread with its own PostgreSQL connections. Submissions that arrive in the same
 * turn of the event loop cross to the thread in one message. If the thread ends, the submissions it held
 * are answered unavailable (the batch in its transaction is rolled back by the server) and a new thread is
 * started, sooner the first time, later while it keeps ending; meanwhile new submissions are refused at once
 * rather than sent where nobody reads them.
 */
function workerSink(url: string, deliver: Deliver, fail: (error: unknown) => void): Sink {
  let worker: Worker | null = null;
  /** Whether the running thread has its connections open; the first start is trusted until it ends. */
  let ready = true;
  let stopping = false;
  let delay = 100;
  let waiting: PipelineEntry[] = [];
  const start = () => {
    const thread = new Worker(new URL('./worker.ts', import.meta.url), { workerData: { url } });
    worker = thread;
    thread.unref();
    thread.on('message', (message: { ready: true } | { ids: number[]; outcomes: BatchOutcome[] }) => {
      if ('ready' in message) {
        ready = true;
        delay = 100;
      } else deliver(message.ids, message.outcomes);
    });
    // The thread's end, not this event, is what answers its submissions: 'exit' always follows.
    thread.on('error', () => undefined);
    thread.on('exit', () => {
      worker = null;
      ready = false;
      fail(uncertain());
      if (stopping) return;
      setTimeout(start, delay).unref();
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  };
  start();
  return {
    push(entries) {
      if (!worker) {
        fail(uncertain());
        return;
      }
      if (waiting.length === 0)
        setImmediate(() => {
          const message = waiting;
          waiting = [];
          if (worker) worker.postMessage(message);
          else fail(uncertain());
        });
      waiting.push(...entries);
    },
    alive: () => worker !== null && ready,
    async stop() {
      stopping = true;
      await worker?.terminate();
    },
  };
}

const writers = new WeakMap<DatabaseHandle, IntakeWriter>();

/**
 * What the writer of a database needs: the database, the clock that times the arrival of bodies, and the
 * configuration's time limit for an answer.
 */
type WriterPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

function writerOf({ database, clock, config }: WriterPlatform): IntakeWriter {
  let writer = writers.get(database);
  if (!writer) {
    const url = database.url;
    writer = new IntakeWriter(clock, config.intakeTimeoutSeconds * 1000, (deliver, fail) => {
      if (url) return workerSink(url, deliver, fail);
      // On the embedded database the pipeline runs here, on its one connection.
      const pipeline = new IntakePipeline(database.db, 1, deliver);
      return { push: (entries) => pipeline.push(entries), alive: () => true, stop: async () => undefined };
    });
    writers.set(database, writer);
  }
  return writer;
}

/** Whether the process's writer can take submissions: false while its thread is down. */
export function intakeWriterAlive(platform: WriterPlatform): boolean {
  return writerOf(platform).sink.alive();
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
