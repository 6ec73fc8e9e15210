/** Who sees which opinions: the body's officers those addressed to their office, the SUI its own requests. */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import { NotFound } from '../../kernel/errors.ts';
import { fileStoreOf } from '../../kernel/uploads.ts';
import { OPINION_BODIES } from './contract.ts';
import type { Node } from './messages.ts';
import type * as store from './store.ts';

type Db = Kysely<Database>;
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

export function scoped(db: Db, actor: Actor) {
  const query = db.selectFrom('opinionRequest').selectAll();
  return sideOf(actor) === 'BODY'
    ? query.where('organisationId', '=', actor.organisationId)
    : query.where('requesterOrganisationId', '=', actor.organisationId);
}

export async function scopedRequest(db: Db, actor: Actor, id: string, lock: boolean) {
  const row = lock
    ? await scoped(db, actor).where('id', '=', id).forUpdate().executeTakeFirst()
    : await scoped(db, actor).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Il parere non esiste o non è accessibile.');
  return row;
}
