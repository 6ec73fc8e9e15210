import { describe, expect, it } from 'vitest';
import { batched } from './batches.ts';

/** A run that records its batches and answers each item doubled, after a turn of the event loop. */
function doubling(fail: (items: number[]) => Error | null = () => null) {
  const batches: number[][] = [];
  const run = async (_key: object, items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setImmediate(resolve));
    const failure = fail(items);
    if (failure) throw failure;
    return items.map((item) => (item < 0 ? new Error(`negativo ${item}`) : item * 2));
  };
  return { batches, run };
}

describe('batched requests', () => {
  it('runs the first at once and those that come meanwhile together, each answered in order', async () => {
    const { batches, run } = doubling();
    const double = batched(run);
    const key = {};
    const answers = await Promise.all([1, 2, 3, 4].map((item) => double(key, item)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps a queue per key and at most `max` items a batch', async () => {
    const { batches, run } = doubling();
    const double = batched(run, { max: 2 });
    const [one, two] = [{}, {}];
    await Promise.all([double(one, 1), double(one, 2), double(one, 3), double(one, 4), double(two, 5)]);
    expect(batches).toEqual([[1], [5], [2, 3], [4]]);
  });

  it('fails only the item answered with an error', async () => {
    const double = batched(doubling().run);
    const key = {};
    const answers = await Promise.allSettled([1, -2, 3].map((item) => double(key, item)));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole batch when the run fails, or tries each item alone when asked', async () => {
    const refusing = (items: number[]) => (items.includes(3) ? new Error('rifiutato') : null);
    const key = {};
    const together = batched(doubling(refusing).run);
    const shared = await Promise.allSettled([1, 2, 3].map((item) => together(key, item)));
    expect(shared.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    const { batches, run } = doubling(refusing);
    const apart = batched(run, { alone: true });
    const alone = await Promise.allSettled([1, 2, 3].map((item) => apart(key, item)));
    expect(alone.map((answer) => answer.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(batches).toEqual([[1], [2, 3], [2], [3]]);
  });
});
