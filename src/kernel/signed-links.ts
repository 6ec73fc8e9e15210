/**
 * Signed public links: `<subject id>.<expiry>.<HMAC-SHA256>`, valid until the expiry. The key is made once per
 * installation and kept in the database, so every process checks the same links and a restart does not break
 * the ones already sent. Each kind of link signs with its purpose, so that a link of one kind is no key to
 * another; the convocations' links were signed before purposes existed and keep their form.
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';
import type { Platform } from './platform.ts';

type KeyHolder = Pick<Platform, 'database' | 'clock'>;

// The key as a key object, made once: from raw bytes, each signature would make its own.
const keys = new WeakMap<object, Promise<KeyObject>>();

async function readOrMakeKey(db: Db, now: Date): Promise<KeyObject> {
  await db
    .insertInto('linkSigningKey')
    .values({ id: 1, secret: randomBytes(32).toString('base64url'), createdAt: now })
    .onConflict((c) => c.doNothing())
    .execute();
  const row = await db
    .selectFrom('linkSigningKey')
    .select('secret')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return createSecretKey(Buffer.from(row.secret, 'base64url'));
}

function signingKey(platform: KeyHolder): Promise<KeyObject> {
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
export async function warmLinkSigning(platform: KeyHolder): Promise<void> {
  await signingKey(platform);
}

/** The purpose of the convocations' links, which sign the bare payload. */
export const CONVOCATION = '';

const mac = (key: KeyObject, purpose: string, payload: string) =>
  createHmac('sha256', key)
    .update(purpose ? `${purpose}:${payload}` : payload)
    .digest('base64url');

/** The token of a link for `purpose` naming `subjectId`, valid until `expiresAt`. */
export async function signLink(
  platform: KeyHolder,
  purpose: string,
  subjectId: string,
  expiresAt: Date,
): Promise<string> {
  const payload = `${subjectId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(await signingKey(platform), purpose, payload)}`;
}

export type LinkCheck = { ok: true; subjectId: string } | { ok: false; reason: 'invalid' | 'expired' };

const TOKEN = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Whether a token is one we signed for `purpose` (else `invalid`) and still in time (else `expired`). */
export async function checkLink(platform: KeyHolder, purpose: string, token: string): Promise<LinkCheck> {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, subjectId = '', expiry = '', signature = ''] = match;
  const expected = Buffer.from(mac(await signingKey(platform), purpose, `${subjectId}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (Number(expiry) * 1000 <= platform.clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subjectId };
}
