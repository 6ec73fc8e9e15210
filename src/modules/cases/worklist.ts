import type { z } from 'zod';
import type { Caller } from '../../kernel/auth.ts';
import { Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import type { assignInput, CaseSummary, savedViewInput, WorklistQuery } from './contract.ts';
import { caseTypes } from './law/registry.ts';
import { actorOf, dueDateBounds, summaryOf } from './service.ts';
import * as store from './store.ts';
import { caseReachOf, caseSummaryWithinReach, readsWholeCase } from './team/rules.ts';

// ---- worklist

type Cursor = store.WorklistCursor;
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString()) as Cursor;
    if (typeof parsed.id === 'string' && (parsed.value === null || typeof parsed.value === 'string'))
      return parsed;
  } catch {
    // falls through to the error below
  }
  throw new Invalid([{ path: 'querystring.after', message: 'posizione non valida: ricaricare l’elenco' }]);
}

/** What a reach without the office's data (decision 049) may not filter by: the filter would reveal it. */
const OFFICE_FILTERS = ['assignee', 'deadline', 'awaitingOpinions'] as const;

function refuseOfficeFilters(query: WorklistQuery): void {
  const refused = OFFICE_FILTERS.filter((name) => query[name] !== undefined);
  if (refused.length > 0)
    throw new Invalid(
      refused.map((name) => ({
        path: `querystring.${name}`,
        message: 'filtro riservato al personale dell’ufficio',
      })),
    );
}

export async function worklist(
  platform: Platform,
  caller: Caller,
  query: WorklistQuery,
): Promise<{ items: CaseSummary[]; next: string | null }> {
  const actor = actorOf(caller);
  const reach = caseReachOf(actor);
  const whole = readsWholeCase(reach);
  if (!whole) refuseOfficeFilters(query);
  const today = platform.clock.today();
  const bounds = dueDateBounds(today);
  const registry = await caseTypes(platform.database, platform.clock);
  const q = query.q?.trim();
  const looksLikeNumber = q ? /^[A-Z]{2}-\d{4}-\d{6}$/i.test(q) : false;
  const filter: store.WorklistFilter = {
    organisationId: actor.organisationId,
    type: query.type,
    state: query.state,
    assignee: query.assignee === 'me' ? actor.userId : query.assignee === 'none' ? null : query.assignee,
    dueBetween:
      query.deadline === 'OVERDUE'
        ? { to: today.subtract({ days: 1 }).toString() }
        : query.deadline === 'DUE_SOON'
          ? { from: bounds.today, to: bounds.dueSoonUntil }
          : undefined,
    awaitingOpinions: query.awaitingOpinions === undefined ? undefined : query.awaitingOpinions === 'true',
    language: query.language,
    closed: query.closed === 'all' ? undefined : query.closed === 'true',
    number: looksLikeNumber ? q?.toUpperCase() : undefined,
    titlePrefix: q && !looksLikeNumber ? q : undefined,
    teamReach: reach.kind === 'TEAM' ? reach : undefined,
  };
  const order: store.WorklistOrder = {
    // a reach without due dates (decision 049) is not ordered by them either: the order would tell them
    column: query.sort.endsWith('receivedAt') || !whole ? 'receivedAt' : 'dueOn',
    descending: query.sort.startsWith('-'),
  };
  const rows = await store.worklist(
    platform.database.db,
    filter,
    order,
    query.after ? decodeCursor(query.after) : null,
    query.pageSize + 1,
  );
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  await auditRead(platform.database.db, platform.clock, caller, 'case_worklist', actor.organisationId, {
    shown: page.map((row) => row.number),
  });
  return {
    items: page.map((row) =>
      caseSummaryWithinReach(
        reach,
        summaryOf(registry.version(row.typeCode, row.typeValidFrom), row, bounds),
      ),
    ),
    next: rows.length > query.pageSize && last ? encodeCursor({ value: last.sortValue, id: last.id }) : null,
  };
}

// ---- assignment

export async function assign(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof assignInput>,
): Promise<{ assigned: number }> {
  const actor = actorOf(caller);
  const ids = [...new Set(input.caseIds)];
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (input.assigneeId && !(await store.isSuiOperator(db, actor.organisationId, input.assigneeId)))
      throw new Invalid([
        { path: 'body.assigneeId', message: 'l’utente non è un operatore SUI di questo ufficio' },
      ]);
    const now = platform.clock.now();
    const updated = await store.assignCases(db, actor.organisationId, ids, input.assigneeId, now);
    if (updated.length !== ids.length)
      throw new NotFound(
        'Una o più pratiche non esistono o non sono accessibili: nessuna è stata assegnata.',
      );
    for (const caseRow of updated) {
      await store.insertEvent(db, {
        id: newId(),
        caseId: caseRow.id,
        at: now,
        onDay: platform.clock.today().toString(),
        kind: 'ASSIGNED',
        actorUserId: actor.userId,
        actorLabel: actor.email,
        data: JSON.stringify({ assigneeId: input.assigneeId }),
      });
      await audit({
        kind: 'change',
        action: 'cases.case.assign',
        entityType: 'case',
        entityId: caseRow.id,
        before: null,
        after: { assigneeId: input.assigneeId },
      });
    }
    return { assigned: updated.length };
  });
}

// ---- saved views

export async function listViews(platform: Platform, caller: Caller) {
  const actor = actorOf(caller);
  const rows = await store.savedViews(platform.database.db, actor.userId);
  return rows.map((row) => ({ id: row.id, name: row.name, filters: row.filters }));
}

export async function saveView(platform: Platform, caller: Caller, input: z.infer<typeof savedViewInput>) {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.insertSavedView(db, {
      id: newId(),
      userId: actor.userId,
      name: input.name,
      filters: JSON.stringify(input.filters),
      createdAt: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'cases.view.create',
      entityType: 'saved_view',
      entityId: row.id,
      before: null,
      after: { name: row.name },
    });
    return { id: row.id, name: row.name, filters: row.filters };
  });
}

export async function deleteView(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const deleted = await store.deleteSavedView(db, actor.userId, id);
    if (!deleted) throw new NotFound('La vista non esiste.');
    await audit({
      kind: 'change',
      action: 'cases.view.delete',
      entityType: 'saved_view',
      entityId: id,
      before: { id },
      after: null,
    });
  });
}
