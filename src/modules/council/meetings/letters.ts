/**
 * The council's e-mails, in Italian: the invitation to a meeting with its calendar entry (`.ics`, RFC 5545),
 * the notice that minutes are out for comments, and the reminder of an action item coming due.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import { MAIL_FROM_ADDRESS, type Mail } from '../../../kernel/mail.ts';

const secretariat = () => `Segreteria del Consiglio territoriale per l’immigrazione – ${prefectureName()}`;

const momentFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dayFormat = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric' });

export type Invitation = {
  meetingId: string;
  tableName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agenda: readonly { title: string; presenter: string | null; durationMinutes: number }[];
  organisationName: string;
  recipientName: string;
  recipientEmail: string;
  link: string;
  /** The calendar entry's SEQUENCE: raised by each change after the convocation. */
  sequence: number;
};

const whereOf = (invitation: Pick<Invitation, 'place' | 'onlineUrl'>) =>
  [invitation.place, invitation.onlineUrl && `collegamento online: ${invitation.onlineUrl}`]
    .filter(Boolean)
    .join(' – ');

/**
 * The calendar entry of a meeting, in UTC so that no time-zone table is needed; the meeting's id is its UID, so
 * a later entry (moved, or cancelled) replaces the earlier one in the recipient's calendar.
 */
export function meetingIcs(invitation: Invitation, stamp: Date, cancelled = false): string {
  const calendar = ical({
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: prefectureName(), product: 'LOVIT', language: 'IT' },
  });
  calendar.createEvent({
    id: invitation.meetingId,
    sequence: invitation.sequence,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp,
    start: invitation.startsAt,
    end: invitation.endsAt,
    summary: `${invitation.tableName} – ${invitation.title}`,
    description: invitation.agenda.map((item, index) => `${index + 1}. ${item.title}`).join('\n'),
    location: whereOf(invitation),
    ...(invitation.onlineUrl ? { url: invitation.onlineUrl } : {}),
    organizer: { name: secretariat(), email: MAIL_FROM_ADDRESS },
    attendees: [{ email: invitation.recipientEmail, name: invitation.recipientName, rsvp: true }],
  });
  return calendar.toString();
}

/** The invitation; after a reschedule (`movedBecause`) it says the meeting moved, and why. */
export function invitationLetter(invitation: Invitation, now: Date, movedBecause?: string): Mail {
  const text = [
    `Gentile ${invitation.recipientName},`,
    '',
    `in qualità di rappresentante di ${invitation.organisationName}, è convocato/a alla seduta ` +
      `«${invitation.title}» del ${invitation.tableName}.`,
    ...(movedBecause
      ? [
          `La seduta è stata spostata: valgono la data e il luogo indicati qui sotto. Motivo: ${movedBecause}`,
          'Le risposte date alla convocazione precedente non valgono più: si prega di rispondere di nuovo.',
        ]
      : []),
    '',
    `Data e ora: ${momentFormat.format(invitation.startsAt)}`,
    `Luogo: ${whereOf(invitation)}`,
    '',
    'Ordine del giorno:',
    ...invitation.agenda.map(
      (item, index) =>
        `${index + 1}. ${item.title}${item.presenter ? ` (relatore: ${item.presenter})` : ''}, ${item.durationMinutes} minuti`,
    ),
    '',
    `Si prega di indicare la partecipazione (presenza, delega o assenza) su LOVIT: ${invitation.link}`,
    'In allegato la seduta in formato calendario (.ics).',
    '',
    secretariat(),
  ].join('\n');
  return {
    to: invitation.recipientEmail,
    subject: `${movedBecause ? 'Nuova data della seduta' : 'Convocazione'} – ${invitation.tableName} – ${momentFormat.format(invitation.startsAt)}`,
    text,
    attachments: [
      {
        filename: 'convocazione.ics',
        content: meetingIcs(invitation, now),
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      },
    ],
  };
}

/** The notice that a convened meeting will not take place, with the calendar entry that removes it. */
export function cancellationLetter(invitation: Invitation, now: Date, reason: string): Mail {
  return {
    to: invitation.recipientEmail,
    subject: `Seduta annullata – ${invitation.tableName} – ${momentFormat.format(invitation.startsAt)}`,
    text: [
      `Gentile ${invitation.recipientName},`,
      '',
      `la seduta «${invitation.title}» del ${invitation.tableName}, convocata per ` +
        `${momentFormat.format(invitation.startsAt)}, è annullata.`,
      `Motivo: ${reason}`,
      `Dettagli su LOVIT: ${invitation.link}`,
      'In allegato l’annullamento in formato calendario (.ics).',
      '',
      secretariat(),
    ].join('\n'),
    attachments: [
      {
        filename: 'annullamento.ics',
        content: meetingIcs(invitation, now, true),
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
      },
    ],
  };
}

export function minutesCirculatedLetter(notice: {
  to: string;
  recipientName: string;
  tableName: string;
  title: string;
  version: number;
  link: string;
}): Mail {
  return {
    to: notice.to,
    subject: `Verbale in visione – ${notice.tableName} – ${notice.title}`,
    text: [
      `Gentile ${notice.recipientName},`,
      '',
      `il verbale (versione ${notice.version}) della seduta «${notice.title}» del ${notice.tableName} è in visione ` +
        'per le osservazioni dei partecipanti prima dell’approvazione.',
      `Può leggerlo e commentarlo su LOVIT: ${notice.link}`,
      '',
      secretariat(),
    ].join('\n'),
  };
}

export function actionReminderLetter(reminder: {
  to: string;
  ownerName: string;
  title: string;
  tableName: string;
  dueOn: string;
  link: string;
}): Mail {
  return {
    to: reminder.to,
    subject: `Promemoria: azione in scadenza il ${dayFormat.format(new Date(`${reminder.dueOn}T12:00:00Z`))}`,
    text: [
      `Gentile ${reminder.ownerName},`,
      '',
      `l’azione «${reminder.title}», assegnata dal ${reminder.tableName}, scade il ` +
        `${dayFormat.format(new Date(`${reminder.dueOn}T12:00:00Z`))}.`,
      `Può aggiornarne lo stato e annotarne l’avanzamento su LOVIT: ${reminder.link}`,
      '',
      secretariat(),
    ].join('\n'),
  };
}
