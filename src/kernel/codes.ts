/** Verification codes printed on the documents LOVIT issues (receipts, clearances, decrees, certificates). */
import { randomFillSync } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped from paper survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const grouped = (code: string) => [0, 4, 8, 12].map((start) => code.slice(start, start + 4)).join('-');

/** Random bytes drawn in blocks: a click day issues a receipt code for every case. */
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

/** A new verification code: 80 random bits as `XXXX-XXXX-XXXX-XXXX`. */
export function newVerificationCode(): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let code = '';
  let pending = 0;
  let bits = 0;
  for (let i = offset; i < offset + 10; i++) {
    pending = (pending << 8) | (pool[i] as number);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += CROCKFORD.charAt((pending >> bits) & 31);
    }
    pending &= (1 << bits) - 1;
  }
  offset += 10;
  return grouped(code);
}

/** A code as someone typed it, in the form we issued it; null when it cannot be one of ours. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? grouped(code) : null;
}
