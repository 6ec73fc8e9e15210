/** Verification codes printed on the documents LOVIT issues (receipts, clearances, decrees, certificates). */
import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped from paper survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const grouped = (code: string) => [0, 4, 8, 12].map((start) => code.slice(start, start + 4)).join('-');

/** A new verification code: 80 random bits as `XXXX-XXXX-XXXX-XXXX`. */
export function newVerificationCode(): string {
  let bits = 0n;
  for (const byte of randomBytes(10)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let shift = 75n; shift >= 0n; shift -= 5n) code += CROCKFORD.charAt(Number((bits >> shift) & 31n));
  return grouped(code);
}

/** A code as someone typed it, in the form we issued it; null when it cannot be one of ours. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? grouped(code) : null;
}
