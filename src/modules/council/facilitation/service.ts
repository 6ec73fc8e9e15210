/**
 * Use cases of the consultant for territorial concertation as facilitator: the secretariat assigns them thematic
 * tables; on those tables only they propose a convocation with its agenda, a minutes draft, a needs analysis
 * entry, a questionnaire; each proposal waits for the secretariat (told by e-mail), which approves it (and it takes
 * effect through the council's own use cases, in the same transaction) or returns it with a reason (and the
 * consultant is told either way).
 */
import type { z } from 'zod';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import * as surveys from '../../surveys/service.ts';
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
  convocationProposalInput,
  FacilitationView,
  needsEntryInput,
  ProposalKind,
  ProposalView,
  proposalsQuery,
  questionnaireProposalInput,
  returnInput,
} from './contract.ts';
import { queueProposalDecided, queueProposalWaiting } from './letters.ts';
import {
  launchTableQuestionnaire,
  questionnairesOfTable,
  refuseWithoutRespondents,
} from './questionnaires.ts';
import { decisionRefusal } from './rules.ts';
import * as facilitationStore from './store.ts';

export { assignConsultant, endAssignment, listConsultants } from './assignments.ts';

const PROPOSAL_NOT_FOUND = 'La proposta non esiste o non è accessibile.';
const NOT_ASSIGNED = 'Il tavolo non esiste o non è tra quelli assegnati alla tua consulenza.';

/** The consultant's desk: the tables assigned to them now, with their meetings and questionnaires. */
export async function facilitation(platform: Platform, caller: Caller): Promise<FacilitationView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const assignments = await facilitationStore.currentAssignments(db, { userId: actor.userId });
  const meetings = await facilitationStore.meetingsOfTables(
    db,
    assignments.map((a) => a.tableId),
  );
  return {
    tables: await Promise.all(
      assignments.map(async (a) => ({
        id: a.tableId,
        name: a.tableName,
        assignedAt: a.assignedAt.toISOString(),
        meetings: meetings.filter((m) => m.tableId === a.tableId).map(meetingSummary),
        questionnaires: await questionnairesOfTable(platform, caller, a.tableId),
      })),
    ),
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

/**
 * The consultant proposes a questionnaire of an assigned table, built as the surveys module builds one: nothing
 * exists in the surveys module, and nobody is invited, until the secretariat approves.
 */
export async function proposeQuestionnaire(
  platform: Platform,
  caller: Caller,
  tableId: string,
  input: z.infer<typeof questionnaireProposalInput>,
) {
  const actor = actorOf(caller);
  const problems = surveys.questionnaireProblems(input.questions);
  if (problems.length) throw new Invalid(problems);
  return propose(platform, caller, 'QUESTIONNAIRE', tableId, null, input, async (db) => {
    await refuseUnlessAssigned(db, tableId, actor.userId);
    await refuseWithoutRespondents(db, tableId);
  });
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
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
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
    await queueProposalWaiting(
      unit,
      { id, kind, tableName: await tableNameOf(db, tableId), proposedBy: actor.userId },
      platform.config.publicUrl,
    );
  });
  return getProposal(platform, caller, id);
}

async function tableNameOf(db: UnitOfWork['db'], tableId: string) {
  const [table] = await store.tables(db, { all: true }, tableId);
  if (!table) throw new NotFound(TABLE_NOT_FOUND);
  return table.name;
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
    questionnaire: row.kind === 'QUESTIONNAIRE' ? (content as ProposalView['questionnaire']) : null,
    questionnaireId: row.questionnaireId,
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
    const tableName = await tableNameOf(db, proposal.tableId);
    const questionnaireId =
      proposal.kind === 'QUESTIONNAIRE'
        ? await launchTableQuestionnaire(
            platform,
            unit,
            { id: proposal.tableId, name: tableName },
            content as z.infer<typeof questionnaireProposalInput>,
          )
        : null;
    const decidedAt = platform.clock.now();
    await facilitationStore.updateProposal(db, id, {
      status: 'APPROVED',
      meetingId,
      questionnaireId,
      decidedBy: actor.userId,
      decidedAt,
    });
    await audit({
      kind: 'change',
      action: 'council.proposal.approve',
      entityType: 'council_proposal',
      entityId: id,
      before: { status: proposal.status },
      after: { status: 'APPROVED', meetingId, questionnaireId, decidedAt },
    });
    await queueProposalDecided(unit, { ...proposal, tableName, returned: false }, platform.config.publicUrl);
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
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
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
    await queueProposalDecided(
      unit,
      { ...proposal, tableName: await tableNameOf(db, proposal.tableId), returned: true },
      platform.config.publicUrl,
    );
  });
  return getProposal(platform, caller, id);
}
