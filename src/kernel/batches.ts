/**
 * Requests that arrive while a batch of their kind is at the database wait for the next batch, which takes all
 * that came meanwhile: one statement or transaction for many requests, and no wait when nothing else runs.
 */

type Waiting<I, O> = { item: I; resolve(answer: O): void; reject(error: unknown): void };
type Queue<I, O> = { waiting: Waiting<I, O>[]; running: boolean };

/**
 * Makes `run` a function of one item. There is one queue per `key` (a database, so that each process's
 * database has its own). `run` answers one result per item, in their order; an `Error` among them fails that
 * item alone. `max`: the most items in a batch. `alone`: when a batch of several fails, each item is tried
 * again by itself, so that one the database refuses does not sink the others.
 */
export function batched<K extends object, I, O>(
  run: (key: K, items: I[]) => Promise<readonly (O | Error)[]>,
  options: { max?: number; alone?: boolean } = {},
): (key: K, item: I) => Promise<O> {
  const queues = new WeakMap<K, Queue<I, O>>();
  const settle = (waiting: Waiting<I, O>, answer: O | Error | undefined) => {
    if (answer instanceof Error) waiting.reject(answer);
    else waiting.resolve(answer as O);
  };
  const drain = async (key: K, queue: Queue<I, O>) => {
    queue.running = true;
    try {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, options.max ?? queue.waiting.length);
        try {
          const answers = await run(
            key,
            batch.map((waiting) => waiting.item),
          );
          for (const [index, waiting] of batch.entries()) settle(waiting, answers[index]);
        } catch (error) {
          if (!options.alone || batch.length === 1) {
            for (const waiting of batch) waiting.reject(error);
            continue;
          }
          for (const waiting of batch)
            await run(key, [waiting.item]).then(
              ([answer]) => settle(waiting, answer),
              (alone) => waiting.reject(alone),
            );
        }
      }
    } finally {
      queue.running = false;
    }
  };
  return (key, item) => {
    let queue = queues.get(key);
    if (!queue) {
      queue = { waiting: [], running: false };
      queues.set(key, queue);
    }
    const answer = new Promise<O>((resolve, reject) => queue.waiting.push({ item, resolve, reject }));
    if (!queue.running) void drain(key, queue);
    return answer;
  };
}
