/**
 * Use cases of action items: assigned at a meeting (from a decision or an agenda item) to an organisation and a
 * person, followed with status and progress notes, reminded before the due day, listed when overdue.
 */
import type { z } from 'zod';
import { type Caller, SYSTEM_CALLER } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { ActionView, actionInput, actionUpdateInput } from '../contract.ts';
import { actionReminderLetter } from '../meetings/letters.ts';
import * as minutesStore from '../minutes/store.ts';
import { isOverdue, isReminderDue, REMINDER_DAYS_BEFORE } from '../rules.ts';
import { actorOf, canManage, MEETING_NOT_FOUND, scopeOf } from '../service.ts';
import * as store from '../store.ts';
import * as actionsStore from './store.ts';

const ACTION_NOT_FOUND = 'L’azione non esiste o non è accessibile.';

async function views(platform: Platform, rows: actionsStore.ActionRow[]): Promise<ActionView[]> {
  const notes = await actionsStore.notes(
    platform.database.db,
    rows.map((row) => row.id),
  );
  const today = platform.clock.today();
  return rows.map((row) => ({
    id: row.id,
    tableId: row.tableId,
    tableName: row.tableName,
    meetingId: row.meetingId,
    title: row.title,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerOrganisationName: row.ownerOrganisationName,
    ownerName: row.ownerName,
    dueOn: row.dueOn,
    status: row.status,
    doneOn: row.doneOn,
    isOverdue: isOverdue(row, today),
    remindedAt: row.remindedAt?.toISOString() ?? null,
    notes: notes
      .filter((note) => note.actionItemId === row.id)
      .map((note) => ({ author: note.author, text: note.text, at: note.at.toISOString() })),
  }));
}

export async function listActions(
  platform: Platform,
  caller: Caller,
  filter: { tableId?: string; meetingId?: string; overdue?: boolean; page: number; pageSize: number },
) {
  const scope = scopeOf(actorOf(caller));
  const { page, pageSize } = filter;
  const { rows, total } = await actionsStore.actionsPage(
    platform.database.db,
    scope,
    {
      ...(filter.tableId ? { tableId: filter.tableId } : {}),
      ...(filter.meetingId ? { meetingId: filter.meetingId } : {}),
      ...(filter.overdue ? { open: true, dueBefore: platform.clock.today().toString() } : {}),
    },
    { page, pageSize },
  );
  return { items: await views(platform, rows), total, page, pageSize };
}

async function findAction(platform: Platform, caller: Caller, id: string) {
  const rows = await actionsStore.actions(platform.database.db, scopeOf(actorOf(caller)), { id });
  const [view] = await views(platform, rows);
  if (!view) throw new NotFound(ACTION_NOT_FOUND);
  return view;
}

async function checkOrigin(db: Db, meetingId: string, input: z.infer<typeof actionInput>) {
  if (input.agendaItemId && !(await store.agenda(db, meetingId)).some((i) => i.id === input.agendaItemId))
    throw new Invalid([{ path: 'body.agendaItemId', message: 'punto non presente all’ordine del giorno' }]);
  if (input.decisionId) {
    const decision = await minutesStore.findDecision(db, input.decisionId);
    if (decision?.meetingId !== meetingId)
      throw new Invalid([{ path: 'body.decisionId', message: 'decisione non presa in questa seduta' }]);
  }
  if (!(await store.organisationExists(db, input.ownerOrganisationId)))
    throw new Invalid([{ path: 'body.ownerOrganisationId', message: 'ente inesistente' }]);
}

export async function assignAction(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  input: z.infer<typeof actionInput>,
) {
  const id = newId();
  if (input.dueOn < platform.clock.today().toString())
    throw new Invalid([{ path: 'body.dueOn', message: 'la scadenza non può essere nel passato' }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const meeting = await store.lockMeeting(db, meetingId);
    if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
    if (meeting.status !== 'HELD') throw new Conflict('Le azioni si assegnano nella seduta tenuta.');
    await checkOrigin(db, meetingId, input);
    const row = {
      id,
      tableId: meeting.tableId,
      meetingId,
      agendaItemId: input.agendaItemId ?? null,
      decisionId: input.decisionId ?? null,
      title: input.title,
      ownerOrganisationId: input.ownerOrganisationId,
      ownerName: input.ownerName,
      ownerEmail: input.ownerEmail,
      dueOn: input.dueOn,
      status: 'OPEN' as const,
      doneOn: null,
      remindedAt: null,
      createdAt: platform.clock.now(),
    };
    await actionsStore.insertAction(db, row);
    await audit({
      kind: 'change',
      action: 'council.action.assign',
      entityType: 'council_action_item',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return findAction(platform, caller, id);
}

/** The owner organisation (or the secretariat) moves an action on and notes its progress. */
export async function updateAction(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof actionUpdateInput>,
) {
  const actor = actorOf(caller);
  await findAction(platform, caller, id);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const action = await actionsStore.lockAction(db, id);
    if (!action) throw new NotFound(ACTION_NOT_FOUND);
    if (!canManage(actor) && action.ownerOrganisationId !== actor.organisationId)
      throw new NotFound(ACTION_NOT_FOUND);
    if (input.status === 'CANCELLED' && !canManage(actor))
      throw new Invalid([{ path: 'body.status', message: 'solo la segreteria annulla un’azione' }]);
    const now = platform.clock.now();
    const changes = {
      status: input.status,
      doneOn: input.status === 'DONE' ? (action.doneOn ?? platform.clock.today().toString()) : null,
    };
    await actionsStore.updateAction(db, id, changes);
    if (input.note)
      await actionsStore.insertNote(db, {
        id: newId(),
        actionItemId: id,
        authorId: actor.userId,
        text: input.note,
        at: now,
      });
    await audit({
      kind: 'change',
      action: 'council.action.update',
      entityType: 'council_action_item',
      entityId: id,
      before: { status: action.status, doneOn: action.doneOn },
      after: { ...changes, note: input.note ?? null },
    });
  });
  return findAction(platform, caller, id);
}

/**
 * Reminds the owner of every open action due within `REMINDER_DAYS_BEFORE` days, once. Run by the daily job;
 * an action is marked reminded when its e-mail is in the outbox, which sends it.
 */
export async function remindActions(platform: Platform): Promise<number> {
  const today = platform.clock.today();
  const until = today.add({ days: REMINDER_DAYS_BEFORE }).toString();
  const due = (await actionsStore.actionsToRemind(platform.database.db, until)).filter((action) =>
    isReminderDue(action, today, REMINDER_DAYS_BEFORE),
  );
  let reminded = 0;
  for (const action of due) {
    await writeTransaction(
      platform.database.db,
      platform.clock,
      SYSTEM_CALLER,
      async ({ db, audit, mail }) => {
        const at = platform.clock.now();
        await actionsStore.markReminded(db, action.id, at);
        await audit({
          kind: 'change',
          action: 'council.action.remind',
          entityType: 'council_action_item',
          entityId: action.id,
          before: { remindedAt: null },
          after: { remindedAt: at.toISOString(), to: action.ownerEmail },
        });
        await mail(
          actionReminderLetter({
            to: action.ownerEmail,
            ownerName: action.ownerName,
            title: action.title,
            tableName: action.tableName,
            dueOn: action.dueOn,
            link: `${platform.config.publicUrl}/cti/azioni`,
          }),
          { topic: 'council.action_reminder', entityId: action.id },
        );
      },
    );
    reminded += 1;
  }
  return reminded;
}
