/**
 * Session look-ups kept for a second, for requests that only read: a worklist screen sends several reads
 * at once, and each would otherwise ask the database who is calling. Any identity write in this process
 * forgets them all; another process's write (or the command line's) takes effect within the second.
 */
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { DatabaseHandle } from '../../kernel/db.ts';
import type { Platform } from '../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../kernel/transaction.ts';
import { isSessionLive, needsTouch, type SessionLifetime } from './rules.ts';

/** How long a look-up is reused: the longest a revoked session may still read. */
export const SESSION_REUSE_MS = 1000;
const MAX_KEPT = 10_000;

type Liveness = { expiresAt: Date; lastSeenAt: Date; revokedAt: Date | null };
type Kept = { actor: Actor; liveness: Liveness; keptAt: number };
type SessionMemory = { generation: number; kept: Map<string, Kept> };

const memories = new WeakMap<DatabaseHandle, SessionMemory>();

function memoryOf(database: DatabaseHandle): SessionMemory {
  let memory = memories.get(database);
  if (!memory) {
    memory = { generation: 0, kept: new Map() };
    memories.set(database, memory);
  }
  return memory;
}

/**
 * The actor of a session looked up less than a second ago by the platform's clock, if it is still live and
 * its last-seen time is not due for a refresh (which only a look-up in the database writes).
 */
export function keptSession(
  platform: Pick<Platform, 'database' | 'clock'>,
  id: string,
  now: Date,
  lifetime: SessionLifetime,
): Actor | undefined {
  const memory = memoryOf(platform.database);
  const kept = memory.kept.get(id);
  if (!kept) return undefined;
  if (
    platform.clock.monotonic() - kept.keptAt >= SESSION_REUSE_MS ||
    !isSessionLive(kept.liveness, now, lifetime) ||
    needsTouch(kept.liveness.lastSeenAt, now)
  ) {
    memory.kept.delete(id);
    return undefined;
  }
  return kept.actor;
}

/** Marks the start of a look-up: its answer is kept only if no identity write happened meanwhile. */
export function lookUpStarted(database: DatabaseHandle): number {
  return memoryOf(database).generation;
}

export function keepSession(
  platform: Pick<Platform, 'database' | 'clock'>,
  startedAt: number,
  id: string,
  actor: Actor,
  liveness: Liveness,
): void {
  const memory = memoryOf(platform.database);
  if (memory.generation !== startedAt) return;
  if (memory.kept.size >= MAX_KEPT) memory.kept.clear();
  memory.kept.set(id, { actor, liveness, keptAt: platform.clock.monotonic() });
}

/** Forgets every kept look-up, and any look-up still on its way. */
export function forgetSessions(database: DatabaseHandle): void {
  const memory = memoryOf(database);
  memory.generation += 1;
  memory.kept.clear();
}

/** A write of the identity module (users, roles, organisations, sessions): no kept look-up survives it. */
export async function writeIdentity<T>(
  platform: Pick<Platform, 'database' | 'clock'>,
  caller: Caller,
  work: (unit: UnitOfWork) => Promise<T>,
): Promise<T> {
  try {
    return await writeTransaction(platform.database.db, platform.clock, caller, work);
  } finally {
    forgetSessions(platform.database);
  }
}
