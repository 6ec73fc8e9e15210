/**
 * The rotating check-in codes: each session has a secret, and the code of a 30-second window is an HMAC of
 * the session and the window under it. Nothing but the secret is stored; any process derives the same code.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/** Crockford's base32: no I, L, O or U, so a code read off a screen is typed right. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 6;

export function newCheckInSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The code of a session in a window: 6 characters, 30 bits of the HMAC. */
export function checkInCode(secret: string, sessionId: string, window: number): string {
  const digest = createHmac('sha256', secret).update(`${sessionId}:${window}`).digest();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD.charAt((digest[i] as number) & 31);
  return code;
}

/** A code as someone typed it, in the form we show it; null when it cannot be one. */
export function normaliseCheckInCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return new RegExp(`^[0-9A-HJKMNP-TV-Z]{${CODE_LENGTH}}$`).test(code) ? code : null;
}

/** Whether a typed code is the code of one of the windows, compared in constant time. */
export function matchesWindow(
  secret: string,
  sessionId: string,
  code: string,
  windows: readonly number[],
): number | null {
  for (const window of windows) {
    const expected = Buffer.from(checkInCode(secret, sessionId, window));
    if (timingSafeEqual(expected, Buffer.from(code))) return window;
  }
  return null;
}

/** The QR code of the check-in address, as SVG for the trainer's screen. */
export function checkInQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
