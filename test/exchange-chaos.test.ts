import { describe, expect, it } from 'vitest';
import { runChaos } from '../bench/chaos-exchange.ts';

// Two node processes on two PostgreSQL databases: the short form of `npm run chaos:exchange`.
describe.runIf(process.env.TEST_DATABASE_URL)('exchange under node kills and a cut link', () => {
  it('delivers every request and every answer exactly once, the same at both ends', async () => {
    const result = await runChaos({ messages: 100, kills: 3, timeoutSeconds: 150 });
    expect(result).toMatchObject({ messages: 100, kills: 3, lost: 0, duplicated: 0, diverged: 0 });
    expect(result.linkCuts).toBeGreaterThan(0);
  }, 180_000);
});
