/**
 * Delivery between nodes. The sender reads its outbox in the order messages were written, signs each batch
 * and posts it to the peer; the answer lists every message as applied, already seen, or rejected, and only
 * then the sender marks them delivered (retrying with backoff otherwise). The receiver checks the signature,
 * records each message id in its inbox and applies the new ones, all in one transaction.
 */
import { z } from 'zod';
import type { Config, Peer } from '../../../config.ts';
import type { AuditRecord } from '../../../kernel/audit.ts';
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { AppError, Invalid } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import {
  applyMessage,
  applyRequests,
  MESSAGE_KINDS,
  type MessageKind,
  NotApplicable,
  NotFromItsEnd,
  PAYLOADS,
  type Payload,
  refusalOfRequest,
} from '../messages.ts';
import { nodeOf } from '../scope.ts';
import {
  DeliveryRefused,
  DIGEST_HEADER,
  digestOf,
  PeerKeys,
  SIGNATURE_HEADER,
  type SigningKey,
  signDelivery,
  signingKey,
  verifySignature,
} from './signing.ts';
import * as store from './store.ts';

export const INBOX_PATH = '/api/exchange/messages';
const BATCH = 200;
/** A batch stops growing past this size; one message alone may be larger (an answer with its files). */
const BATCH_BYTES = 4 * 2 ** 20;
/** The largest delivery a node accepts: one answer with five files of the largest size, in base64. */
const deliveryMaxBytes = (uploadMaxBytes: number) => Math.ceil(uploadMaxBytes * 5 * 1.37) + 2 ** 20;

export const deliveryBody = z.object({
  messages: z
    .array(z.object({ id: z.uuid(), kind: z.enum(MESSAGE_KINDS), payload: z.unknown() }))
    .min(1)
    .max(1000),
});
export const deliveryResult = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['APPLIED', 'DUPLICATE', 'REJECTED']),
      detail: z.string().optional(),
    }),
  ),
});
type DeliveryResult = z.infer<typeof deliveryResult>['results'][number];

const REFUSAL_STATUS: Record<string, number> = {
  MISSING_SIGNATURE: 401,
  MALFORMED_SIGNATURE: 401,
  MALFORMED_DIGEST: 400,
  UNKNOWN_SENDER: 401,
  BAD_SIGNATURE: 401,
  CLOCK_SKEW: 401,
  DIGEST_MISMATCH: 400,
  WRONG_RECEIVER: 403,
  REPLAYED: 409,
  TOO_LARGE: 413,
};

/** Refusals are counted per hour; a few of each reason and source are kept as rows, for whoever looks into them. */
const REFUSAL_WINDOW_MS = 3_600_000;
const SAMPLES_PER_SOURCE = 3;
const SAMPLES_PER_WINDOW = 100;
/** How long refusals are kept, counted or sampled. */
export const REFUSAL_RETENTION_DAYS = 90;

const keysCache = new WeakMap<object, PeerKeys>();
function peerKeysOf(platform: Platform): PeerKeys {
  let keys = keysCache.get(platform.config);
  if (!keys) {
    keys = new PeerKeys(platform.config.exchange.peers);
    keysCache.set(platform.config, keys);
  }
  return keys;
}

/** The largest delivery a peer may send: its own limit, or one answer with the largest files. */
export function bodyLimitOf(config: Config, peer: Peer | undefined): number {
  return peer?.maxBodyMb ? peer.maxBodyMb * 2 ** 20 : deliveryMaxBytes(config.uploadMaxBytes);
}

/** The inbox's own limit: the largest any peer may send (each sender is held to its own before reading). */
export function inboxBodyLimit(config: Config): number {
  return Math.max(
    bodyLimitOf(config, undefined),
    ...config.exchange.peers.map((peer) => bodyLimitOf(config, peer)),
  );
}

type Refusal = { reason: string; sender: string | null; clientAddress: string | null };

/**
 * Counts a refusal in its hour, per reason and source, and keeps it as a row only while the sample is small: a
 * flood of anonymous requests costs one counter per address and hour, not a row each. The source is the peer
 * when the claimed sender is one, otherwise the caller's address (a made-up sender name would make new counters).
 */
export async function recordRefusal(db: Db, config: Config, now: Date, refusal: Refusal): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);
  const peer = config.exchange.peers.find((candidate) => candidate.id === refusal.sender);
  const source = peer ? `nodo ${peer.id}` : (refusal.clientAddress ?? 'indirizzo sconosciuto');
  const count = await store.countRefusal(db, { windowStart, reason: refusal.reason, source });
  if (count > SAMPLES_PER_SOURCE || (await store.refusalsSince(db, windowStart)) >= SAMPLES_PER_WINDOW)
    return;
  await store.logRefusal(db, {
    id: newId(),
    at: now,
    sender: refusal.sender?.slice(0, 200) ?? null,
    reason: refusal.reason,
    clientAddress: refusal.clientAddress,
  });
}

/** Forgets refusals, counted and sampled, older than their retention. */
export async function forgetOldRefusals(platform: Platform): Promise<void> {
  const before = new Date(platform.clock.now().getTime() - REFUSAL_RETENTION_DAYS * 86_400_000);
  await store.forgetRefusalsBefore(platform.database.db, before);
}

async function refuse(platform: Platform, refusal: Refusal, detail: string): Promise<never> {
  await recordRefusal(platform.database.db, platform.config, platform.clock.now(), refusal);
  throw new AppError(
    REFUSAL_STATUS[refusal.reason] ?? 400,
    `exchange-${refusal.reason.toLowerCase().replaceAll('_', '-')}`,
    'Consegna rifiutata',
    detail,
  );
}

/** A delivery whose headers passed: who sent it, its id, the digest its body must have, how large it may be. */
export type Admitted = { sender: string; jti: string; digest: string; maxBytes: number };

/**
 * Checks a delivery's headers before its body is read: signature, key, sender, receiver, time, digest, a replayed
 * id, and the declared length against the sender's limit. Refusals are counted and answered with problem+json.
 */
export async function admitHeaders(
  platform: Platform,
  request: {
    signature: string | undefined;
    digest: string | undefined;
    contentLength: number | null;
    clientAddress: string | null;
  },
): Promise<Admitted> {
  const node = nodeOf(platform.config);
  const now = platform.clock.now();
  let verified: { sender: string; jti: string; digest: string };
  try {
    verified = await verifySignature(request.signature, request.digest, {
      receiver: node.id,
      keys: peerKeysOf(platform),
      now,
      maxSkewSeconds: platform.config.exchange.maxSkewSeconds,
    });
  } catch (error) {
    if (!(error instanceof DeliveryRefused))
      throw new AppError(
        503,
        'exchange-keys-unavailable',
        'Chiavi del mittente non disponibili',
        'Le chiavi pubbliche del mittente non sono raggiungibili: riprovare più tardi.',
      );
    const refusal = { reason: error.reason, sender: error.sender, clientAddress: request.clientAddress };
    return refuse(platform, refusal, error.message);
  }
  const from = { sender: verified.sender, clientAddress: request.clientAddress };
  const maxBytes = bodyLimitOf(
    platform.config,
    platform.config.exchange.peers.find((peer) => peer.id === verified.sender),
  );
  if (request.contentLength !== null && request.contentLength > maxBytes)
    return refuse(
      platform,
      { ...from, reason: 'TOO_LARGE' },
      `La consegna supera il limite di ${Math.floor(maxBytes / 2 ** 20)} MB ammesso per questo nodo.`,
    );
  // A delivery id is remembered on its own: the sender signs every attempt anew, so a second sight is a replay.
  if (!(await store.firstDelivery(platform.database.db, verified.jti, verified.sender, now)))
    return refuse(platform, { ...from, reason: 'REPLAYED' }, 'Questa consegna firmata è già stata ricevuta.');
  return { ...verified, maxBytes };
}

/** The refusal of a body longer than its sender may send, when no length was declared (a chunked body). */
export function tooLarge(
  platform: Platform,
  admitted: Admitted,
  clientAddress: string | null,
): Promise<never> {
  return refuse(
    platform,
    { reason: 'TOO_LARGE', sender: admitted.sender, clientAddress },
    `La consegna supera il limite di ${Math.floor(admitted.maxBytes / 2 ** 20)} MB ammesso per questo nodo.`,
  );
}

/** Receives a signed delivery from a peer, once its headers were admitted. Refusals are logged and change nothing. */
export async function receive(
  platform: Platform,
  admitted: Admitted,
  request: { rawBody: string; clientAddress: string | null; requestId: string | null },
): Promise<{ results: DeliveryResult[] }> {
  const node = nodeOf(platform.config);
  const now = platform.clock.now();
  if (digestOf(request.rawBody) !== admitted.digest)
    return refuse(
      platform,
      { reason: 'DIGEST_MISMATCH', sender: admitted.sender, clientAddress: request.clientAddress },
      'il digest non corrisponde al contenuto firmato',
    );
  let parsed: z.infer<typeof deliveryBody>;
  try {
    parsed = deliveryBody.parse(JSON.parse(request.rawBody));
  } catch {
    throw new Invalid([{ path: 'body.messages', message: 'consegna non leggibile' }]);
  }
  const checked = parsed.messages.map((message) => {
    const result = PAYLOADS[message.kind].safeParse(message.payload);
    return { ...message, invalid: result.success ? null : 'contenuto non valido per il tipo' };
  });
  const caller: Caller = {
    actor: null,
    requestId: request.requestId,
    clientAddress: request.clientAddress,
    system: `nodo ${admitted.sender}`,
  };
  const results = await writeTransaction(
    platform.database.db,
    platform.clock,
    caller,
    async ({ db, audit, auditAll }) => {
      const fresh = await store.admit(
        db,
        checked.map((message) => ({
          id: message.id,
          sender: admitted.sender,
          kind: message.kind,
          status: message.invalid ? 'REJECTED' : 'APPLIED',
          detail: message.invalid,
          receivedAt: now,
        })),
      );
      const out: DeliveryResult[] = [];
      const records: AuditRecord[] = [];
      // consecutive requests are applied together; every other message in its turn
      let requests: { id: string; payload: Payload<'opinion.requested'> }[] = [];
      const applyRequestsSoFar = async () => {
        if (requests.length === 0) return;
        const payloads = requests.map((request) => request.payload);
        records.push(...(await applyRequests(db, node, admitted.sender, payloads, now)));
        for (const request of requests) out.push({ id: request.id, status: 'APPLIED' });
        requests = [];
      };
      for (const message of checked) {
        if (fresh.has(message.id) && !message.invalid && message.kind === 'opinion.requested') {
          const payload = PAYLOADS[message.kind].parse(message.payload);
          // a request this node does not take is refused on its own, below, like any other message
          if (!refusalOfRequest(node, admitted.sender, payload.body)) {
            requests.push({ id: message.id, payload });
            continue;
          }
        }
        await applyRequestsSoFar();
        if (!fresh.has(message.id)) {
          out.push({ id: message.id, status: 'DUPLICATE' });
          continue;
        }
        if (message.invalid) {
          out.push({ id: message.id, status: 'REJECTED', detail: message.invalid });
          continue;
        }
        await store.beginMessage(db);
        try {
          records.push(
            (await applyMessage(db, node, admitted.sender, message.kind, message.payload, now)).audit,
          );
          await store.keepMessage(db);
          out.push({ id: message.id, status: 'APPLIED' });
        } catch (error) {
          if (!(error instanceof NotApplicable)) throw error;
          await store.undoMessage(db);
          if (error instanceof NotFromItsEnd)
            await recordRefusal(db, platform.config, now, {
              reason: error.reason,
              sender: admitted.sender,
              clientAddress: request.clientAddress,
            });
          await store.rejectAdmitted(db, message.id, error.message);
          out.push({ id: message.id, status: 'REJECTED', detail: error.message });
        }
      }
      await applyRequestsSoFar();
      await audit({
        kind: 'change',
        action: 'exchange.delivery.receive',
        entityType: 'exchange_delivery',
        entityId: admitted.jti,
        before: null,
        after: { sender: admitted.sender, messages: checked.length, applied: records.length },
      });
      await auditAll(records);
      return out;
    },
  );
  return { results };
}

/**
 * Forgets the delivery ids no replay could reuse. A signature is accepted only while its time is within the
 * allowed skew of this node's clock, so an id first seen more than twice that skew ago would be refused for its
 * time anyway: the table holds minutes of deliveries, not years.
 */
export async function forgetReplayableDeliveries(platform: Platform): Promise<void> {
  const windowMs = 2 * platform.config.exchange.maxSkewSeconds * 1000;
  await store.forgetDeliveriesBefore(
    platform.database.db,
    new Date(platform.clock.now().getTime() - windowMs),
  );
}

function backoff(attempts: number): number {
  const base = Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));
  return base / 2 + Math.random() * (base / 2);
}

/** Sends one batch of a peer's outbox; resolves with the number of messages it moved (0 when idle). */
async function sendBatch(
  platform: Platform,
  key: SigningKey,
  peer: { id: string; url: string },
): Promise<number> {
  const db = platform.database.db;
  const waiting = await store.pendingFor(db, peer.id, platform.clock.now(), BATCH);
  if (waiting.length === 0) return 0;
  let bytes = 0;
  const pending = waiting.filter((message, index) => {
    bytes += JSON.stringify(message.payload).length;
    return index === 0 || bytes <= BATCH_BYTES;
  });
  const ids = pending.map((message) => message.id);
  const body = JSON.stringify({
    messages: pending.map((message) => ({
      id: message.id,
      kind: message.kind as MessageKind,
      payload: message.payload,
    })),
  });
  const digest = digestOf(body);
  const node = nodeOf(platform.config);
  const token = await signDelivery(
    key,
    { sender: node.id, receiver: peer.id, jti: newId(), digest },
    platform.clock.now(),
    platform.config.exchange.maxSkewSeconds,
  );
  try {
    const response = await fetch(new URL(INBOX_PATH, peer.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DIGEST_HEADER]: digest, [SIGNATURE_HEADER]: token },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const { results } = deliveryResult.parse(await response.json());
    const answered = new Set(results.map((result) => result.id));
    await store.markDelivered(
      db,
      ids.filter((id) => answered.has(id)),
      platform.clock.now(),
    );
    return answered.size;
  } catch (error) {
    const attempts = Math.max(...pending.map((message) => message.attempts));
    await store.markFailed(
      db,
      ids,
      new Date(platform.clock.now().getTime() + backoff(attempts)),
      (error as Error).message,
    );
    return 0;
  }
}

/** The delivery loop of this process: one per database, only when peers are configured. */
export class OutboxSender {
  #stopped = false;
  #wake: (() => void) | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly idleMs = 100,
  ) {}

  start(): void {
    if (this.platform.config.exchange.peers.length === 0 || this.#running) return;
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    const key = await signingKey(this.platform.database.db, this.platform.clock.now());
    while (!this.#stopped) {
      let moved = 0;
      for (const peer of this.platform.config.exchange.peers) {
        try {
          moved += await sendBatch(this.platform, key, peer);
        } catch {
          // the database is unreachable for a moment (restart, failover): try again on the next round
        }
      }
      if (moved === 0 && !this.#stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }
}
