import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('record ids', () => {
  it('are UUID v7 carrying the current time in their first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    // a counter that ran out in this millisecond may have moved the time on by one
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('are unique and strictly increasing, also many in the same millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.findIndex((id, i) => i > 0 && id <= (ids[i - 1] as string))).toBe(-1);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });

  it('spread their random part: no bit of the last 62 is fixed', () => {
    const ids = Array.from({ length: 2_000 }, () => BigInt(`0x${newId().replaceAll('-', '').slice(16)}`));
    const mask = (1n << 62n) - 1n;
    const ones = ids.reduce((acc, id) => acc | (id & mask), 0n);
    const zeros = ids.reduce((acc, id) => acc | (~id & mask), 0n);
    expect(ones).toBe(mask);
    expect(zeros).toBe(mask);
  });
});
