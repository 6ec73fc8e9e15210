/**
 * Delivery of the council's e-mails after the change that caused them has committed: a mail server that
 * fails does not undo a convocation. What was sent is recorded in the audit trail.
 */
import type { Caller } from '../../../kernel/auth.ts';
import type { Mail } from '../../../kernel/mail.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import { cancellationLetter, invitationLetter, minutesCirculatedLetter } from './letters.ts';

export const meetingLink = (platform: Platform, meetingId: string) =>
  `${platform.config.publicUrl}/cti/sedute/${meetingId}`;

/** The people a meeting's mail goes to: each invited organisation's representative, and the deputy if any. */
async function recipientsOf(platform: Platform, meetingId: string, tableId: string) {
  const { db } = platform.database;
  const invited = new Map((await store.attendance(db, meetingId)).map((a) => [a.organisationId, a]));
  return (await store.currentMembers(db, tableId))
    .filter((member) => invited.has(member.organisationId))
    .flatMap((member) => {
      const organisationName = invited.get(member.organisationId)?.organisationName ?? '';
      const people = [
        { name: member.representativeName, email: member.representativeEmail, organisationName },
      ];
      if (member.deputyName && member.deputyEmail)
        people.push({ name: member.deputyName, email: member.deputyEmail, organisationName });
      return people;
    });
}

async function deliver(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  action: string,
  mails: readonly Mail[],
): Promise<number> {
  const sent: string[] = [];
  for (const mail of mails) {
    try {
      await platform.mailer.send(mail);
      sent.push(mail.to);
    } catch {
      // One unreachable mailbox does not keep the others from their invitation; the audit lists who got it.
    }
  }
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ audit }) => {
    await audit({
      kind: 'change',
      action,
      entityType: 'council_meeting',
      entityId: meetingId,
      before: null,
      after: { sentTo: sent, failed: mails.length - sent.length },
    });
  });
  return sent.length;
}

/** What the mail of a meeting announces: the convocation, a new date or place, or the cancellation. */
export type MeetingNews = { kind: 'convened' } | { kind: 'moved' | 'cancelled'; reason: string };

const NEWS_ACTIONS = {
  convened: 'council.meeting.invitations_sent',
  moved: 'council.meeting.reschedule_sent',
  cancelled: 'council.meeting.cancellation_sent',
} as const;

export async function sendInvitations(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  news: MeetingNews = { kind: 'convened' },
) {
  const { db } = platform.database;
  const [meeting] = await store.meetings(db, { all: true }, { id: meetingId });
  if (!meeting) return 0;
  const agenda = await store.agenda(db, meetingId);
  const minutes = agenda.reduce((total, item) => total + item.durationMinutes, 0);
  const now = platform.clock.now();
  const mails = (await recipientsOf(platform, meetingId, meeting.tableId)).map((person) => {
    const invitation = {
      meetingId,
      sequence: meeting.sequence,
      tableName: meeting.tableName,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: new Date(meeting.startsAt.getTime() + minutes * 60_000),
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      agenda,
      organisationName: person.organisationName,
      recipientName: person.name,
      recipientEmail: person.email,
      link: meetingLink(platform, meetingId),
    };
    if (news.kind === 'cancelled') return cancellationLetter(invitation, now, news.reason);
    return invitationLetter(invitation, now, news.kind === 'moved' ? news.reason : undefined);
  });
  return deliver(platform, caller, meetingId, NEWS_ACTIONS[news.kind], mails);
}

export async function sendMinutesNotice(
  platform: Platform,
  caller: Caller,
  meetingId: string,
  version: number,
) {
  const [meeting] = await store.meetings(platform.database.db, { all: true }, { id: meetingId });
  if (!meeting) return 0;
  const mails = (await recipientsOf(platform, meetingId, meeting.tableId)).map((person) =>
    minutesCirculatedLetter({
      to: person.email,
      recipientName: person.name,
      tableName: meeting.tableName,
      title: meeting.title,
      version,
      link: meetingLink(platform, meetingId),
    }),
  );
  return deliver(platform, caller, meetingId, 'council.minutes.notice_sent', mails);
}
