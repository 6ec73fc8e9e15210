/**
 * The secretariat assigns consultants to thematic tables and ends their assignments: only on the tables assigned
 * to them now does a consultant propose anything or read a table's questionnaires.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf, TABLE_NOT_FOUND } from '../service.ts';
import * as store from '../store.ts';
import type { AssignmentView, ConsultantView } from './contract.ts';
import * as facilitationStore from './store.ts';

function assignmentView(row: facilitationStore.AssignmentRow): AssignmentView {
  return {
    id: row.id,
    tableId: row.tableId,
    tableName: row.tableName,
    userId: row.userId,
    consultantName: row.consultantName,
    assignedAt: row.assignedAt.toISOString(),
  };
}

/** The consultants the secretariat may assign, each with the tables assigned to them now. */
export async function listConsultants(platform: Platform): Promise<ConsultantView[]> {
  const { db } = platform.database;
  const people = await facilitationStore.consultants(db);
  const assignments = await facilitationStore.currentAssignments(db);
  // one person may hold the role in more than one organisation: listed once
  const byUser = new Map(people.map((person) => [person.userId, person]));
  return [...byUser.values()].map((person) => ({
    ...person,
    assignments: assignments.filter((a) => a.userId === person.userId).map(assignmentView),
  }));
}

/** The secretariat assigns a consultant to a thematic table. */
export async function assignConsultant(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: { userId: string },
): Promise<AssignmentView> {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [table] = await store.tables(db, { all: true }, tableId);
    if (!table) throw new NotFound(TABLE_NOT_FOUND);
    if (table.kind !== 'THEMATIC')
      throw new Conflict('Al consulente si assegnano i tavoli tematici, non la seduta plenaria.');
    if ((await facilitationStore.consultants(db, input.userId)).length === 0)
      throw new Invalid([
        {
          path: 'body.userId',
          message: 'scegliere una persona con il ruolo di consulente per la concertazione',
        },
      ]);
    if (await facilitationStore.isAssigned(db, tableId, input.userId))
      throw new Conflict('Il consulente è già assegnato a questo tavolo.');
    const row = {
      id,
      tableId,
      userId: input.userId,
      assignedAt: platform.clock.now(),
      assignedBy: actor.userId,
    };
    await facilitationStore.insertAssignment(db, row);
    await audit({
      kind: 'change',
      action: 'council.consultant.assign',
      entityType: 'council_table',
      entityId: tableId,
      before: null,
      after: row,
    });
  });
  const [row] = await facilitationStore.currentAssignments(platform.database.db, { id });
  return assignmentView(row as facilitationStore.AssignmentRow);
}

/** The secretariat ends an assignment: the consultant's waiting proposals on that table stay for its decision. */
export async function endAssignment(
  platform: Platform,
  caller: Caller,
  tableId: string,
  assignmentId: string,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [current] = await facilitationStore.currentAssignments(db, { id: assignmentId, tableId });
    if (!current) throw new NotFound('L’assegnazione non esiste o è già terminata.');
    const endedAt = platform.clock.now();
    await facilitationStore.endAssignment(db, assignmentId, endedAt);
    await audit({
      kind: 'change',
      action: 'council.consultant.end',
      entityType: 'council_table',
      entityId: tableId,
      before: { assignmentId, userId: current.userId, endedAt: null },
      after: { assignmentId, userId: current.userId, endedAt },
    });
  });
}
