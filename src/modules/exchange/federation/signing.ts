/**
 * Signed deliveries between nodes, after the AgID interoperability model (ModI, INTEGRITY_REST_01): the body's
 * SHA-256 travels in a `Digest` header, and an ES256 JWT in `Agid-JWT-Signature` signs that digest together
 * with who sends, to whom, when, and a unique delivery id. Each node publishes its public keys as JWKS.
 */
import { createHash } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Peer } from '../../../config.ts';
import type { Db } from '../../../kernel/db.ts';
import { newId } from '../../../kernel/ids.ts';
import * as store from './store.ts';

export const SIGNATURE_HEADER = 'agid-jwt-signature';
export const DIGEST_HEADER = 'digest';
const ALGORITHM = 'ES256';

export type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

/** `SHA-256=<base64>` of the exact bytes sent (RFC 3230 digest, as ModI uses it). */
export function digestOf(body: Uint8Array | string): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** This node's signing key: created on first use and kept in the database. */
export async function signingKey(db: Db, now: Date): Promise<SigningKey> {
  const stored = await store.newestKey(db);
  if (stored) {
    const privateKey = (await importJWK(stored.privateJwk as JWK, ALGORITHM)) as CryptoKey;
    return { kid: stored.kid, privateKey, publicJwk: stored.publicJwk as JWK };
  }
  const pair = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = newId();
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: ALGORITHM, use: 'sig' };
  const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: ALGORITHM };
  await store.insertKey(db, {
    kid,
    privateJwk: JSON.stringify(privateJwk),
    publicJwk: JSON.stringify(publicJwk),
    createdAt: now,
  });
  // Two processes starting together may both have written a key: every node uses the newest.
  return signingKey(db, now);
}

/** The JWKS this node publishes: every key it has signed with. */
export async function publishedKeys(db: Db): Promise<JSONWebKeySet> {
  const rows = await store.publicKeys(db);
  return { keys: rows.map((row) => row.publicJwk as JWK) };
}

export type DeliveryClaims = { sender: string; receiver: string; jti: string; digest: string };

export async function signDelivery(key: SigningKey, claims: DeliveryClaims, now: Date, ttlSeconds: number) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    signed_headers: [{ digest: claims.digest }, { 'content-type': 'application/json' }],
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.sender)
    .setSubject(claims.sender)
    .setAudience(claims.receiver)
    .setJti(claims.jti)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key.privateKey);
}

/** Why a delivery is refused: each reason is logged, none changes data. */
export type RefusalReason =
  | 'MISSING_SIGNATURE'
  | 'MALFORMED_SIGNATURE'
  | 'MALFORMED_DIGEST'
  | 'UNKNOWN_SENDER'
  | 'BAD_SIGNATURE'
  | 'WRONG_RECEIVER'
  | 'CLOCK_SKEW'
  | 'DIGEST_MISMATCH';

export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly sender: string | null = null,
  ) {
    super(message);
  }
}

/** The peers' keys: pinned in the configuration, or read from the peer's published JWKS. */
export class PeerKeys {
  readonly #keys = new Map<string, JWTVerifyGetKey>();
  constructor(peers: readonly Peer[]) {
    for (const peer of peers)
      this.#keys.set(
        peer.id,
        peer.jwk
          ? createLocalJWKSet({ keys: [peer.jwk as JWK] })
          : createRemoteJWKSet(new URL('/.well-known/jwks.json', peer.url), { cooldownDuration: 5_000 }),
      );
  }
  of(sender: string): JWTVerifyGetKey | undefined {
    return this.#keys.get(sender);
  }
}

/** A `Digest` header as ModI writes it: `SHA-256=` and the 32 bytes of the hash in base64. */
const DIGEST_FORM = /^SHA-256=[A-Za-z0-9+/]{43}=$/;

/**
 * Checks a delivery's headers, before its body is read: the signature, its key id, sender, receiver and time,
 * and the digest it signs. Returns the verified sender, the delivery id and the digest the body must have.
 */
export async function verifySignature(
  token: string | undefined,
  digestHeader: string | undefined,
  options: { receiver: string; keys: PeerKeys; now: Date; maxSkewSeconds: number },
): Promise<{ sender: string; jti: string; digest: string }> {
  if (!token) throw new DeliveryRefused('MISSING_SIGNATURE', 'manca l’intestazione Agid-JWT-Signature');
  let claimed: ReturnType<typeof decodeJwt>;
  try {
    claimed = decodeJwt(token);
    if (typeof decodeProtectedHeader(token).kid !== 'string') throw new Error('no key id');
  } catch {
    throw new DeliveryRefused(
      'MALFORMED_SIGNATURE',
      'la firma non è un JWT leggibile con l’identificativo della chiave',
    );
  }
  if (!digestHeader || !DIGEST_FORM.test(digestHeader))
    throw new DeliveryRefused('MALFORMED_DIGEST', 'manca l’intestazione Digest (SHA-256) o non è leggibile');
  const sender = typeof claimed.iss === 'string' ? claimed.iss : null;
  const getKey = sender ? options.keys.of(sender) : undefined;
  if (!sender || !getKey) throw new DeliveryRefused('UNKNOWN_SENDER', 'mittente sconosciuto', sender);
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      algorithms: [ALGORITHM],
      issuer: sender,
      currentDate: options.now,
      clockTolerance: options.maxSkewSeconds,
    }));
  } catch (error) {
    // The peer's published keys could not be read: not the sender's fault, and worth another try.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw error;
    if (
      error instanceof errors.JWTExpired ||
      (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
    )
      throw new DeliveryRefused('CLOCK_SKEW', 'l’ora della firma è fuori dalla tolleranza ammessa', sender);
    throw new DeliveryRefused('BAD_SIGNATURE', 'firma non valida', sender);
  }
  const issuedAt = typeof payload.iat === 'number' ? payload.iat * 1000 : Number.NaN;
  if (!(Math.abs(options.now.getTime() - issuedAt) <= options.maxSkewSeconds * 1000))
    throw new DeliveryRefused('CLOCK_SKEW', 'l’ora della firma è fuori dalla tolleranza ammessa', sender);
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audience.includes(options.receiver))
    throw new DeliveryRefused('WRONG_RECEIVER', 'il messaggio è indirizzato a un altro nodo', sender);
  const signed = (payload.signed_headers as { digest?: string }[] | undefined)?.find((h) => h.digest)?.digest;
  if (signed !== digestHeader)
    throw new DeliveryRefused('DIGEST_MISMATCH', 'il digest non corrisponde al contenuto firmato', sender);
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 100)
    throw new DeliveryRefused('MALFORMED_SIGNATURE', 'manca l’identificativo della consegna (jti)', sender);
  return { sender, jti: payload.jti, digest: digestHeader };
}
