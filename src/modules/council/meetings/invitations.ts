/**
 * The council's e-mails, put in the outbox in the transaction of the change that causes them: a mail server
 * that fails delays a convocation but never loses it. Who they went to is recorded in the audit trail.
 */
import type { Db } from '../../../kernel/db.ts';
import type { Mail } from '../../../kernel/mail.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { UnitOfWork } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import { cancellationLetter, invitationLetter, minutesCirculatedLetter } from './letters.ts';

export const meetingLink = (platform: Platform, meetingId: string) =>
  `${platform.config.publicUrl}/cti/sedute/${meetingId}`;

/** The people a meeting's mail goes to: each invited organisation's representative, and the deputy if any. */
async function recipientsOf(db: Db, meetingId: string, tableId: string) {
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

/** The meeting's mail in the outbox: the convocation and its changes, the notice of the minutes. */
export const MEETING_MAIL_TOPICS = { news: 'council.convocation', minutes: 'council.minutes' } as const;

async function queue(
  unit: UnitOfWork,
  meetingId: string,
  action: string,
  topic: string,
  mails: readonly Mail[],
): Promise<number> {
  for (const mail of mails) await unit.mail(mail, { topic, entityId: meetingId });
  await unit.audit({
    kind: 'change',
    action,
    entityType: 'council_meeting',
    entityId: meetingId,
    before: null,
    after: { queuedTo: mails.map((mail) => mail.to) },
  });
  return mails.length;
}

/** What the mail of a meeting announces: the convocation, a new date or place, or the cancellation. */
export type MeetingNews = { kind: 'convened' } | { kind: 'moved' | 'cancelled'; reason: string };

const NEWS_ACTIONS = {
  convened: 'council.meeting.invitations_sent',
  moved: 'council.meeting.reschedule_sent',
  cancelled: 'council.meeting.cancellation_sent',
} as const;

/** Queues the meeting's news to every invited person, in the transaction of the change (`unit`). */
export async function sendInvitations(
  platform: Platform,
  unit: UnitOfWork,
  meetingId: string,
  news: MeetingNews = { kind: 'convened' },
) {
  const { db } = unit;
  const [meeting] = await store.meetings(db, { all: true }, { id: meetingId });
  if (!meeting) return 0;
  const agenda = await store.agenda(db, meetingId);
  const minutes = agenda.reduce((total, item) => total + item.durationMinutes, 0);
  const now = platform.clock.now();
  const mails = (await recipientsOf(db, meetingId, meeting.tableId)).map((person) => {
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
  return queue(unit, meetingId, NEWS_ACTIONS[news.kind], MEETING_MAIL_TOPICS.news, mails);
}

export async function sendMinutesNotice(
  platform: Platform,
  unit: UnitOfWork,
  meetingId: string,
  version: number,
) {
  const [meeting] = await store.meetings(unit.db, { all: true }, { id: meetingId });
  if (!meeting) return 0;
  const mails = (await recipientsOf(unit.db, meetingId, meeting.tableId)).map((person) =>
    minutesCirculatedLetter({
      to: person.email,
      recipientName: person.name,
      tableName: meeting.tableName,
      title: meeting.title,
      version,
      link: meetingLink(platform, meetingId),
    }),
  );
  return queue(unit, meetingId, 'council.minutes.notice_sent', MEETING_MAIL_TOPICS.minutes, mails);
}
