/**
 * Use cases of a meeting's record: the meeting as a reader sees it, the minutes (every version kept, out for
 * comments before approval), the participants' comments, and the decisions taken on each agenda item.
 */
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { type MailState, mailStates } from '../../../kernel/mail-outbox.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import type { commentInput, decisionInput, MeetingView, minutesInput } from '../contract.ts';
import { meetingDocuments } from '../documents/service.ts';
import { MEETING_MAIL_TOPICS, sendMinutesNotice } from '../meetings/invitations.ts';
import { type MinutesStep, nextMinutesStatus, visibleVersionCount } from '../rules.ts';
import {
  actorOf,
  canManage,
  MEETING_NOT_FOUND,
  meetingSummary,
  refuseIfCancelled,
  scopeOf,
} from '../service.ts';
import * as store from '../store.ts';
import * as minutesStore from './store.ts';

function convocationOf(mail: MailState | undefined) {
  return mail ? { status: mail.status, sentAt: mail.sentAt?.toISOString() ?? null } : null;
}

export async function getMeeting(platform: Platform, caller: Caller, id: string): Promise<MeetingView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const [meeting] = await store.meetings(db, scopeOf(actor), { id });
  if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
  const manages = canManage(actor);
  const versions = await minutesStore.versions(db, id);
  const visible = visibleVersionCount(versions.length, meeting.minutesCirculatedVersion, manages);
  const comments = visible ? await minutesStore.comments(db, id) : [];
  const attendance = await store.attendance(db, id);
  const documents = await meetingDocuments(db, id);
  const mails = (await mailStates(db, [MEETING_MAIL_TOPICS.news], [id])).get(id) ?? [];
  await auditRead(db, platform.clock, caller, 'council_meeting', id, { attendance: attendance.length });
  return {
    ...meetingSummary(meeting),
    place: meeting.place,
    onlineUrl: meeting.onlineUrl,
    agenda: (await store.agenda(db, id)).map(({ meetingId: _, ...item }) => ({
      ...item,
      documents: documents.filter((document) => document.agendaItemId === item.id),
    })),
    attendance: attendance.map((a) => ({
      organisationId: a.organisationId,
      organisationName: a.organisationName,
      invitedEmail: a.invitedEmail,
      answer: a.answer,
      delegateName: a.delegateName,
      attended: a.attended,
      attendeeName: a.attendeeName,
      convocation: convocationOf(mails.find((mail) => mail.recipient === a.invitedEmail)),
    })),
    decisions: (await minutesStore.decisions(db, id)).map((d) => ({
      id: d.id,
      agendaItemId: d.agendaItemId,
      text: d.text,
      recordedAt: d.recordedAt.toISOString(),
    })),
    minutes: versions.slice(0, visible).map((v) => ({
      version: v.version,
      text: v.text,
      savedAt: v.savedAt.toISOString(),
      savedBy: v.savedByName,
    })),
    comments: comments
      .filter((c) => c.version <= visible)
      .map((c) => ({
        id: c.id,
        version: c.version,
        organisationName: c.organisationName,
        author: c.authorName,
        text: c.text,
        at: c.at.toISOString(),
      })),
    ownOrganisationId: actor.organisationId,
    canManage: manages,
    cancelReason: meeting.cancelReason,
  };
}

const STEP_REFUSALS: Record<MinutesStep, string> = {
  save: 'Il verbale è approvato e non si modifica più.',
  circulate: 'Solo una bozza o una revisione del verbale può essere messa in visione.',
  approve: 'Il verbale si approva dopo averlo messo in visione dei partecipanti.',
  comment: 'Il verbale non è in visione per le osservazioni.',
};

export async function lockForStep(
  db: Parameters<typeof store.lockMeeting>[0],
  id: string,
  step: MinutesStep,
) {
  const meeting = await store.lockMeeting(db, id);
  if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
  refuseIfCancelled(meeting, 'non ha verbale');
  if (meeting.status !== 'HELD') throw new Conflict('Il verbale si redige dopo che la seduta si è tenuta.');
  const next = nextMinutesStatus(meeting.minutesStatus, step);
  if (!next) throw new Conflict(STEP_REFUSALS[step]);
  return { meeting, next };
}

/** Saves a new version of the minutes: a draft, or a revision once they have been out for comments. */
export async function saveMinutes(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof minutesInput>,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, (unit) =>
    saveMinutesIn(platform, unit, id, input.text, actor.userId),
  );
  return getMeeting(platform, caller, id);
}

/**
 * A new version of the minutes inside a caller's transaction, written by `savedBy` (the secretariat, or the
 * consultant whose draft the secretariat approves, named in the audit entry).
 */
export async function saveMinutesIn(
  platform: Platform,
  { db, audit }: UnitOfWork,
  id: string,
  text: string,
  savedBy: string,
  proposalId?: string,
) {
  const { meeting, next } = await lockForStep(db, id, 'save');
  const version = (await minutesStore.latestVersion(db, id)) + 1;
  await minutesStore.insertVersion(db, {
    meetingId: id,
    version,
    text,
    savedAt: platform.clock.now(),
    savedBy,
  });
  await store.updateMeeting(db, id, { minutesStatus: next });
  await audit({
    kind: 'change',
    action: 'council.minutes.save',
    entityType: 'council_meeting',
    entityId: id,
    before: { minutesStatus: meeting.minutesStatus },
    after: { minutesStatus: next, version, ...(proposalId ? { proposalId } : {}) },
  });
}

/** Sends the latest version to the participants for their comments. */
export async function circulateMinutes(platform: Platform, caller: Caller, id: string) {
  await moveMinutes(platform, caller, id, 'circulate');
  return getMeeting(platform, caller, id);
}

export async function approveMinutes(platform: Platform, caller: Caller, id: string) {
  await moveMinutes(platform, caller, id, 'approve');
  return getMeeting(platform, caller, id);
}

async function moveMinutes(platform: Platform, caller: Caller, id: string, step: 'circulate' | 'approve') {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const { meeting, next } = await lockForStep(db, id, step);
    const version = await minutesStore.latestVersion(db, id);
    const now = platform.clock.now();
    await store.updateMeeting(db, id, {
      minutesStatus: next,
      minutesCirculatedVersion: version,
      ...(step === 'approve' ? { minutesApprovedAt: now } : {}),
    });
    await audit({
      kind: 'change',
      action: `council.minutes.${step}`,
      entityType: 'council_meeting',
      entityId: id,
      before: { minutesStatus: meeting.minutesStatus },
      after: { minutesStatus: next, version },
    });
    if (step === 'circulate') await sendMinutesNotice(platform, unit, id, version);
  });
}

/** A participant's comment on the circulated version; only organisations invited to the meeting comment. */
export async function commentMinutes(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof commentInput>,
) {
  const actor = actorOf(caller);
  const commentId = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const invited = (await store.attendance(db, id)).some((a) => a.organisationId === actor.organisationId);
    if (!invited && !canManage(actor)) throw new NotFound(MEETING_NOT_FOUND);
    const { meeting } = await lockForStep(db, id, 'comment');
    const version = meeting.minutesCirculatedVersion ?? 0;
    await minutesStore.insertComment(db, {
      id: commentId,
      meetingId: id,
      version,
      organisationId: actor.organisationId,
      authorId: actor.userId,
      text: input.text,
      at: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'council.minutes.comment',
      entityType: 'council_meeting',
      entityId: id,
      before: null,
      after: { commentId, version, text: input.text },
    });
  });
  return getMeeting(platform, caller, id);
}

export async function recordDecision(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof decisionInput>,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const meeting = await store.lockMeeting(db, id);
    if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
    refuseIfCancelled(meeting, 'non si registrano decisioni');
    if (meeting.status !== 'HELD') throw new Conflict('Le decisioni si registrano sulla seduta tenuta.');
    if (meeting.minutesStatus === 'APPROVED') throw new Conflict('Il verbale è già approvato.');
    if (!(await store.agenda(db, id)).some((item) => item.id === input.agendaItemId))
      throw new Invalid([{ path: 'body.agendaItemId', message: 'punto non presente all’ordine del giorno' }]);
    const decisionId = newId();
    await minutesStore.insertDecision(db, {
      id: decisionId,
      meetingId: id,
      agendaItemId: input.agendaItemId,
      text: input.text,
      recordedAt: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'council.decision.record',
      entityType: 'council_meeting',
      entityId: id,
      before: null,
      after: { decisionId, ...input },
    });
  });
  return getMeeting(platform, caller, id);
}
