/** Use cases of initiatives: planned by a table, linked to the decision that started them, followed to the end. */
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import * as actionsStore from '../actions/store.ts';
import type { InitiativeView, initiativeInput, progressInput } from '../contract.ts';
import * as minutesStore from '../minutes/store.ts';
import { actorOf, scopeOf } from '../service.ts';
import * as store from '../store.ts';

const NOT_FOUND = 'L’iniziativa non esiste o non è accessibile.';

type InitiativeRow = Awaited<ReturnType<typeof actionsStore.initiatives>>[number];

export function initiativeView(row: InitiativeRow): InitiativeView {
  return {
    id: row.id,
    tableId: row.tableId,
    tableName: row.tableName,
    decisionId: row.decisionId,
    title: row.title,
    objective: row.objective,
    needs: row.needs,
    actions: row.actions,
    partners: row.partners,
    budgetCents: row.budgetCents,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status: row.status,
    progress: row.progress,
    results: row.results,
  };
}

export async function listInitiatives(platform: Platform, caller: Caller, tableId?: string) {
  const rows = await actionsStore.initiatives(
    platform.database.db,
    scopeOf(actorOf(caller)),
    tableId ? { tableId } : {},
  );
  return rows.map(initiativeView);
}

async function findInitiative(platform: Platform, caller: Caller, id: string) {
  const [row] = await actionsStore.initiatives(platform.database.db, scopeOf(actorOf(caller)), { id });
  if (!row) throw new NotFound(NOT_FOUND);
  return initiativeView(row);
}

export async function planInitiative(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof initiativeInput>,
) {
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [table] = await store.tables(db, { all: true }, input.tableId);
    if (!table) throw new Invalid([{ path: 'body.tableId', message: 'tavolo inesistente' }]);
    if (input.decisionId) {
      const decision = await minutesStore.findDecision(db, input.decisionId);
      const [meeting] = decision ? await store.meetings(db, { all: true }, { id: decision.meetingId }) : [];
      if (meeting?.tableId !== input.tableId)
        throw new Invalid([{ path: 'body.decisionId', message: 'decisione non presa da questo tavolo' }]);
    }
    const row = {
      id,
      ...input,
      decisionId: input.decisionId ?? null,
      budgetCents: input.budgetCents ?? null,
      results: input.results ?? null,
      updatedAt: platform.clock.now(),
    };
    await actionsStore.insertInitiative(db, row);
    await audit({
      kind: 'change',
      action: 'council.initiative.plan',
      entityType: 'council_initiative',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return findInitiative(platform, caller, id);
}

export async function recordProgress(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof progressInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const initiative = await actionsStore.lockInitiative(db, id);
    if (!initiative) throw new NotFound(NOT_FOUND);
    if (input.status === 'COMPLETED' && input.progress !== 100)
      throw new Invalid([{ path: 'body.progress', message: 'un’iniziativa conclusa è al 100%' }]);
    const changes = {
      ...input,
      results: input.results ?? initiative.results,
      updatedAt: platform.clock.now(),
    };
    await actionsStore.updateInitiative(db, id, changes);
    await audit({
      kind: 'change',
      action: 'council.initiative.progress',
      entityType: 'council_initiative',
      entityId: id,
      before: { status: initiative.status, progress: initiative.progress, results: initiative.results },
      after: changes,
    });
  });
  return findInitiative(platform, caller, id);
}
