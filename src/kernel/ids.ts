import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn in large blocks: ids are made on every request and every written row, and one call to
 * the generator per block costs less than one per id.
 */
const pool = Buffer.allocUnsafe(16 * 1024);
let offset = pool.length;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex = (byte: number) => HEX[byte] as string;
const random = (at: number) => hex(pool[at] as number);

let lastMs = -1;
/** The 12 bits after the version: random at each new millisecond, then counting, so ids stay in order. */
let counter = 0;

/**
 * A new record id: UUID v7 (RFC 9562), time-ordered so that B-tree inserts stay local. Within one process
 * the ids are strictly increasing: in the same millisecond a 12-bit counter goes up, and when it runs out
 * the timestamp moves on by a millisecond.
 */
export function newId(): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let ms = Date.now();
  if (ms > lastMs) {
    counter = (pool[offset] as number) | (((pool[offset + 1] as number) & 0x07) << 8);
    lastMs = ms;
  } else if (counter < 0xfff) {
    counter++;
    ms = lastMs;
  } else {
    counter = 0;
    ms = ++lastMs;
  }
  const high = Math.floor(ms / 0x10000);
  const low = ms % 0x10000;
  const r = offset + 2;
  offset += 10;
  return (
    hex((high >>> 24) & 0xff) +
    hex((high >>> 16) & 0xff) +
    hex((high >>> 8) & 0xff) +
    hex(high & 0xff) +
    '-' +
    hex(low >>> 8) +
    hex(low & 0xff) +
    '-' +
    hex(0x70 | (counter >>> 8)) +
    hex(counter & 0xff) +
    '-' +
    hex(0x80 | ((pool[r] as number) & 0x3f)) +
    random(r + 1) +
    '-' +
    random(r + 2) +
    random(r + 3) +
    random(r + 4) +
    random(r + 5) +
    random(r + 6) +
    random(r + 7)
  );
}
