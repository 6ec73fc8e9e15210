import { hostname } from 'node:os';
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { DatabaseHandle } from './db.ts';

export type Jobs = {
  boss: PgBoss;
  /** Queues a job; inside LOVIT every queue name is `<module>.<what>`. */
  send(queue: string, data: object): Promise<string | null>;
  stop(): Promise<void>;
};

export type JobDefinition = {
  queue: string;
  /** Cron expression (Europe/Rome) when the job also runs on a schedule. */
  cron?: string;
  /**
   * One job at a time across every process: `singleton` runs one and keeps the others waiting, `stately`
   * also merges a job asked for while another waits into the waiting one. Set when the queue is first
   * created; a queue that exists keeps the policy it was created with.
   */
  policy?: 'singleton' | 'stately';
  handle(data: unknown): Promise<void>;
  /** Lets something in this process ask for a run now; returns how to stop listening. */
  wakeOn?(wake: () => void): () => void;
};

export const INSTANCE_NAME = `${hostname()}:${process.pid}`;

/** The platform's own heartbeat: proves the queue runs and tells /readyz when workers last ran. */
export function heartbeatJob(handle: DatabaseHandle, clock: Clock): JobDefinition {
  return {
    queue: 'system.heartbeat',
    cron: '* * * * *',
    async handle() {
      const now = clock.now();
      await handle.db
        .insertInto('systemHeartbeat')
        .values({ instance: INSTANCE_NAME, beatAt: now, beats: 1 })
        .onConflict((oc) =>
          oc
            .column('instance')
            .doUpdateSet((eb) => ({ beatAt: now, beats: eb('systemHeartbeat.beats', '+', 1) })),
        )
        .execute();
    },
  };
}

/**
 * What the log keeps of a job queue error: its kind, message, code and stack. Errors raised by the database
 * driver may carry the connection they came from, whose log line would then hold the whole client.
 */
export function errorForLog(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

function createBoss(handle: DatabaseHandle): PgBoss {
  if (handle.pglite) {
    return new PgBoss({ db: fromPglite(handle.pglite), backend: 'pglite', schema: 'pgboss' });
  }
  return new PgBoss({ connectionString: handle.url, schema: 'pgboss', max: 4 });
}

/** Starts the queue on the same database and, when `work` is set, the workers of every definition. */
export async function startJobs(
  handle: DatabaseHandle,
  definitions: JobDefinition[],
  options: { work: boolean; logger: Logger; pollingIntervalSeconds?: number },
): Promise<Jobs> {
  const boss = createBoss(handle);
  boss.on('error', (error) => options.logger.error({ err: errorForLog(error) }, 'job queue error'));
  await boss.start();
  const stopListening: (() => void)[] = [];
  // Each queue on its own: a start need not wait for one queue's statements before it sends the next one's.
  const startQueue = async (definition: JobDefinition) => {
    await boss.createQueue(definition.queue, definition.policy ? { policy: definition.policy } : {});
    if (!options.work) return;
    if (definition.wakeOn) {
      const wake = () => {
        boss
          .send(definition.queue, {})
          .catch((error) => options.logger.error({ err: error }, 'job not queued'));
      };
      stopListening.push(definition.wakeOn(wake));
    }
    await boss.work(
      definition.queue,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await definition.handle(job.data);
      },
    );
    if (definition.cron) await boss.schedule(definition.queue, definition.cron, null, { tz: 'Europe/Rome' });
  };
  await Promise.all(definitions.map(startQueue));
  return {
    boss,
    send: (queue, data) => boss.send(queue, data),
    stop: () => {
      for (const stop of stopListening) stop();
      return boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
