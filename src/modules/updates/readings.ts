/**
 * Who has read the published updates: each reader marks them read, the SUI manager sees who of the office has
 * and has not, the cases show the updates that concern them, and the manager marks a required case-type change
 * as applied with the valid-from date of the version that carries it.
 */
import type { Caller } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, UnauditedWrite, writeTransaction } from '../../kernel/transaction.ts';
import { caseTypeCatalogue, caseTypeOfCase } from '../cases/law/service.ts';
import type { CaseNotice, ReadersView } from './contract.ts';
import { showsNotice } from './rules.ts';
import { actorOf, UPDATE_NOT_FOUND, visibleUpdate } from './service.ts';
import * as store from './store.ts';

/** Marks a published update read by the caller; reading it again changes nothing. */
export async function markRead(platform: Platform, caller: Caller, id: string): Promise<{ readAt: string }> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const row = await visibleUpdate(db, actor, id);
  if (row.status !== 'PUBLISHED')
    throw new Conflict('Una bozza non si segna come letta: va prima pubblicata.');
  const already = await store.readingOf(db, id, actor.userId);
  if (already) return { readAt: already.readAt.toISOString() };
  const now = platform.clock.now();
  await writeTransaction(db, platform.clock, caller, async ({ db: trx, audit }) => {
    if (!(await store.insertReading(trx, { updateId: id, userId: actor.userId, readAt: now }))) return;
    await audit({
      kind: 'change',
      action: 'updates.update.read',
      entityType: 'legal_update',
      entityId: id,
      before: null,
      after: { readBy: actor.userId },
    });
  }).catch((error: unknown) => {
    // a second click that lost the race wrote nothing, and the first one holds the reading
    if (error instanceof UnauditedWrite) return;
    throw error;
  });
  const reading = await store.readingOf(db, id, actor.userId);
  return { readAt: (reading?.readAt ?? now).toISOString() };
}

/** The SUI staff of the manager's office who have read the update, and those who have not yet. */
export async function readersOf(platform: Platform, caller: Caller, id: string): Promise<ReadersView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const row = await visibleUpdate(db, actor, id);
  if (row.status !== 'PUBLISHED') throw new NotFound(UPDATE_NOT_FOUND);
  const staff = await store.readersAmongStaff(db, actor.organisationId, id);
  await auditRead(db, platform.clock, caller, 'legal_update_readers', id, {
    organisationId: actor.organisationId,
    people: staff.length,
  });
  return {
    read: staff.flatMap(({ id, name, readAt }) =>
      readAt ? [{ id, name, readAt: readAt.toISOString() }] : [],
    ),
    notRead: staff.flatMap(({ id, name, readAt }) => (readAt ? [] : [{ id, name }])),
  };
}

/** The published updates a case shows: none unless it is open and of a type they affect. */
export async function caseNotices(platform: Platform, caller: Caller, caseId: string): Promise<CaseNotice[]> {
  const actor = actorOf(caller);
  const kase = await caseTypeOfCase(platform, actor, caseId);
  if (!kase) throw new NotFound('La pratica non esiste o non è accessibile.');
  if (!showsNotice(kase, [kase.typeCode])) return [];
  const rows = await store.publishedForCaseType(platform.database.db, kase.typeCode, actor.userId);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    issuedOn: row.issuedOn,
    readAt: row.readAt?.toISOString() ?? null,
  }));
}

/** The case types with a published update the caller has not read: the worklist marks their rows. */
export function unreadCaseTypes(platform: Platform, caller: Caller): Promise<string[]> {
  return store.unreadCaseTypes(platform.database.db, actorOf(caller).userId);
}

/**
 * The SUI manager records that the case-type change an update requires is in force: the version of the case
 * type valid from `validFrom` carries it (it was imported through the case types, which stay the manager's).
 */
export async function markChangeApplied(
  platform: Platform,
  caller: Caller,
  id: string,
  validFrom: string,
): Promise<void> {
  const actor = actorOf(caller);
  const catalogue = await caseTypeCatalogue(platform);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockUpdate(db, id);
    if (row?.status !== 'PUBLISHED') throw new NotFound(UPDATE_NOT_FOUND);
    if (!row.changeCaseType) throw new Conflict('La novità non richiede modifiche ai tipi di pratica.');
    if (row.changeAppliedFrom)
      throw new Conflict('La modifica richiesta da questa novità è già stata segnata come applicata.');
    const versions = catalogue.find((type) => type.code === row.changeCaseType)?.versions ?? [];
    if (!versions.includes(validFrom))
      throw new Invalid([
        {
          path: 'body.validFrom',
          message:
            'nessuna versione del tipo di pratica vale da questa data: importarla prima tra i tipi di pratica',
        },
      ]);
    await store.patchUpdate(db, id, {
      changeAppliedFrom: validFrom,
      changeAppliedBy: actor.userId,
      changeAppliedAt: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'updates.case-type-change.apply',
      entityType: 'legal_update',
      entityId: id,
      before: { changeAppliedFrom: null },
      after: { caseType: row.changeCaseType, changeAppliedFrom: validFrom },
    });
  });
}
