/**
 * Use cases of the consultant for territorial concertation as facilitator: the secretariat assigns them thematic
 * tables; on those tables only they propose a convocation with its agenda, a minutes draft, a needs analysis
 * entry; each proposal waits for the secretariat, which approves it (and it takes effect through the council's
 * own use cases, in the same transaction) or returns it with a reason.
 */
import type { z } from 'zod';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { lockForStep, saveMinutesIn } from '../minutes/service.ts';
import {
  actorOf,
  canManage,
  conveneIn,
  MEETING_NOT_FOUND,
  meetingSummary,
  refuseIfPast,
  TABLE_NOT_FOUND,
} from '../service.ts';
import * as store from '../store.ts';
import type {
  AssignmentView,
  ConsultantView,
  convocationProposalInput,
  FacilitationView,
  needsEntryInput,
  ProposalKind,
  ProposalView,
  proposalsQuery,
  returnInput,
} from './contract.ts';
import { decisionRefusal } from './rules.ts';
import * as facilitationStore from './store.ts';

const PROPOSAL_NOT_FOUND = 'La proposta non esiste o non è accessibile.';
const NOT_ASSIGNED = 'Il tavolo non esiste o non è tra quelli assegnati alla tua consulenza.';

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

/** The consultant's desk: the tables assigned to them now, with their meetings. */
export async function facilitation(platform: Platform, caller: Caller): Promise<FacilitationView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const assignments = await facilitationStore.currentAssignments(db, { userId: actor.userId });
  const meetings = await facilitationStore.meetingsOfTables(
    db,
    assignments.map((a) => a.tableId),
  );
  return {
    tables: assignments.map((a) => ({
      id: a.tableId,
      name: a.tableName,
      assignedAt: a.assignedAt.toISOString(),
      meetings: meetings.filter((m) => m.tableId === a.tableId).map(meetingSummary),
    })),
  };
}

async function refuseUnlessAssigned(
  db: Parameters<typeof facilitationStore.isAssigned>[0],
  tableId: string,
  userId: string,
) {
  if (!(await facilitationStore.isAssigned(db, tableId, userId))) throw new NotFound(NOT_ASSIGNED);
}

/** The consultant proposes a convocation of an assigned table: nothing is sent until the secretariat approves. */
export async function proposeConvocation(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: z.infer<typeof convocationProposalInput>,
) {
  const actor = actorOf(caller);
  refuseIfPast(platform, input.startsAt);
  return propose(platform, caller, 'CONVOCATION', tableId, null, input, async (db) => {
    await refuseUnlessAssigned(db, tableId, actor.userId);
    if ((await store.currentMembers(db, tableId)).length === 0)
      throw new Conflict('Il tavolo non ha componenti da convocare.');
  });
}

/** The consultant proposes the minutes of a held meeting of an assigned table, as a draft for the secretariat. */
export async function proposeMinutes(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  input: { text: string },
) {
  const actor = actorOf(caller);
  const [meeting] = await store.meetings(platform.database.db, { all: true }, { id: meetingId });
  if (!meeting || !(await facilitationStore.isAssigned(platform.database.db, meeting.tableId, actor.userId)))
    throw new NotFound(MEETING_NOT_FOUND);
  return propose(platform, caller, 'MINUTES', meeting.tableId, meetingId, input, async (db) => {
    await refuseUnlessAssigned(db, meeting.tableId, actor.userId);
    await lockForStep(db, meetingId, 'save');
  });
}

/** The consultant proposes an entry of the needs analysis of an assigned table. */
export async function proposeNeedsEntry(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: z.infer<typeof needsEntryInput>,
) {
  const actor = actorOf(caller);
  return propose(platform, caller, 'NEEDS', tableId, null, input, (db) =>
    refuseUnlessAssigned(db, tableId, actor.userId),
  );
}

async function propose(
  platform: Platform,
  caller: Caller,
  kind: ProposalKind,
  tableId: string,
  meetingId: string | null,
  content: object,
  check: (db: Parameters<typeof facilitationStore.isAssigned>[0]) => Promise<void>,
): Promise<ProposalView> {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    await check(db);
    const row = {
      id,
      tableId,
      kind,
      meetingId,
      content: JSON.stringify(content),
      status: 'PENDING' as const,
      proposedBy: actor.userId,
      proposedAt: platform.clock.now(),
    };
    await facilitationStore.insertProposal(db, row);
    await audit({
      kind: 'change',
      action: 'council.proposal.submit',
      entityType: 'council_proposal',
      entityId: id,
      before: null,
      after: { ...row, content },
    });
  });
  return getProposal(platform, caller, id);
}

function proposalView(row: facilitationStore.ProposalRow): ProposalView {
  const content = row.content as Record<string, unknown>;
  return {
    id: row.id,
    tableId: row.tableId,
    tableName: row.tableName,
    kind: row.kind,
    meetingId: row.meetingId,
    meetingTitle: row.meetingTitle,
    convocation: row.kind === 'CONVOCATION' ? (content as ProposalView['convocation']) : null,
    minutes: row.kind === 'MINUTES' ? String(content.text ?? '') : null,
    needs: row.kind === 'NEEDS' ? (content as ProposalView['needs']) : null,
    status: row.status,
    proposedBy: row.proposedByName,
    proposedAt: row.proposedAt.toISOString(),
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    returnReason: row.returnReason,
  };
}

/**
 * Whose proposals a reader sees: the secretariat all; anyone else those on the tables assigned to them now
 * (only a consultant is ever assigned, so a member of the council sees none).
 */
function proposalScope(actor: Actor): facilitationStore.ProposalFilter {
  return canManage(actor) ? {} : { assignedTo: actor.userId };
}

export async function listProposals(
  platform: Platform,
  caller: Caller,
  query: z.infer<typeof proposalsQuery>,
) {
  const { page, pageSize, ...filter } = query;
  const scope = proposalScope(actorOf(caller));
  const { rows, total } = await facilitationStore.proposalsPage(
    platform.database.db,
    { ...filter, ...scope },
    { page, pageSize },
  );
  return { items: rows.map(proposalView), total, page, pageSize };
}

export async function getProposal(platform: Platform, caller: Caller, id: string): Promise<ProposalView> {
  const scope = proposalScope(actorOf(caller));
  const { rows } = await facilitationStore.proposalsPage(
    platform.database.db,
    { ...scope, id },
    { page: 1, pageSize: 1 },
  );
  const [row] = rows;
  if (!row) throw new NotFound(PROPOSAL_NOT_FOUND);
  return proposalView(row);
}

/**
 * The secretariat approves a proposal, and it takes effect in the same transaction through the council's own
 * use cases: the meeting convened with its invitations, the draft saved as a version of the minutes, the needs
 * entry part of the table's analysis. If it cannot take effect any more, nothing changes.
 */
export async function approveProposal(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const proposal = await facilitationStore.lockProposal(db, id);
    if (!proposal) throw new NotFound(PROPOSAL_NOT_FOUND);
    const refusal = decisionRefusal(proposal.status);
    if (refusal) throw new Conflict(refusal);
    const content = proposal.content as Record<string, unknown>;
    let meetingId = proposal.meetingId;
    if (proposal.kind === 'CONVOCATION') {
      const input = content as z.infer<typeof convocationProposalInput>;
      if (new Date(input.startsAt) <= platform.clock.now())
        throw new Conflict(
          'La data proposta per la seduta è ormai passata: restituire la proposta al consulente.',
        );
      meetingId = await conveneIn(platform, unit, actor.userId, proposal.tableId, input, id);
    }
    if (proposal.kind === 'MINUTES' && meetingId)
      await saveMinutesIn(platform, unit, meetingId, String(content.text ?? ''), proposal.proposedBy, id);
    const decidedAt = platform.clock.now();
    await facilitationStore.updateProposal(db, id, {
      status: 'APPROVED',
      meetingId,
      decidedBy: actor.userId,
      decidedAt,
    });
    await audit({
      kind: 'change',
      action: 'council.proposal.approve',
      entityType: 'council_proposal',
      entityId: id,
      before: { status: proposal.status },
      after: { status: 'APPROVED', meetingId, decidedAt },
    });
  });
  return getProposal(platform, caller, id);
}

/** The secretariat returns a proposal to the consultant, saying why: nothing of it takes effect. */
export async function returnProposal(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof returnInput>,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const proposal = await facilitationStore.lockProposal(db, id);
    if (!proposal) throw new NotFound(PROPOSAL_NOT_FOUND);
    const refusal = decisionRefusal(proposal.status);
    if (refusal) throw new Conflict(refusal);
    const decidedAt = platform.clock.now();
    await facilitationStore.updateProposal(db, id, {
      status: 'RETURNED',
      returnReason: input.reason,
      decidedBy: actor.userId,
      decidedAt,
    });
    await audit({
      kind: 'change',
      action: 'council.proposal.return',
      entityType: 'council_proposal',
      entityId: id,
      before: { status: proposal.status },
      after: { status: 'RETURNED', returnReason: input.reason, decidedAt },
    });
  });
  return getProposal(platform, caller, id);
}
