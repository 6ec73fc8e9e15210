/** Who sees which opinions: the body's officers those addressed to their office, the SUI its own requests. */
import type { Config } from '../../config.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { NotFound } from '../../kernel/errors.ts';
import { fileStoreOf } from '../../kernel/uploads.ts';
import { OPINION_BODIES } from './contract.ts';
import type { Node } from './messages.ts';
import * as store from './store.ts';

export type RequestRow = NonNullable<Awaited<ReturnType<typeof store.request>>>;

export function nodeOf(config: Config): Node {
  return { id: config.exchange.node, peers: config.exchange.peers, files: fileStoreOf(config) };
}

const BODY_TYPES = new Set(Object.keys(OPINION_BODIES));

/** The officers of the Questura and the inspectorate answer; everyone else sees their office's requests. */
export function sideOf(actor: Actor): 'BODY' | 'SUI' {
  return BODY_TYPES.has(actor.organisationType) ? 'BODY' : 'SUI';
}

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Error('an opinion use case needs a signed-in actor');
  return caller.actor;
}

export const bodyName = (body: string) => OPINION_BODIES[body as keyof typeof OPINION_BODIES] ?? body;

/** The requests an actor sees: by the side they are on, in their office. */
export function scopeOf(actor: Actor): store.RequestScope {
  return { side: sideOf(actor), organisationId: actor.organisationId };
}

export async function scopedRequest(db: Db, actor: Actor, id: string, lock: boolean) {
  const row = lock
    ? await store.lockVisibleRequest(db, scopeOf(actor), id)
    : await store.visibleRequest(db, scopeOf(actor), id);
  if (!row) throw new NotFound('Il parere non esiste o non è accessibile.');
  return row;
}
