/**
 * Who calls the project's use cases, and how far they reach: a partner's contact reaches their own organisation's
 * records only, whoever holds another role granting the same permission reaches every partner's.
 */
import type { Actor, Caller } from '../../kernel/auth.ts';
import { Unauthenticated } from '../../kernel/errors.ts';
import { isGranted, type Permission } from '../../kernel/permissions.ts';
import type { Platform } from '../../kernel/platform.ts';

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

/** Today in the Prefettura's calendar, as a legal day (`YYYY-MM-DD`). */
export const today = (platform: Pick<Platform, 'clock'>) => platform.clock.today().toString();

/**
 * The organisation a caller is limited to for what `permission` grants: their own when only the partner's role
 * grants it, null (every partner's) when another of their roles does. A write is scoped by the permission that
 * grants the write, never by one that only lets them read.
 */
export function partnerScope(actor: Actor, permission: Permission): string | null {
  const wide = actor.roles.some((role) => role !== 'project_partner' && isGranted([role], permission));
  return wide ? null : actor.organisationId;
}
