/**
 * The signed link of a convocation: `<appointment id>.<expiry>.<HMAC-SHA256>`, valid until the appointment
 * starts. The key is made once per installation and kept in the database, so every process checks the same
 * links and a restart does not break the ones already sent.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../kernel/db.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { keepLinkSigningKey } from './store.ts';

const keys = new WeakMap<object, Promise<Buffer>>();

async function readOrMakeKey(db: Db, now: Date): Promise<Buffer> {
  const secret = await keepLinkSigningKey(db, randomBytes(32).toString('base64url'), now);
  return Buffer.from(secret, 'base64url');
}

function signingKey(platform: Pick<Platform, 'database' | 'clock'>): Promise<Buffer> {
  let key = keys.get(platform.database);
  if (!key) {
    key = readOrMakeKey(platform.database.db, platform.clock.now());
    key.catch(() => keys.delete(platform.database));
    keys.set(platform.database, key);
  }
  return key;
}

/**
 * Reads the signing key before a transaction that will sign links: on the embedded database, the first read
 * cannot run beside an open transaction on its one connection.
 */
export async function warmLinkSigning(platform: Pick<Platform, 'database' | 'clock'>): Promise<void> {
  await signingKey(platform);
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** The token of an appointment's link, valid until `expiresAt`. */
export async function signAppointmentToken(
  platform: Pick<Platform, 'database' | 'clock'>,
  appointmentId: string,
  expiresAt: Date,
): Promise<string> {
  const payload = `${appointmentId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(await signingKey(platform), payload)}`;
}

export type TokenCheck = { ok: true; appointmentId: string } | { ok: false; reason: 'invalid' | 'expired' };

const TOKEN = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Whether a token is one we signed (else `invalid`) and still in time (else `expired`). */
export async function checkAppointmentToken(
  platform: Pick<Platform, 'database' | 'clock'>,
  token: string,
): Promise<TokenCheck> {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, appointmentId = '', expiry = '', signature = ''] = match;
  const expected = Buffer.from(mac(await signingKey(platform), `${appointmentId}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (Number(expiry) * 1000 <= platform.clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, appointmentId };
}

/** The address the convocation prints, in the applicant's language when the portal has it. */
export async function appointmentLinkUrl(
  platform: Pick<Platform, 'database' | 'clock' | 'config'>,
  appointment: { id: string; startsAt: Date },
  language: string,
): Promise<string> {
  const token = await signAppointmentToken(platform, appointment.id, appointment.startsAt);
  return `${platform.config.publicUrl}/portale/${language}/appuntamento?t=${token}`;
}
